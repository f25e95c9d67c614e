// The API process's caches (README "Caches") and the one listener that keeps them fresh: every
// notice of a changed record (infra/record-changes.ts) evicts what each cache read from it.
import type { Logger } from 'pino';
import type { Config } from '../infra/config';
import {
  listenForRecordChanges,
  toSubscribers,
  type NoticeSubscriber,
  type RecordChange,
} from '../infra/record-changes';
import { userCache } from './auth';
import { verificationCache } from './routes/verification';

export interface ApiCaches {
  users: ReturnType<typeof userCache>;
  verifications: ReturnType<typeof verificationCache>;
  /** Evicts at once what was read from a record this process has just changed (its notice follows). */
  forget(change: RecordChange): void;
  stop(): Promise<void>;
}

/** The caches, and `also` (the process's calendar) fed by the same listener. */
export function startCaches(config: Config, logger: Logger, also: NoticeSubscriber[] = []): ApiCaches {
  const [users, verifications] = [userCache(config), verificationCache(config)] as const;
  const all: NoticeSubscriber[] = [users, verifications, ...also];
  const forget = (change: RecordChange) => all.forEach((c) => c.evict(change));
  const listener = listenForRecordChanges(
    config.DATABASE_URL,
    toSubscribers(all, (err) =>
      logger.warn({ err }, 'record change notices lost: the caches hold nothing until they are listened to again'),
    ),
  );
  return { users, verifications, forget, stop: () => listener.stop() };
}
