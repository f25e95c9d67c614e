// The API's cache of hot reads (api/record-cache.ts) on its own, with a clock the test moves: what a
// change notice evicts, what is never kept, and the time-to-live that bounds a lost notice.
import { describe, expect, it } from 'vitest';
import { RecordCache } from '../../api/record-cache';
import { parseRecordChange } from '../../infra/record-changes';

interface Row {
  id: string;
  org: string;
  version: number;
}

function cacheOf(ttlSeconds = 5) {
  const clock = { ms: 1_000, now: () => clock.ms };
  const cache = new RecordCache<Row>({
    ttlSeconds,
    perf: clock,
    sources: (r) => [
      { kind: 'user', key: r.id },
      { kind: 'organisation', key: r.org },
    ],
  });
  let version = 0;
  let loads = 0;
  const read = (id: string, org = 'o1', ttl?: (r: Row) => number) =>
    cache.get(id, async () => (loads++, { id, org, version: ++version }), ttl).then((r) => r!);
  cache.setLive(true);
  return { cache, clock, read, loads: () => loads };
}

describe('RecordCache', () => {
  it('keeps what it read until a notice names a record it was read from; other entries stay', async () => {
    const { cache, read } = cacheOf();
    const a = await read('a');
    const b = await read('b', 'o2');
    expect(await read('a')).toBe(a);
    cache.evict({ kind: 'user', key: 'a' });
    expect((await read('a')).version).toBeGreaterThan(a.version);
    expect(await read('b', 'o2')).toBe(b);
    cache.evict({ kind: 'organisation', key: 'o2' });
    expect(await read('b', 'o2')).not.toBe(b);
  });

  it('holds nothing while notices do not arrive, and starts afresh when they do again', async () => {
    const { cache, read, loads } = cacheOf();
    await read('a');
    cache.setLive(false);
    await read('a');
    await read('a');
    expect(loads()).toBe(3);
    cache.setLive(true);
    await read('a');
    await read('a');
    expect(loads()).toBe(4);
  });

  it('does not keep a read that a notice overtook (it may have read the row before the change)', async () => {
    const { cache } = cacheOf();
    let loads = 0;
    const load = async () => {
      loads++;
      if (loads === 1) cache.evict({ kind: 'user', key: 'x' }); // arrives while the first read is under way
      return { id: 'a', org: 'o1', version: loads };
    };
    expect((await cache.get('a', load))!.version).toBe(1);
    expect((await cache.get('a', load))!.version).toBe(2);
    expect((await cache.get('a', load))!.version).toBe(2);
  });

  it('an entry lives at most its time to live, or the shorter time its value gives', async () => {
    const { clock, read } = cacheOf(5);
    const a = await read('a');
    clock.ms += 4_999;
    expect(await read('a')).toBe(a);
    clock.ms += 2;
    expect(await read('a')).not.toBe(a);

    const until = clock.ms + 1_000;
    const short = await read('s', 'o1', () => until - clock.ms);
    clock.ms += 999;
    expect(await read('s')).toBe(short);
    clock.ms += 2;
    expect(await read('s')).not.toBe(short);
  });

  it('with a time to live of 0 nothing is cached', async () => {
    const { read, loads } = cacheOf(0);
    await read('a');
    await read('a');
    expect(loads()).toBe(2);
  });

  it('reads a notice as <kind>:<key>, the key holding colons; anything else is no notice', () => {
    expect(parseRecordChange('certificate:330106:2023:1')).toEqual({ kind: 'certificate', key: '330106:2023:1' });
    expect(parseRecordChange('user:u-1')).toEqual({ kind: 'user', key: 'u-1' });
    for (const bad of [undefined, '', 'user', 'table:1']) expect(parseRecordChange(bad)).toBeUndefined();
  });
});
