import { describe, expect, it } from '@jest/globals';
import { saveCampaignRequestSchema } from '@fulcrum/shared';
import type { Campaign, CampaignCounts } from '@fulcrum/shared';
import {
  campaignProgress,
  campaignToValues,
  fieldOfPath,
  funnelSteps,
  insertAtCursor,
  isEditable,
  newCampaignValues,
  pastedLineCount,
  percentOf,
  rejectedReason,
  sameRequest,
  templateTarget,
  toRequest,
  unknownVariables,
} from './campaign-form';
import type { CampaignFormValues } from './campaign-form';

const EVENT_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const SEGMENT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';

const ZERO: CampaignCounts = { recipients: 0, queued: 0, sent: 0, failed: 0, skipped: 0, bounced: 0, opened: 0, clicked: 0, registered: 0, unsubscribed: 0, retrying: 0 };

function values(overrides: Partial<CampaignFormValues> = {}): CampaignFormValues {
  return { ...newCampaignValues(EVENT_ID, { subject: 'You are invited: {{eventTitle}}', body: 'Dear {{name}},' }), name: 'Spring summit', segmentId: SEGMENT_ID, ...overrides };
}

function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 'c1',
    name: 'Spring summit',
    eventId: EVENT_ID,
    eventTitle: 'Summit',
    audience: { kind: 'segment', segmentId: SEGMENT_ID },
    segmentName: 'Directors',
    subject: 'Hi {{firstName}}',
    body: 'Dear {{name}},',
    variants: [{ name: 'Executives', field: 'seniority', values: ['c_level', 'vp'], subject: 'For {{title}}', body: 'Dear {{name}}, executives…' }],
    ratePerMinute: 120,
    status: 'draft',
    scheduledAt: null,
    startedAt: null,
    finishedAt: null,
    counts: ZERO,
    retryReason: null,
    createdAt: '2026-03-01T08:00:00.000Z',
    updatedAt: '2026-03-01T08:00:00.000Z',
    ...overrides,
  };
}

describe('toRequest', () => {
  it('sends the segment audience and a valid body for a filled-in form', () => {
    const request = toRequest(values({ name: '  Spring summit ', subject: ' Hello {{name}} ' }));
    expect(request).toEqual({
      name: 'Spring summit',
      eventId: EVENT_ID,
      audience: { kind: 'segment', segmentId: SEGMENT_ID },
      subject: 'Hello {{name}}',
      body: 'Dear {{name}},',
      variants: [],
      ratePerMinute: null,
    });
    expect(saveCampaignRequestSchema.safeParse(request).success).toBe(true);
  });

  it('sends the pasted list, not the segment, when the list is chosen', () => {
    const request = toRequest(values({ audienceKind: 'list', listText: 'ada@example.com\nGrace <grace@example.com>' }));
    expect(request.audience).toEqual({ kind: 'list', text: 'ada@example.com\nGrace <grace@example.com>' });
  });

  it('trims variant values, drops empty ones and repeats, and keeps every row', () => {
    const request = toRequest(
      values({
        variants: [
          { name: ' Execs ', field: 'seniority', values: [' vp', 'vp', '', 'c_level'], subject: 'S', body: 'B' },
          { name: '', field: 'department', values: [], subject: '', body: '' },
        ],
      }),
    );
    expect(request.variants).toEqual([
      { name: 'Execs', field: 'seniority', values: ['vp', 'c_level'], subject: 'S', body: 'B' },
      { name: '', field: 'department', values: [], subject: '', body: '' },
    ]);
  });

  it('copes with what a half-mounted form returns', () => {
    expect(toRequest({})).toMatchObject({ name: '', eventId: '', audience: { kind: 'segment', segmentId: '' }, variants: [], ratePerMinute: null });
  });

  it('gives back the saved campaign unchanged after a round trip through the form', () => {
    const saved = campaign();
    const { name, eventId, audience, subject, body, variants, ratePerMinute } = saved;
    expect(toRequest(campaignToValues(saved))).toEqual({ name, eventId, audience, subject, body, variants, ratePerMinute });
    expect(sameRequest(toRequest(campaignToValues(saved)), toRequest(campaignToValues(saved)))).toBe(true);
  });

  it('keeps a saved pasted list when the form shows it', () => {
    const form = campaignToValues(campaign({ audience: { kind: 'list', text: 'a@example.com' }, segmentName: null }));
    expect(form).toMatchObject({ audienceKind: 'list', listText: 'a@example.com', segmentId: null });
  });
});

describe('fieldOfPath', () => {
  it.each([
    ['subject', 'segment', 0, ['subject']],
    ['body', 'segment', 0, ['body']],
    ['name', 'segment', 0, ['name']],
    ['ratePerMinute', 'segment', 0, ['ratePerMinute']],
    ['audience.segmentId', 'segment', 0, ['segmentId']],
    ['audience.text', 'list', 0, ['listText']],
    ['audience', 'list', 0, ['listText']],
    ['variants.0.body', 'segment', 1, ['variants', 0, 'body']],
    ['variants.1.values.0', 'segment', 2, ['variants', 1, 'values']],
    ['variants.2.body', 'segment', 2, null],
    ['variants.x.body', 'segment', 2, null],
    ['variants', 'segment', 2, null],
    ['contactId', 'segment', 0, null],
    ['', 'segment', 0, null],
  ] as const)('%s (%s, %d variants) → %j', (path, kind, count, expected) => {
    expect(fieldOfPath(path, kind, count)).toEqual(expected);
  });
});

describe('templateTarget', () => {
  it('inserts into the last focused field of the same group', () => {
    expect(templateTarget(['subject'], [])).toEqual(['subject']);
    expect(templateTarget(['variants', 1, 'subject'], ['variants', 1])).toEqual(['variants', 1, 'subject']);
  });

  it("falls back to the group's body", () => {
    expect(templateTarget(null, [])).toEqual(['body']);
    expect(templateTarget(['variants', 0, 'subject'], [])).toEqual(['body']);
    expect(templateTarget(['subject'], ['variants', 0])).toEqual(['variants', 0, 'body']);
    expect(templateTarget(['variants', 1, 'body'], ['variants', 0])).toEqual(['variants', 0, 'body']);
    expect(templateTarget(['name'], [])).toEqual(['body']);
  });
});

describe('insertAtCursor', () => {
  it.each([
    ['Dear ,', 5, 5, '{{name}}', 'Dear {{name}},', 13],
    ['Dear X,', 5, 6, '{{name}}', 'Dear {{name}},', 13],
    ['', 0, 0, '{{name}}', '{{name}}', 8],
    ['Hello', null, null, ' {{name}}', 'Hello {{name}}', 14],
    ['Hello', 99, 120, '!', 'Hello!', 6],
    ['Hello', 3, 1, '-', 'Hel-lo', 4],
  ])('%j at %s–%s', (text, start, end, insert, expected, cursor) => {
    expect(insertAtCursor(text, start, end, insert)).toEqual({ text: expected, cursor });
  });
});

describe('unknownVariables', () => {
  it('accepts the known variables in every simple form', () => {
    expect(unknownVariables('{{name}} {{{company}}} {{#if title}}{{title}}{{else}}x{{/if}} {{#unless salesOwner}}—{{/unless}} {{ eventTitle }}')).toEqual([]);
  });

  it('names each unknown variable once, in order', () => {
    expect(unknownVariables('Hi {{fristName}}, {{#if job}}{{job}}{{/if}} {{fristName}}')).toEqual(['fristName', 'job']);
  });

  it('leaves what it cannot read to the server', () => {
    expect(unknownVariables('{{> partial}} {{lookup a b}} {{name.first}} {{#each list}}')).toEqual([]);
  });
});

describe('rejectedReason', () => {
  it.each([
    ['Not a valid email address', { kind: 'invalid' }],
    ['Same address as line 12', { kind: 'duplicate', line: 12 }],
    ['Something new', { kind: 'other', text: 'Something new' }],
  ])('%s', (reason, expected) => {
    expect(rejectedReason(reason)).toEqual(expected);
  });
});

it('counts the non-blank pasted lines', () => {
  expect(pastedLineCount('a@example.com\n\n  \r\nb@example.com\n')).toBe(2);
  expect(pastedLineCount('')).toBe(0);
});

it('edits drafts and scheduled campaigns only', () => {
  expect(['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled'].filter((status) => isEditable(status as Campaign['status']))).toEqual(['draft', 'scheduled']);
});

describe('campaignProgress', () => {
  it('counts sent, failed and skipped as done', () => {
    expect(campaignProgress({ ...ZERO, recipients: 200, sent: 120, failed: 5, skipped: 25, queued: 50, opened: 60 })).toEqual({ processed: 150, total: 200, percent: 75 });
  });

  it('is 0 % with nobody yet, and never beyond 100 %', () => {
    expect(campaignProgress(ZERO)).toEqual({ processed: 0, total: 0, percent: 0 });
    expect(campaignProgress({ ...ZERO, recipients: 3, sent: 3, skipped: 1 })).toEqual({ processed: 3, total: 3, percent: 100 });
  });

  it('rounds down, so 100 % means done', () => {
    expect(campaignProgress({ ...ZERO, recipients: 1000, sent: 999 }).percent).toBe(99);
  });
});

describe('funnel', () => {
  it('measures sent against the recipients and the rest against those sent', () => {
    const steps = funnelSteps({ ...ZERO, recipients: 400, sent: 200, opened: 100, clicked: 30, registered: 12 });
    expect(steps).toEqual([
      { step: 'recipients', count: 400, rate: null },
      { step: 'sent', count: 200, rate: 50 },
      { step: 'opened', count: 100, rate: 50 },
      { step: 'clicked', count: 30, rate: 15 },
      { step: 'registered', count: 12, rate: 6 },
    ]);
  });

  it('has no rates before anything is sent', () => {
    expect(funnelSteps(ZERO).map((step) => step.rate)).toEqual([null, null, null, null, null]);
  });

  it('keeps one decimal', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 0)).toBeNull();
  });
});
