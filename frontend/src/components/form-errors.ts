import type { FormInstance } from 'antd';
import { isApiRequestError } from '@/api/client';

/**
 * Puts the server's field problems (`details`) on the matching form fields.
 * Returns true when at least one landed on a field, so the caller can skip a generic banner.
 */
export function showFieldErrors(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!isApiRequestError(error) || !error.error.details?.length) return false;
  const byField = new Map<string, string[]>();
  for (const detail of error.error.details) {
    const name = fields.includes(detail.path) ? detail.path : detail.path.split('.').pop();
    if (!name || !fields.includes(name)) continue;
    byField.set(name, [...(byField.get(name) ?? []), detail.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}

/** Puts one known error (a name already taken, say) on its field. Returns true when the error was that one. */
export function showCodeOnField(form: FormInstance, error: unknown, code: string, field: string, message: string): boolean {
  if (!isApiRequestError(error) || error.code !== code) return false;
  form.setFields([{ name: field, errors: [message] }]);
  return true;
}
