import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';

type SchemaObject = Parameters<typeof ApiBody>[0] extends infer O ? (O extends { schema?: infer S } ? NonNullable<S> : never) : never;

function jsonSchema(schema: z.ZodTypeAny): SchemaObject {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest as SchemaObject;
}

/** Documents a request body in OpenAPI from the same shared zod schema that validates it. */
export const ApiZodBody = (schema: z.ZodTypeAny) => applyDecorators(ApiBody({ schema: jsonSchema(schema) }));

/** Documents each query parameter of a zod object schema. */
export function ApiZodQuery(schema: z.ZodObject<z.ZodRawShape>) {
  const properties = (jsonSchema(schema) as { properties?: Record<string, SchemaObject> }).properties ?? {};
  return applyDecorators(...Object.entries(properties).map(([name, property]) => ApiQuery({ name, required: false, schema: property })));
}
