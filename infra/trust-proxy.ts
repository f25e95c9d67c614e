// Which proxies in front of the API may say who the client is (X-Forwarded-For). Express derives
// `req.ip` from it; the public rate limits and the public idempotency scope count clients by it.
// Believing a header the client writes itself lets it pick a new address per request; believing
// nothing behind a load balancer makes every citizen one client. So the default trusts nothing and
// the operator names the proxies: a hop count or their addresses (Express's `trust proxy` setting).
import net from 'node:net';

/** Express's `trust proxy` value: false (nobody), a hop count, or addresses / CIDRs / named ranges. */
export type TrustProxy = false | number | string[];

// The named ranges Express (proxy-addr) knows.
const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);
const MAX_HOPS = 20;

export const TRUST_PROXY_HINT = `a hop count 0–${MAX_HOPS} (e.g. 1) or a comma-separated list of proxy addresses or CIDRs (e.g. 10.0.0.0/8, or loopback, linklocal, uniquelocal)`;

function isAddressOrRange(entry: string): boolean {
  if (NAMED.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** The setting for `TRUST_PROXY` (unset: trust nothing); undefined when the value is not valid. */
export function parseTrustProxy(value: string | undefined): TrustProxy | undefined {
  if (value === undefined) return false;
  const v = value.trim();
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > MAX_HOPS) return undefined;
    return hops === 0 ? false : hops;
  }
  const entries = v.split(',').map((e) => e.trim());
  return entries.every(isAddressOrRange) ? entries : undefined;
}
