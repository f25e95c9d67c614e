// Notices of changed records, for the API's caches: triggers (prisma/migrations/*_cache_invalidation)
// NOTIFY "record_changed" with '<kind>:<key>' when a row a cache may hold changes, whoever writes it
// (API, worker, SQL by hand). One dedicated connection LISTENs. While it is down a notice could be
// missed, so the listener is told (`onLive(false)`) and the caches hold nothing until it listens
// again; it reconnects by itself, waiting longer after each failure.
import pg from 'pg';

const CHANNEL = 'record_changed';
export const RECORD_KINDS = ['user', 'organisation', 'officer', 'certificate', 'calendar'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** A row that changed: users and organisations by id, officers by id, certificates by number; the calendar as a whole. */
export interface RecordChange {
  kind: RecordKind;
  key: string;
}

export interface RecordChangeListener {
  onChange(change: RecordChange): void;
  /** Notices arrive (true) or may have been missed (false): either way what was cached is dropped. */
  onLive(live: boolean): void;
  onError(err: Error): void;
}

/** Something the notices keep fresh: a cache (api/record-cache.ts), the calendar (store/calendar.ts). */
export interface NoticeSubscriber {
  evict(change: RecordChange): void;
  setLive(live: boolean): void;
}

/** A listener that gives every notice, and whether notices arrive, to each of `subscribers`. */
export function toSubscribers(
  subscribers: readonly NoticeSubscriber[],
  onError: (err: Error) => void,
): RecordChangeListener {
  return {
    onChange: (change) => subscribers.forEach((s) => s.evict(change)),
    onLive: (live) => subscribers.forEach((s) => s.setLive(live)),
    onError,
  };
}

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 30_000;

/** '<kind>:<key>' (the key may hold colons); undefined for anything else. */
export function parseRecordChange(payload: string | undefined): RecordChange | undefined {
  const at = payload?.indexOf(':') ?? -1;
  if (!payload || at < 0) return undefined;
  const kind = payload.slice(0, at) as RecordKind;
  return RECORD_KINDS.includes(kind) ? { kind, key: payload.slice(at + 1) } : undefined;
}

/** Listens until `stop()`; resolves nothing, reports through `listener`. */
export function listenForRecordChanges(databaseUrl: string, listener: RecordChangeListener): { stop(): Promise<void> } {
  let current: pg.Client | undefined;
  let stopped = false;
  let retryMs = FIRST_RETRY_MS;
  let retry: NodeJS.Timeout | undefined;

  const lost = (client: pg.Client, err?: Error) => {
    if (current !== client) return; // reported already (an error, then its end)
    current = undefined;
    listener.onLive(false);
    client.end().catch(() => {});
    if (stopped) return;
    if (err) listener.onError(err);
    retry = setTimeout(() => void connect(), retryMs);
    retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
  };

  const connect = async () => {
    // keepAlive: a connection dropped without a word (a firewall's idle timeout) is noticed too.
    const client = new pg.Client({ connectionString: databaseUrl, keepAlive: true });
    current = client;
    client.on('error', (err) => lost(client, err));
    client.on('end', () => lost(client));
    client.on('notification', (n) => {
      const change = parseRecordChange(n.payload);
      if (change) listener.onChange(change);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      lost(client, err as Error);
      return;
    }
    if (current !== client) return; // lost or stopped meanwhile
    retryMs = FIRST_RETRY_MS;
    listener.onLive(true);
  };

  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const client = current;
      current = undefined;
      listener.onLive(false);
      await client?.end().catch(() => {});
    },
  };
}
