import type { TFunction } from 'i18next';
import type { ErrorCode } from '@fulcrum/shared';
import { isApiRequestError } from '@/api/client';
import type { ClientErrorCode } from '@/api/client';

/** Every error code, the server's and the client's, has a translation; the compiler checks both sides. */
const ERROR_MESSAGE_KEYS = {
  'validation.failed': 'errors.validation.failed',
  'auth.unauthenticated': 'errors.auth.unauthenticated',
  'auth.forbidden': 'errors.auth.forbidden',
  'auth.invalid_credentials': 'errors.auth.invalid_credentials',
  'auth.throttled': 'errors.auth.throttled',
  'auth.account_disabled': 'errors.auth.account_disabled',
  'auth.reset_token_invalid': 'errors.auth.reset_token_invalid',
  'setup.already_done': 'errors.setup.already_done',
  'setup.required': 'errors.setup.required',
  'users.email_taken': 'errors.users.email_taken',
  'users.not_found': 'errors.users.not_found',
  'users.last_admin': 'errors.users.last_admin',
  'outbox.not_found': 'errors.outbox.not_found',
  'outbox.disabled': 'errors.outbox.disabled',
  'demo.already_loaded': 'errors.demo.already_loaded',
  'segments.bad_filter': 'errors.segments.bad_filter',
  'segments.not_found': 'errors.segments.not_found',
  'segments.name_taken': 'errors.segments.name_taken',
  'companies.not_found': 'errors.companies.not_found',
  'companies.credit_code_taken': 'errors.companies.credit_code_taken',
  'contacts.not_found': 'errors.contacts.not_found',
  'contacts.identity_taken': 'errors.contacts.identity_taken',
  'contacts.consent_withdrawn': 'errors.contacts.consent_withdrawn',
  'merges.not_found': 'errors.merges.not_found',
  'merges.invalid': 'errors.merges.invalid',
  'merges.not_undoable': 'errors.merges.not_undoable',
  'merges.undo_conflict': 'errors.merges.undo_conflict',
  'tags.not_found': 'errors.tags.not_found',
  'tags.name_taken': 'errors.tags.name_taken',
  'tags.category_not_found': 'errors.tags.category_not_found',
  'tags.category_name_taken': 'errors.tags.category_name_taken',
  'tags.category_not_empty': 'errors.tags.category_not_empty',
  'tags.record_not_found': 'errors.tags.record_not_found',
  'tags.target_mismatch': 'errors.tags.target_mismatch',
  'imports.not_found': 'errors.imports.not_found',
  'imports.bad_state': 'errors.imports.bad_state',
  'imports.file_too_large': 'errors.imports.file_too_large',
  'imports.file_missing': 'errors.imports.file_missing',
  'imports.file_empty': 'errors.imports.file_empty',
  'imports.header_only': 'errors.imports.header_only',
  'imports.unsupported_type': 'errors.imports.unsupported_type',
  'imports.encoding_unknown': 'errors.imports.encoding_unknown',
  'imports.xlsx_corrupt': 'errors.imports.xlsx_corrupt',
  'imports.sheet_not_found': 'errors.imports.sheet_not_found',
  'imports.too_many_shared_strings': 'errors.imports.too_many_shared_strings',
  'privacy.contact_not_found': 'errors.privacy.contact_not_found',
  'privacy.suppression_not_found': 'errors.privacy.suppression_not_found',
  'privacy.confirmation_mismatch': 'errors.privacy.confirmation_mismatch',
  'privacy.consent_needs_opt_in': 'errors.privacy.consent_needs_opt_in',
  'events.not_found': 'errors.events.not_found',
  'events.bad_transition': 'errors.events.bad_transition',
  'events.not_ready': 'errors.events.not_ready',
  'events.material_not_found': 'errors.events.material_not_found',
  'events.material_too_large': 'errors.events.material_too_large',
  'events.material_empty': 'errors.events.material_empty',
  'events.too_many_materials': 'errors.events.too_many_materials',
  'registrations.closed': 'errors.registrations.closed',
  'registrations.invite_only': 'errors.registrations.invite_only',
  'registrations.not_found': 'errors.registrations.not_found',
  'registrations.bad_state': 'errors.registrations.bad_state',
  'campaigns.not_found': 'errors.campaigns.not_found',
  'campaigns.bad_template': 'errors.campaigns.bad_template',
  'campaigns.bad_state': 'errors.campaigns.bad_state',
  'campaigns.empty_audience': 'errors.campaigns.empty_audience',
  'campaigns.event_closed': 'errors.campaigns.event_closed',
  'invitations.not_found': 'errors.invitations.not_found',
  'live.token_invalid': 'errors.live.token_invalid',
  'live.wrong_event': 'errors.live.wrong_event',
  'live.not_registered': 'errors.live.not_registered',
  'live.event_unavailable': 'errors.live.event_unavailable',
  'qa.not_found': 'errors.qa.not_found',
  'qa.bad_state': 'errors.qa.bad_state',
  'qa.closed': 'errors.qa.closed',
  'qa.rate_limited': 'errors.qa.rate_limited',
  'checkin.unavailable': 'errors.checkin.unavailable',
  'engagement.not_registered': 'errors.engagement.not_registered',
  'engagement.cta_not_found': 'errors.engagement.cta_not_found',
  'engagement.no_survey': 'errors.engagement.no_survey',
  'engagement.survey_not_open': 'errors.engagement.survey_not_open',
  'engagement.survey_closed': 'errors.engagement.survey_closed',
  'poll.not_found': 'errors.poll.not_found',
  'poll.bad_state': 'errors.poll.bad_state',
  'poll.closed': 'errors.poll.closed',
  'poll.invalid_answer': 'errors.poll.invalid_answer',
  'poll.already_answered': 'errors.poll.already_answered',
  'poll.rate_limited': 'errors.poll.rate_limited',
  'poll.too_many': 'errors.poll.too_many',
  'chat.not_found': 'errors.chat.not_found',
  'chat.closed': 'errors.chat.closed',
  'chat.rate_limited': 'errors.chat.rate_limited',
  not_found: 'errors.not_found',
  internal: 'errors.internal',
  'client.network': 'errors.client.network',
  'client.unreachable': 'errors.client.unreachable',
  'client.bad_response': 'errors.client.bad_response',
} as const satisfies Record<ErrorCode | ClientErrorCode, `errors.${string}`>;

function hasKey(code: string): code is keyof typeof ERROR_MESSAGE_KEYS {
  return Object.hasOwn(ERROR_MESSAGE_KEYS, code);
}

/** A translated error code, else the server's own message. */
export function codeMessage(t: TFunction, code: string, message: string): string {
  if (hasKey(code)) return t(ERROR_MESSAGE_KEYS[code]);
  return message || t('errors.unknown');
}

/** What to tell the user about a failure: the translated code, else the server's message. Never a stack. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!isApiRequestError(error)) return t('errors.unknown');
  return codeMessage(t, error.code, error.error.message);
}
