import { describe, expect, it } from '@jest/globals';
import type { PublicEvent, PublicInvitation, RegistrationQuestion } from '@fulcrum/shared';
import {
  canRegisterInOneClick,
  invitationState,
  invitationTokenFrom,
  invitedEmailProblem,
  prefilledForm,
  registrationAvailable,
  withoutInvitation,
} from './invitation';

const TOKEN = 'Zx9_Qw-3fGhJkLmNoPqRsTuVwXyZ0123456789abcd';

const INVITATION: PublicInvitation = {
  eventSlug: 'ai-summit-k7m2qx',
  name: '王伟',
  email: 'wang.wei@example.com',
  company: '华东自动化',
  title: null,
  locale: 'zh-CN',
  registrationToken: null,
};

const NOW = Date.parse('2026-05-01T00:00:00Z');

function event(overrides: Partial<PublicEvent> = {}): PublicEvent {
  return {
    slug: 'ai-summit-k7m2qx',
    title: 'AI 创新峰会 2026',
    description: '',
    format: 'hybrid',
    status: 'scheduled',
    startsAt: '2026-06-01T06:00:00Z',
    endsAt: '2026-06-01T09:00:00Z',
    timeZone: 'Asia/Shanghai',
    venue: null,
    agenda: [],
    speakers: [],
    questions: [],
    registrationMode: 'open',
    registrationOpen: true,
    full: false,
    ...overrides,
  };
}

const question = (overrides: Partial<RegistrationQuestion>): RegistrationQuestion => ({ key: 'role', label: 'Your role', type: 'text', required: false, options: [], ...overrides });

describe('invitationTokenFrom', () => {
  it.each([
    [`?i=${TOKEN}`, TOKEN],
    [`?utm_source=email&i=${TOKEN}&ref=abc`, TOKEN],
    ['?i=%20%20', null],
    ['?i=', null],
    ['?ref=abc', null],
    ['', null],
    [`?i=${'x'.repeat(129)}`, null],
  ])('%s', (search, token) => {
    expect(invitationTokenFrom(search)).toBe(token);
  });
});

describe('withoutInvitation', () => {
  it.each([
    [`?i=${TOKEN}`, ''],
    [`?utm_source=email&i=${TOKEN}&utm_campaign=q3`, '?utm_source=email&utm_campaign=q3'],
    ['?ref=abc', '?ref=abc'],
    ['', ''],
  ])('%s → %s', (search, rest) => {
    expect(withoutInvitation(search)).toBe(rest);
  });
});

describe('invitationState', () => {
  it('has no invitation without a token', () => {
    expect(invitationState('ai-summit-k7m2qx', null, null)).toEqual({ kind: 'none' });
  });

  it('takes an invitation to this event', () => {
    expect(invitationState('ai-summit-k7m2qx', TOKEN, INVITATION)).toEqual({ kind: 'valid', token: TOKEN, invitation: INVITATION });
  });

  it('calls an unknown token, or another event’s invitation, not valid', () => {
    expect(invitationState('ai-summit-k7m2qx', TOKEN, null)).toEqual({ kind: 'invalid' });
    expect(invitationState('cloud-day-x1y2z3', TOKEN, INVITATION)).toEqual({ kind: 'invalid' });
  });
});

describe('prefilledForm', () => {
  it('fills in who was invited, leaves the phone and every answer empty', () => {
    const questions = [question({ key: 'team' }), question({ key: 'topics', type: 'multiselect', options: ['AI'] }), question({ key: 'consent', type: 'checkbox' })];
    expect(prefilledForm(questions, INVITATION)).toEqual({
      name: '王伟',
      email: 'wang.wei@example.com',
      company: '华东自动化',
      title: '',
      phone: '',
      answers: { team: '', topics: [], consent: false },
    });
  });
});

describe('canRegisterInOneClick', () => {
  it.each<[string, RegistrationQuestion[], Partial<PublicInvitation>, boolean]>([
    ['no questions', [], {}, true],
    ['optional questions only', [question({}), question({ key: 'news', type: 'checkbox' })], {}, true],
    ['a required text question', [question({ required: true })], {}, false],
    ['a required select', [question({ type: 'select', required: true, options: ['IT', 'Business'] })], {}, false],
    ['a required consent box', [question({ type: 'checkbox', required: true })], {}, false],
    ['an invitation without a name (a pasted list of addresses)', [], { name: '' }, false],
    ['an address the form would refuse', [], { email: 'wang.wei@example' }, false],
  ])('%s → %s', (_label, questions, invitation, oneClick) => {
    expect(canRegisterInOneClick(prefilledForm(questions, { ...INVITATION, ...invitation }), questions, 'zh-CN')).toBe(oneClick);
  });
});

describe('registrationAvailable', () => {
  const invite = { registrationMode: 'invite' as const, registrationOpen: false };
  it.each<[string, Partial<PublicEvent>, boolean, boolean]>([
    ['an open event, anyone', {}, false, true],
    ['an open event, an invitee', {}, true, true],
    ['an invite-only event, a visitor without invitation', invite, false, false],
    ['an invite-only event, an invitee', invite, true, true],
    ['an invite-only event already live, an invitee', { ...invite, status: 'live' }, true, true],
    ['an invite-only event that has ended, an invitee', { ...invite, status: 'ended' }, true, false],
    ['an invite-only event past its end time, an invitee', { ...invite, endsAt: '2026-04-30T00:00:00Z' }, true, false],
    ['a closed open event, an invitee (the invitation does not reopen it)', { registrationOpen: false, status: 'ended' }, true, false],
  ])('%s → %s', (_label, overrides, invited, available) => {
    expect(registrationAvailable(event(overrides), invited, NOW)).toBe(available);
  });
});

describe('invitedEmailProblem', () => {
  const inviteOnly = event({ registrationMode: 'invite', registrationOpen: false });
  it('says an invite-only event takes only the invited address', () => {
    expect(invitedEmailProblem('li.na@example.com', inviteOnly, INVITATION)).toEqual({ key: 'error.invitationEmail', params: { email: 'wang.wei@example.com' } });
  });

  it('takes the invited address however it is typed', () => {
    expect(invitedEmailProblem(' Wang.Wei@EXAMPLE.com ', inviteOnly, INVITATION)).toBeNull();
    expect(invitedEmailProblem('Wang.Wei＠Example．com', inviteOnly, INVITATION)).toBeNull();
  });

  it('lets an open event take another address (a forwarded link) and leaves a malformed one to the form', () => {
    expect(invitedEmailProblem('li.na@example.com', event(), INVITATION)).toBeNull();
    expect(invitedEmailProblem('not-an-email', inviteOnly, INVITATION)).toBeNull();
  });
});
