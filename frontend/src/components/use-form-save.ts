import { useCallback, useState } from 'react';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { showFieldErrors } from '@/components/form-errors';
import { errorMessage } from '@/i18n/error-message';

/**
 * The busy flag and error banner of one save button. `run` shows the save busy, puts the server's field
 * problems on their fields and the rest in the banner; `onError` may claim an error first (return true).
 */
export function useFormSave(form: FormInstance | null, fields: readonly string[]) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = useCallback(
    async (save: () => Promise<void>, onError?: (error: unknown) => boolean) => {
      setSaving(true);
      setFailure(null);
      try {
        await save();
      } catch (error) {
        if (onError?.(error)) return;
        if (!form || !showFieldErrors(form, error, fields)) setFailure(errorMessage(t, error));
      } finally {
        setSaving(false);
      }
    },
    [form, fields, t],
  );
  return { saving, failure, setFailure, run };
}
