// The header's unread-notification count (issue #16 §1): fetched when the signed-in user or the page
// changes and every minute, and set at once by the notifications page when it marks something read.
import { useEffect, useSyncExternalStore } from 'react';
import { request } from './api';

let count: number | undefined;
const listeners = new Set<() => void>();
const publish = (n: number | undefined) => {
  count = n;
  for (const l of listeners) l();
};

/** Sets the count from an answer that carries it (the list, a mark read). */
export const setUnread = (n: number) => publish(n);

/** Fetches the count again; a failure leaves the badge as it was (the page itself reports errors). */
export const refreshUnread = () =>
  request<{ unread: number }>('GET', '/api/notifications/unread-count').then(
    (r) => publish(r.unread),
    () => undefined,
  );

/** The count for `userId` (undefined while signed out or not yet known), kept fresh while shown. */
export function useUnread(userId: string | undefined, page: string): number | undefined {
  useEffect(() => {
    if (!userId) return publish(undefined);
    void refreshUnread();
    const timer = setInterval(() => void refreshUnread(), 60_000);
    return () => clearInterval(timer);
  }, [userId, page]);
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => count,
  );
}
