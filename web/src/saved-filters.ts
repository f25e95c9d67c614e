// Saved inbox filters (issue #16 §3): a reviewer names the filters they use often and gets them back
// with one click. Kept in this browser for this user (localStorage) — a preference, not a record.
import { useCallback, useState } from 'react';

export interface Saved<F> {
  name: string;
  filters: F;
}

const key = (scope: string, userId: string) => `saved-filters:${scope}:${userId}`;

function read<F>(k: string): Saved<F>[] {
  try {
    const v = JSON.parse(localStorage.getItem(k) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as Saved<F>[]) : [];
  } catch {
    return [];
  }
}

export function useSavedFilters<F>(scope: string, userId: string | undefined) {
  const k = key(scope, userId ?? 'anonymous');
  const [saved, setSaved] = useState<Saved<F>[]>(() => read<F>(k));
  const write = useCallback(
    (next: Saved<F>[]) => {
      localStorage.setItem(k, JSON.stringify(next));
      setSaved(next);
    },
    [k],
  );
  return {
    saved,
    /** Saves (or replaces, by name) the filters under `name`. */
    save: (name: string, filters: F) => write([...saved.filter((s) => s.name !== name), { name, filters }]),
    remove: (name: string) => write(saved.filter((s) => s.name !== name)),
  };
}
