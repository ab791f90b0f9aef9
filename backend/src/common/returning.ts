/** The rows of a `… RETURNING` statement: TypeORM answers UPDATE and DELETE with [rows, count], INSERT with rows. */
export function returnedRows<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
