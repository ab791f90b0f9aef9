import { z } from 'zod';
import { COMPANY_TIERS, LOCALES, SENIORITIES } from './enums';
import { pageQuerySchema } from './pagination';

/**
 * An invitation campaign: one event, an audience (a segment or a pasted list) and a message with
 * variants by contact attribute. `draft` is edited; `scheduled` starts by itself at its time; `sending`
 * is being delivered; `paused` keeps its place; `sent` and `cancelled` are over.
 */
export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * A recipient's furthest step. `skipped` was never sent (suppressed, consent withdrawn, campaign
 * cancelled); `failed` was refused by the mail server, with its reason.
 */
export const INVITATION_STATUSES = [
  'queued',
  'sending',
  'sent',
  'failed',
  'bounced',
  'opened',
  'clicked',
  'registered',
  'unsubscribed',
  'skipped',
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/**
 * What a template may use. `{{name}}`, `{{company}}`… are filled per recipient; an empty value renders
 * as nothing, so `{{#if title}}…{{/if}}` guards optional text. Anything else is refused at save time.
 */
export const TEMPLATE_VARIABLES = [
  'name',
  'firstName',
  'email',
  'title',
  'company',
  'salesOwner',
  'eventTitle',
  'eventWhen',
  'eventVenue',
  'inviteUrl',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** Contact attributes a variant can be chosen by. The first variant that matches wins; none: the default text. */
export const VARIANT_FIELDS = ['seniority', 'department', 'buyingRole', 'industry', 'tier', 'locale'] as const;
export type VariantField = (typeof VARIANT_FIELDS)[number];

export const CAMPAIGN_LIMITS = {
  name: 200,
  subject: 300,
  body: 20_000,
  variants: 20,
  /** Lines of a pasted audience. */
  pastedRecipients: 10_000,
  /** Messages per minute: at most… */
  maxRate: 60_000,
} as const;

const subjectSchema = z.string().trim().min(1, { message: 'Enter a subject' }).max(CAMPAIGN_LIMITS.subject);
const bodySchema = z.string().trim().min(1, { message: 'Write the message' }).max(CAMPAIGN_LIMITS.body);

export const campaignVariantSchema = z.object({
  name: z.string().trim().min(1).max(100),
  field: z.enum(VARIANT_FIELDS),
  /** Matched without regard to case; a contact matches when its value is one of these. */
  values: z.array(z.string().trim().min(1).max(200)).min(1, { message: 'Pick at least one value' }).max(200),
  subject: subjectSchema,
  body: bodySchema,
});
export type CampaignVariant = z.infer<typeof campaignVariantSchema>;

export const campaignAudienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('segment'), segmentId: z.string().uuid() }),
  /** One recipient per line: `email`, `Name <email>` or `email, Name`. */
  z.object({ kind: z.literal('list'), text: z.string().max(2_000_000) }),
]);
export type CampaignAudience = z.infer<typeof campaignAudienceSchema>;

export const saveCampaignRequestSchema = z.object({
  name: z.string().trim().min(1, { message: 'Name the campaign' }).max(CAMPAIGN_LIMITS.name),
  eventId: z.string().uuid(),
  audience: campaignAudienceSchema,
  subject: subjectSchema,
  body: bodySchema,
  variants: z.array(campaignVariantSchema).max(CAMPAIGN_LIMITS.variants).default([]),
  /** Messages per minute; null sends as fast as the workers can. */
  ratePerMinute: z.number().int().min(1).max(CAMPAIGN_LIMITS.maxRate).nullable().default(null),
});
export type SaveCampaignRequest = z.input<typeof saveCampaignRequestSchema>;

export const scheduleCampaignRequestSchema = z.object({
  /** ISO time; null or omitted: start now. */
  at: z.string().datetime({ offset: true }).nullable().optional(),
});

export const campaignPreviewRequestSchema = saveCampaignRequestSchema.extend({
  /** Preview as this contact; omitted: the first recipient of the audience. */
  contactId: z.string().uuid().optional(),
});

export const testSendRequestSchema = campaignPreviewRequestSchema.extend({
  to: z.string().trim().email().max(320),
});

export const CAMPAIGN_FUNNEL_STEPS = ['recipients', 'sent', 'opened', 'clicked', 'registered'] as const;

export const campaignCountsSchema = z.object({
  recipients: z.number().int(),
  queued: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  bounced: z.number().int(),
  opened: z.number().int(),
  clicked: z.number().int(),
  registered: z.number().int(),
  unsubscribed: z.number().int(),
  /** Queued again after a transient failure (e.g. the mail server was unreachable): retried with backoff. */
  retrying: z.number().int(),
});
export type CampaignCounts = z.infer<typeof campaignCountsSchema>;

export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  eventId: z.string(),
  eventTitle: z.string(),
  audience: campaignAudienceSchema,
  /** The segment's name when the audience is one. */
  segmentName: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  variants: z.array(campaignVariantSchema),
  ratePerMinute: z.number().nullable(),
  status: z.enum(CAMPAIGN_STATUSES),
  scheduledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  counts: campaignCountsSchema,
  /** Why queued invitations are waiting to be retried (the latest reason), when some are. */
  retryReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Campaign = z.infer<typeof campaignSchema>;

export const campaignPreviewSchema = z.object({
  /** Who the preview was rendered for. */
  recipient: z.object({ contactId: z.string().nullable(), name: z.string(), email: z.string(), locale: z.enum(LOCALES) }),
  /** The variant chosen for them, or null for the default text. */
  variant: z.string().nullable(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  /** How many people the audience holds now (before suppressions at send time). */
  audienceSize: z.number().int(),
  /** Lines of a pasted list that are not an address. */
  rejectedLines: z.array(z.object({ line: z.number().int(), text: z.string(), reason: z.string() })),
});
export type CampaignPreview = z.infer<typeof campaignPreviewSchema>;

export const invitationSchema = z.object({
  id: z.string(),
  contactId: z.string().nullable(),
  email: z.string(),
  name: z.string(),
  company: z.string().nullable(),
  variant: z.string().nullable(),
  status: z.enum(INVITATION_STATUSES),
  error: z.string().nullable(),
  sentAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  clickedAt: z.string().nullable(),
  registeredAt: z.string().nullable(),
  unsubscribedAt: z.string().nullable(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const invitationListQuerySchema = pageQuerySchema.extend({
  status: z.enum(INVITATION_STATUSES).optional(),
  q: z.string().trim().max(200).optional(),
});

/** What a personal invitation link opens: the registration form, filled in. */
export const publicInvitationSchema = z.object({
  eventSlug: z.string(),
  name: z.string(),
  email: z.string(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  locale: z.enum(LOCALES),
  /** Already registered through this invitation (or before it): the personal page's token. */
  registrationToken: z.string().nullable(),
});
export type PublicInvitation = z.infer<typeof publicInvitationSchema>;

export const unsubscribeResultSchema = z.object({
  email: z.string(),
  unsubscribed: z.boolean(),
});
export type UnsubscribeResult = z.infer<typeof unsubscribeResultSchema>;

/** Values a variant field offers in the editor (free text fields such as department have none). */
export const VARIANT_FIELD_VALUES: Partial<Record<VariantField, readonly string[]>> = {
  seniority: SENIORITIES,
  tier: COMPANY_TIERS,
  locale: LOCALES,
};
