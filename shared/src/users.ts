import { z } from 'zod';
import { emailSchema, localeSchema, passwordSchema, personNameSchema, userRoleSchema } from './auth';

export const userSchema = z.object({
  id: z.guid(),
  email: z.string(),
  name: z.string(),
  role: userRoleSchema,
  locale: localeSchema,
  disabled: z.boolean(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

/** Without a password, the new user receives an email with a link to choose one. */
export const createUserRequestSchema = z.object({
  email: emailSchema,
  name: personNameSchema,
  role: userRoleSchema,
  locale: localeSchema.default('zh-CN'),
  password: passwordSchema.optional(),
});
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z.object({
  name: personNameSchema.optional(),
  role: userRoleSchema.optional(),
  locale: localeSchema.optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;
