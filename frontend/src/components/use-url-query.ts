import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Key } from 'react';
import { useSearchParams } from 'react-router-dom';
import { z } from 'zod';

const PAGE_SIZES = [20, 50, 100];
const SEARCH_DEBOUNCE_MS = 300;

type ParamValue = string | number | null;

export interface UrlQuery<T> {
  /** Every parameter of the schema as the URL has it; a missing or bad value is the schema's default. */
  query: T;
  /** Writes parameters to the URL in place of the current entry; null, '' or the default removes one. */
  update: (changes: Record<string, ParamValue>) => void;
  /** A parameter's text as it stands in the URL, unchecked (what a search box writes). */
  text: (key: keyof T & string) => string;
  /** The `sortOrder` of a sortable column, whose key is the field `sort` names (`-field` descending). */
  sortOrder: (field: string) => 'ascend' | 'descend' | null;
  /** The table's onChange: sorting writes `sort` and goes back to page one; paging writes `page` and `pageSize`. */
  onTableChange: (
    pagination: { current?: number; pageSize?: number },
    filters: unknown,
    sorter: { columnKey?: Key; order?: 'ascend' | 'descend' | null } | unknown[],
    extra: { action: string },
  ) => void;
  /** The table's pagination, less the total. */
  pagination: { current: number; pageSize: number; pageSizeOptions: number[]; showSizeChanger: true };
}

/** Reads every parameter of `shape` from the URL; a missing or bad one gets the schema's default. */
function parse(shape: z.ZodRawShape, params: URLSearchParams): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const raw = params.get(key);
    const parsed = z.safeParse(schema, raw === null || raw === '' ? undefined : raw);
    if (parsed.success) {
      values[key] = parsed.data;
    } else {
      const fallback = z.safeParse(schema, undefined);
      values[key] = fallback.success ? fallback.data : undefined;
    }
  }
  return values;
}

/**
 * A list page's query (search, filters, sort, page and page size) kept in the URL, so a list can be
 * linked to, reloaded and walked back and forward. `schema` is the list's shared query schema (built on
 * pageQuerySchema, with a `sort`), which checks what the URL says. The page loads with `query` (say
 * with useApiData); `useUrlSearch` binds a search box to one parameter.
 */
export function useUrlQuery<S extends z.ZodRawShape>(schema: z.ZodObject<S>): UrlQuery<z.output<z.ZodObject<S>>> {
  type T = z.output<z.ZodObject<S>>;
  const [params, setParams] = useSearchParams();
  const defaults = useMemo(() => parse(schema.shape, new URLSearchParams()), [schema]);
  const query = useMemo(() => parse(schema.shape, params) as T, [schema, params]);

  const update = useCallback(
    (changes: Record<string, ParamValue>) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === '' || value === defaults[key]) next.delete(key);
            else next.set(key, String(value));
          }
          return next;
        },
        { replace: true },
      ),
    [setParams, defaults],
  );

  const sort = (query as Record<string, unknown>).sort;
  const sortOrder = useCallback((field: string) => (sort === field ? 'ascend' : sort === `-${field}` ? 'descend' : null), [sort]);

  const onTableChange: UrlQuery<T>['onTableChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort' && !Array.isArray(sorter)) {
      // No column: the sort was cleared, back to the default one.
      const field = sorter.columnKey === undefined ? null : String(sorter.columnKey);
      update({ sort: field && (sorter.order === 'descend' ? `-${field}` : field), page: null });
      return;
    }
    update({ page: pagination.current ?? null, pageSize: pagination.pageSize ?? null });
  };

  const { page, pageSize } = query as { page: number; pageSize: number };
  return {
    query,
    update,
    text: (key) => params.get(key) ?? '',
    sortOrder,
    onTableChange,
    pagination: { current: page, pageSize, pageSizeOptions: PAGE_SIZES, showSizeChanger: true },
  };
}

/**
 * A search box bound to one URL parameter: it shows what is typed at once and writes it to the URL
 * (trimmed, back to page one) once typing settles; back and forward put the URL's text back in it.
 * Returns the box's text, its setter, and the settled term to query with.
 */
export function useUrlSearch<T>(url: UrlQuery<T>, key: keyof T & string): [input: string, setInput: (value: string) => void, term: string] {
  const term = url.text(key);
  const { update } = url;
  const [input, setInput] = useState(term);
  // The term this box last wrote, until the URL has it.
  const written = useRef<string | null>(null);

  useEffect(() => {
    const typed = input.trim();
    if (typed === term) return;
    const timer = setTimeout(() => {
      written.current = typed;
      update({ [key]: typed, page: null });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input, term, key, update]);

  useEffect(() => {
    // The box's own write arriving leaves it alone: the user may have typed on meanwhile.
    if (term === written.current) {
      written.current = null;
      return;
    }
    setInput((current) => (current.trim() === term ? current : term));
  }, [term]);

  return [input, setInput, term];
}
