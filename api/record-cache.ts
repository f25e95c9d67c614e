// A small in-process cache of what the API reads on every request of a hot path (the signed-in
// user, a public verification), kept fresh by the database's change notices
// (infra/record-changes.ts): an entry names the records it was read from, and a notice for any of
// them evicts it. It serves only while notices arrive, and an entry lives at most `ttlSeconds` — the
// bound if a notice is ever lost. Least recently used entries go first past 10,000.
import { LRUCache, type Perf } from 'lru-cache';
import type { RecordChange } from '../infra/record-changes';

export interface RecordCacheOptions<V> {
  /** How long an entry lives at most, in seconds; 0: nothing is cached. */
  ttlSeconds: number;
  /** The records `value` was read from: a notice for one of them evicts it. */
  sources(value: V): RecordChange[];
  /** The clock (tests). */
  perf?: Perf;
}

const sourceId = (c: RecordChange) => `${c.kind}:${c.key}`;

/** Entries at most: a few MB of small rows. */
const MAX_ENTRIES = 10_000;

export class RecordCache<V extends object> {
  private readonly lru: LRUCache<string, V> | undefined;
  /** The keys of the entries read from each record. */
  private readonly readFrom = new Map<string, Set<string>>();
  /** Counts evictions, so that a load which a notice overtook is not kept. */
  private generation = 0;
  private live = false;
  private readonly ttlMs: number;

  constructor(private readonly options: RecordCacheOptions<V>) {
    this.ttlMs = options.ttlSeconds * 1000;
    this.lru =
      this.ttlMs > 0
        ? new LRUCache<string, V>({
            max: MAX_ENTRIES,
            ttl: this.ttlMs,
            // A clock of the caller's is read every time (lru-cache otherwise reuses a reading for 1 ms).
            ...(options.perf ? { perf: options.perf, ttlResolution: 0 } : {}),
            dispose: (value, key) => this.unlink(value, key),
          })
        : undefined;
  }

  /**
   * The cached value of `key`, else `load()`'s (kept unless undefined, `ttlSeconds` or the given shorter
   * time at most). A notice arriving while it loads may concern what it read: then it is not kept.
   */
  async get(key: string, load: () => Promise<V | undefined>, ttlMs?: (value: V) => number): Promise<V | undefined> {
    if (!this.lru || !this.live) return load();
    const hit = this.lru.get(key);
    if (hit) return hit;
    const generation = this.generation;
    const value = await load();
    if (value === undefined || generation !== this.generation || !this.live) return value;
    const ttl = Math.min(this.ttlMs, ttlMs?.(value) ?? Infinity);
    if (ttl <= 0) return value;
    this.lru.set(key, value, { ttl });
    for (const source of this.options.sources(value)) {
      const id = sourceId(source);
      const keys = this.readFrom.get(id) ?? new Set<string>();
      keys.add(key);
      this.readFrom.set(id, keys);
    }
    return value;
  }

  /** Drops every entry read from the changed record. */
  evict(change: RecordChange): void {
    this.generation++;
    for (const key of [...(this.readFrom.get(sourceId(change)) ?? [])]) this.lru?.delete(key);
  }

  /** Notices arrive (true) or may have been missed (false): either way nothing cached is trusted. */
  setLive(live: boolean): void {
    this.generation++;
    this.live = live;
    this.lru?.clear();
    this.readFrom.clear();
  }

  private unlink(value: V, key: string) {
    for (const source of this.options.sources(value)) {
      const id = sourceId(source);
      const keys = this.readFrom.get(id);
      keys?.delete(key);
      if (keys?.size === 0) this.readFrom.delete(id);
    }
  }
}
