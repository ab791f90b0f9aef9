import { useEffect, useMemo, useState } from 'react';
import type { Tag, TagCategory, TagColor } from '@fulcrum/shared';
import { tagColor } from '@fulcrum/shared';
import { api } from '@/api/client';

/**
 * The tag catalog (categories and tags, without usage counts), loaded once and shared by every
 * picker on the page: a segment with ten tag conditions asks the server once. Changes made on the
 * tags page invalidate it, and every mounted picker reloads.
 */
let cached: Promise<TagCategory[]> | null = null;
let version = 0;
const listeners = new Set<(version: number) => void>();

function load(): Promise<TagCategory[]> {
  if (!cached) {
    const loading = api.tagCatalog(false);
    cached = loading;
    // A failure is not kept: the next picker (or a retry) asks again.
    loading.catch(() => {
      if (cached === loading) cached = null;
    });
  }
  return cached;
}

export function invalidateTagCatalog(): void {
  cached = null;
  version += 1;
  for (const listener of listeners) listener(version);
}

export interface TagOption {
  tag: Tag;
  category: TagCategory;
  color: TagColor;
}

export interface TagCatalog {
  categories: TagCategory[] | null;
  /** Every tag by id, with its category and the colour it shows in. */
  byId: ReadonlyMap<string, TagOption>;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

export function useTagCatalog(): TagCatalog {
  const [categories, setCategories] = useState<TagCategory[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [seen, setSeen] = useState(version);

  useEffect(() => {
    listeners.add(setSeen);
    return () => {
      listeners.delete(setSeen);
    };
  }, []);

  useEffect(() => {
    let current = true;
    setLoading(true);
    load()
      .then((next) => {
        if (!current) return;
        setCategories(next);
        setError(null);
      })
      .catch((reason: unknown) => {
        if (current) setError(reason);
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [seen]);

  const byId = useMemo(() => {
    const map = new Map<string, TagOption>();
    for (const category of categories ?? []) for (const tag of category.tags) map.set(tag.id, { tag, category, color: tagColor(tag, category) });
    return map;
  }, [categories]);

  return { categories, byId, loading, error, reload: invalidateTagCatalog };
}
