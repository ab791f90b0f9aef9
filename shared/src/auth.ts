import { z } from 'zod';
import { LOCALES, USER_ROLES } from './enums';

export const PASSWORD_MIN_LENGTH = 10;

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: 'Enter a valid email address' })).pipe(z.string().max(254));
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: `Use at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(200, { message: 'Use at most 200 characters' });
export const personNameSchema = z.string().trim().min(1, { message: 'Enter a name' }).max(120);

export const userRoleSchema = z.enum(USER_ROLES);
export const localeSchema = z.enum(LOCALES);

export const sessionUserSchema = z.object({
  id: z.guid(),
  email: z.string(),
  name: z.string(),
  role: userRoleSchema,
  locale: localeSchema,
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const setupStatusSchema = z.object({ needsSetup: z.boolean(), demoAvailable: z.boolean() });
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export const setupRequestSchema = z.object({
  email: emailSchema,
  name: personNameSchema,
  password: passwordSchema,
  locale: localeSchema,
  loadDemo: z.boolean().default(false),
});
export type SetupRequest = z.input<typeof setupRequestSchema>;

export const signInRequestSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { message: 'Enter your password' }).max(200),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const updateMeRequestSchema = z.object({
  name: personNameSchema.optional(),
  locale: localeSchema.optional(),
});
export type UpdateMeRequest = z.infer<typeof updateMeRequestSchema>;

export const passwordResetRequestSchema = z.object({ email: emailSchema });
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

export const passwordResetConfirmSchema = z.object({
  token: z.string().min(20).max(200),
  password: passwordSchema,
});
export type PasswordResetConfirm = z.infer<typeof passwordResetConfirmSchema>;
