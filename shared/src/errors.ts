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
  'not_found',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
