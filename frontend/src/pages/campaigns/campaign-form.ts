import { CAMPAIGN_FUNNEL_STEPS, TEMPLATE_VARIABLES } from '@fulcrum/shared';
import type { Campaign, CampaignAudience, CampaignCounts, CampaignStatus, SaveCampaignRequest, TemplateVariable, VariantField } from '@fulcrum/shared';

export type AudienceKind = CampaignAudience['kind'];

export interface VariantFormValues {
  name: string;
  field: VariantField;
  values: string[];
  subject: string;
  body: string;
}

/**
 * What the editor's antd Form holds. Both audiences are kept while the organizer switches between
 * them, so a pasted list survives a look at the segments; `toRequest` sends the chosen one.
 */
export interface CampaignFormValues {
  name: string;
  eventId: string | null;
  audienceKind: AudienceKind;
  segmentId: string | null;
  listText: string;
  subject: string;
  body: string;
  variants: VariantFormValues[];
  ratePerMinute: number | null;
}

export type FieldName = Array<string | number>;

/** A blank campaign; the subject and body start from a ready-made invitation in the organizer's language. */
export function newCampaignValues(eventId: string | null, text: { subject: string; body: string }): CampaignFormValues {
  return {
    name: '',
    eventId,
    audienceKind: 'segment',
    segmentId: null,
    listText: '',
    subject: text.subject,
    body: text.body,
    variants: [],
    ratePerMinute: null,
  };
}

export function campaignToValues(campaign: Campaign): CampaignFormValues {
  return {
    name: campaign.name,
    eventId: campaign.eventId,
    audienceKind: campaign.audience.kind,
    segmentId: campaign.audience.kind === 'segment' ? campaign.audience.segmentId : null,
    listText: campaign.audience.kind === 'list' ? campaign.audience.text : '',
    subject: campaign.subject,
    body: campaign.body,
    variants: campaign.variants.map((variant) => ({ ...variant, values: [...variant.values] })),
    ratePerMinute: campaign.ratePerMinute,
  };
}

function trimmed(value: string | null | undefined): string {
  return (value ?? '').trim();
}

/** The save body of what the form holds; every variant row is kept so the server's indexes are the form's. */
export function toRequest(values: Partial<CampaignFormValues>): SaveCampaignRequest {
  const audience: CampaignAudience =
    values.audienceKind === 'list' ? { kind: 'list', text: values.listText ?? '' } : { kind: 'segment', segmentId: values.segmentId ?? '' };
  return {
    name: trimmed(values.name),
    eventId: values.eventId ?? '',
    audience,
    subject: trimmed(values.subject),
    body: trimmed(values.body),
    variants: (values.variants ?? []).map((variant) => ({
      name: trimmed(variant?.name),
      field: variant?.field ?? 'seniority',
      values: [...new Set((variant?.values ?? []).map((value) => value.trim()).filter(Boolean))],
      subject: trimmed(variant?.subject),
      body: trimmed(variant?.body),
    })),
    ratePerMinute: values.ratePerMinute ?? null,
  };
}

/** Whether two save bodies say the same thing: what "unsaved changes" compares. */
export function sameRequest(a: SaveCampaignRequest, b: SaveCampaignRequest): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const TOP_FIELDS = new Set(['name', 'eventId', 'subject', 'body', 'ratePerMinute']);
const VARIANT_FIELDS_OF_ROW = new Set(['name', 'field', 'values', 'subject', 'body']);

/**
 * The form field a server problem's path belongs to (`subject`, `audience.segmentId`,
 * `variants.0.body`, `variants.1.values.0`), or null when no field shows it (the page's banner does).
 */
export function fieldOfPath(path: string, audienceKind: AudienceKind, variantCount: number): FieldName | null {
  const [head, ...rest] = path.split('.');
  if (!head) return null;
  if (TOP_FIELDS.has(head)) return [head];
  if (head === 'audience') return [audienceKind === 'list' ? 'listText' : 'segmentId'];
  if (head === 'variants') {
    const index = Number(rest[0]);
    const field = rest[1];
    if (!Number.isInteger(index) || index < 0 || index >= variantCount || !field || !VARIANT_FIELDS_OF_ROW.has(field)) return null;
    return ['variants', index, field];
  }
  return null;
}

/** The DOM id antd gives a field's input in the form named `formName`. */
export function fieldId(formName: string, name: FieldName): string {
  return [formName, ...name].join('_');
}

/**
 * Where a variable chip inserts: the template field last focused when it is one of the chip bar's
 * (the campaign's own subject and body for `group` [], a variant's for ['variants', 2]), else that group's body.
 */
export function templateTarget(lastFocused: FieldName | null, group: FieldName): FieldName {
  const inGroup =
    lastFocused !== null &&
    lastFocused.length === group.length + 1 &&
    group.every((part, index) => lastFocused[index] === part) &&
    (lastFocused[group.length] === 'subject' || lastFocused[group.length] === 'body');
  return inGroup ? lastFocused : [...group, 'body'];
}

/** `text` with `insert` in place of the selection `start`–`end`, and where the cursor goes after it. */
export function insertAtCursor(text: string, start: number | null, end: number | null, insert: string): { text: string; cursor: number } {
  const from = Math.max(0, Math.min(start ?? text.length, text.length));
  const to = Math.max(from, Math.min(end ?? from, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), cursor: from + insert.length };
}

export function variableToken(variable: TemplateVariable): string {
  return `{{${variable}}}`;
}

const KNOWN_VARIABLES = new Set<string>(TEMPLATE_VARIABLES);
// `{{name}}`, `{{{name}}}`, `{{#if name}}`, `{{#unless name}}`: the forms whose variable can be read
// without a template parser. Anything odder is left for the server, which parses properly.
const SIMPLE_REFERENCE = /\{\{\{?\s*(?:#(?:if|unless)\s+)?([A-Za-z_][\w]*)\s*\}?\}\}/g;

/** Variables a template uses that it may not, in the order first used; the server refuses them. */
export function unknownVariables(text: string): string[] {
  const unknown: string[] = [];
  for (const match of text.matchAll(SIMPLE_REFERENCE)) {
    const name = match[1] ?? '';
    if (name === 'else' || KNOWN_VARIABLES.has(name) || unknown.includes(name)) continue;
    unknown.push(name);
  }
  return unknown;
}

/** How many non-blank lines a pasted audience has (the preview then says how many are addresses). */
export function pastedLineCount(text: string): number {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '').length;
}

/** A rejected pasted line's reason, for translation: the server words the two it knows in English. */
export type RejectedReason = { kind: 'invalid' } | { kind: 'duplicate'; line: number } | { kind: 'other'; text: string };

export function rejectedReason(reason: string): RejectedReason {
  if (/^not a valid email address$/i.test(reason.trim())) return { kind: 'invalid' };
  const duplicate = /^same address as line (\d+)$/i.exec(reason.trim());
  if (duplicate) return { kind: 'duplicate', line: Number(duplicate[1]) };
  return { kind: 'other', text: reason };
}

/** Drafts and scheduled campaigns are edited; from `sending` on, the page shows delivery instead. */
export function isEditable(status: CampaignStatus): boolean {
  return status === 'draft' || status === 'scheduled';
}

export type CampaignAction = 'pause' | 'resume' | 'cancel';

/** What can be done to a campaign from each status (the server enforces the same). */
export const CAMPAIGN_ACTIONS: Record<CampaignStatus, readonly CampaignAction[]> = {
  draft: [],
  scheduled: ['cancel'],
  sending: ['pause', 'cancel'],
  paused: ['resume', 'cancel'],
  sent: [],
  cancelled: [],
};

/** Delivery so far: everyone the campaign is done with (sent, refused or skipped) out of its recipients. */
export function campaignProgress(counts: CampaignCounts): { processed: number; total: number; percent: number } {
  const total = counts.recipients;
  const processed = Math.min(total, counts.sent + counts.failed + counts.skipped);
  const percent = total === 0 ? 0 : Math.floor((processed / total) * 100);
  return { processed, total, percent };
}

/** `part` as a whole percentage of `whole`, or null when there is no whole to speak of. */
export function percentOf(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

export type FunnelStep = (typeof CAMPAIGN_FUNNEL_STEPS)[number];

/**
 * The funnel's steps with the rate each is measured by: sent of the recipients, the rest of those
 * sent (an open, a click, a registration is only possible once a message has left).
 */
export function funnelSteps(counts: CampaignCounts): Array<{ step: FunnelStep; count: number; rate: number | null }> {
  return CAMPAIGN_FUNNEL_STEPS.map((step) => ({
    step,
    count: counts[step],
    rate: step === 'recipients' ? null : percentOf(counts[step], step === 'sent' ? counts.recipients : counts.sent),
  }));
}
