import { useMemo } from 'react';
import type { FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { emailSchema, PASSWORD_MIN_LENGTH, passwordSchema, personNameSchema } from '@fulcrum/shared';

/** Checks a field with the same shared schema the server uses; emptiness is the `required` rule's job. */
function schemaRule(schema: z.ZodType, message: string): FormRule {
  return {
    validator: (_rule, value: unknown) =>
      value === undefined || value === '' || schema.safeParse(value).success ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}

/** Form rules built on the shared contracts, with translated messages. */
export function useFormRules() {
  const { t } = useTranslation();
  return useMemo(() => {
    const required: FormRule = { required: true, message: t('validation.required') };
    return {
      required,
      email: [required, schemaRule(emailSchema, t('validation.email'))],
      name: [required, schemaRule(personNameSchema, t('validation.name', { max: personNameSchema.maxLength ?? 120 }))],
      newPassword: [
        required,
        schemaRule(
          passwordSchema,
          t('validation.passwordLength', { min: PASSWORD_MIN_LENGTH, max: passwordSchema.maxLength ?? PASSWORD_MIN_LENGTH }),
        ),
      ],
      optionalPassword: [
        schemaRule(
          passwordSchema,
          t('validation.passwordLength', { min: PASSWORD_MIN_LENGTH, max: passwordSchema.maxLength ?? PASSWORD_MIN_LENGTH }),
        ),
      ],
      /** The confirmation must equal the field named `field`. */
      confirms: (field: string): FormRule[] => [
        required,
        ({ getFieldValue }) => ({
          validator: (_rule, value: unknown) =>
            !value || getFieldValue(field) === value ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordMismatch'))),
        }),
      ],
    };
  }, [t]);
}
