import { z } from 'zod';

/**
 * Every error the API returns has this shape. `code` is stable and translated by the UI;
 * `message` is English for logs and API users; `details` lists field problems.
 */
export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const ERROR_CODES = [
  'validation.failed',
  'auth.unauthenticated',
  'auth.forbidden',
  'auth.invalid_credentials',
  'auth.throttled',
  'auth.account_disabled',
  'auth.reset_token_invalid',
  'setup.already_done',
  'setup.required',
  'users.email_taken',
  'users.not_found',
  'users.last_admin',
  'outbox.not_found',
  'outbox.disabled',
  'demo.already_loaded',
  'segments.bad_filter',
  'segments.not_found',
  'segments.name_taken',
  'tags.not_found',
  'tags.name_taken',
  'tags.category_not_found',
  'tags.category_name_taken',
  'tags.category_not_empty',
  'tags.record_not_found',
  'tags.target_mismatch',
  'imports.not_found',
  'imports.bad_state',
  'imports.file_too_large',
  'imports.file_missing',
  'imports.file_empty',
  'imports.header_only',
  'imports.unsupported_type',
  'imports.encoding_unknown',
  'imports.xlsx_corrupt',
  'imports.sheet_not_found',
  'imports.too_many_shared_strings',
  'privacy.contact_not_found',
  'privacy.suppression_not_found',
  'privacy.confirmation_mismatch',
  'privacy.consent_needs_opt_in',
  'companies.not_found',
  'companies.credit_code_taken',
  'contacts.not_found',
  'contacts.identity_taken',
  'contacts.consent_withdrawn',
  'merges.not_found',
  'merges.invalid',
  'merges.not_undoable',
  'merges.undo_conflict',
  'not_found',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
