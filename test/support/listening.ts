// Which local addresses a TCP port is listening on, read from the kernel's socket tables
// (/proc/net/tcp and tcp6, Linux): what `ss -ltn` shows, without depending on its being installed.
import fs from 'node:fs';

const LISTEN = '0A';

/** `0100007F` (little-endian words, as the kernel prints them) → `127.0.0.1`; 32 hex digits → IPv6. */
function address(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(''));
  if (words.length === 1)
    return words[0]
      .match(/../g)!
      .map((b) => parseInt(b, 16))
      .join('.');
  const groups = words
    .join('')
    .match(/.{4}/g)!
    .map((g) => parseInt(g, 16).toString(16));
  // The longest run of zero groups becomes `::` (RFC 5952).
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; i++) {
    let len = 0;
    while (i + len < 8 && groups[i + len] === '0') len++;
    if (len > best.len) best = { at: i, len };
  }
  if (best.len < 2) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
}

/** The local addresses on which something listens on `port` (e.g. `['127.0.0.1']`, `['::']`). */
export function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4 || cols[3] !== LISTEN) continue;
      const [host, portHex] = cols[1].split(':');
      if (parseInt(portHex, 16) === port) found.push(address(host));
    }
  }
  return [...new Set(found)].sort();
}
