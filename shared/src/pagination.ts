import { z } from 'zod';

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PageQuery = z.input<typeof pageQuerySchema>;

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(item) });
}
export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}
