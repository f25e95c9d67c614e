// The reviewers' inbox at scale (第七条, issue #17) over HTTP against the real PostgreSQL: its total is
// exact up to 1,000 and estimated beyond (flagged, so the UI says 约 / 超过), and its search (number or
// officer's name, contains) takes what a person types literally, through the trigram indexes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXACT_TOTAL_UP_TO } from '../../api/list-total';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
let token: string;
let agencyId: string;
let officerId: string;

interface Page {
  items: { id: string; application: { number: string; officerName: string } }[];
  total: number;
  totalCapped: boolean;
  totalEstimated: boolean;
  nextCursor: string | null;
}
const inbox = async (query: string): Promise<Page> => {
  const r = await s.call('GET', `/api/review-tasks?${query}`, { token });
  expect(r.status).toBe(200);
  return r.body;
};
const search = async (q: string) =>
  (await inbox(`limit=100&q=${encodeURIComponent(q)}`)).items.map((t) => t.application.officerName);

/** Open tasks `from`…`to` of 西湖区司法局, each with its application (number SCALE00000001 …) of `officer`. */
async function bulkTasks(from: number, to: number, officer: string) {
  const bureau = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区司法局' } });
  await s.t.db.$executeRawUnsafe(
    `INSERT INTO "Application" (id, number, kind, "officerId", "organisationId", status, eligibility, "submittedById", "submittedAt", "workflowId", "updatedAt")
     SELECT 'scale-' || g, 'SCALE' || lpad(g::text, 8, '0'), 'INITIAL', $1, $2, 'UNDER_REVIEW', '{}'::jsonb, 'test', now(), 'scale-' || g, now()
     FROM generate_series($3::int, $4::int) g`,
    officer,
    agencyId,
    from,
    to,
  );
  await s.t.db.$executeRawUnsafe(
    `INSERT INTO "ReviewTask" (id, "applicationId", round, level, "bureauId", status, "remindAt", "dueAt", "updatedAt")
     SELECT gen_random_uuid()::text, 'scale-' || g, 1, 'DISTRICT', $1, 'OPEN', now(), now() + g * interval '1 minute', now()
     FROM generate_series($2::int, $3::int) g`,
    bureau.id,
    from,
    to,
  );
  // The planner's statistics, as autovacuum keeps them in production.
  await s.t.db.$executeRawUnsafe('ANALYZE "ReviewTask"');
  await s.t.db.$executeRawUnsafe('ANALYZE "Application"');
}

let seq = 0;
/** An officer of the bulk agency named `name`, with one open task in the inbox. */
async function officerWithTask(name: string) {
  seq++;
  const o = await s.t.db.officer.create({
    data: { name, idNumber: `SCALE-ID-${seq}`, birthDate: new Date('1990-01-01'), organisationId: agencyId },
  });
  await bulkTasks(5000 + seq, 5000 + seq, o.id);
}

beforeAll(async () => {
  s = await startTestStack();
  token = await s.token('district_reviewer');
  const xihu = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } });
  const agency = await s.t.db.organisation.create({
    data: { ...xihu, id: undefined, name: '杭州市西湖区规模测试执法局', createdAt: undefined },
  });
  agencyId = agency.id;
  officerId = (
    await s.t.db.officer.create({
      data: { name: '批量申请人', idNumber: 'SCALE-ID-0', birthDate: new Date('1990-01-01'), organisationId: agencyId },
    })
  ).id;
});
afterAll(async () => {
  await s?.stop();
});

describe('the inbox total: exact up to 1,000, estimated beyond (第七条, issue #17)', () => {
  it('counts exactly up to the cap, and says “more than” past it', async () => {
    await bulkTasks(1, EXACT_TOTAL_UP_TO, officerId);
    const exact = await inbox(`limit=5&agencyId=${agencyId}`);
    expect(exact).toMatchObject({ total: EXACT_TOTAL_UP_TO, totalCapped: false, totalEstimated: false });

    await bulkTasks(EXACT_TOTAL_UP_TO + 1, EXACT_TOTAL_UP_TO + 1, officerId);
    const past = await inbox(`limit=5&agencyId=${agencyId}`);
    // Beyond the cap the number is no count: the planner's estimate (flagged) or the cap itself.
    expect(past.totalCapped).toBe(true);
    expect(past.total).toBeGreaterThanOrEqual(EXACT_TOTAL_UP_TO);
    // Paging is unaffected: the next page continues after the first.
    const next = await inbox(`limit=5&agencyId=${agencyId}&cursor=${past.nextCursor}`);
    expect(next.items.map((t) => t.id)).not.toContain(past.items[0].id);
  });

  it('gives the planner’s estimate, rounded and flagged, for a large inbox — and its counts likewise', async () => {
    await bulkTasks(EXACT_TOTAL_UP_TO + 2, 3000, officerId);
    const page = await inbox('limit=20');
    expect(page).toMatchObject({ totalCapped: true, totalEstimated: true });
    // About 3,000 tasks: an estimate near it, in two significant digits.
    expect(page.total).toBeGreaterThan(2000);
    expect(page.total).toBeLessThan(4500);
    expect(page.total % 100).toBe(0);
    expect(page.items).toHaveLength(20);

    const counts = (await s.call('GET', '/api/review-tasks/counts', { token })).body;
    expect(counts.open).toMatchObject({ totalCapped: true, totalEstimated: true });
    expect(counts.open.total).toBeGreaterThan(2000);
    // A count under the cap stays exact.
    expect(counts.mine).toEqual({ total: 0, totalCapped: false, totalEstimated: false });
  });
});

describe('the inbox search: number or officer’s name, contains, literally (issue #17)', () => {
  beforeAll(async () => {
    for (const name of ['张_三', '张乙三', '李%四', '李某四', '欧阳明月']) await officerWithTask(name);
  });

  it('finds a number by any part of it, whatever the case', async () => {
    const numbers = (await inbox('limit=100&q=scale0000012')).items.map((t) => t.application.number).sort();
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => `SCALE0000012${i}`));
    expect((await inbox('limit=100&q=E00002999')).items.map((t) => t.application.number)).toEqual(['SCALE00002999']);
  });

  it('finds an officer by part of a Chinese name, of two characters or more', async () => {
    expect(await search('阳明')).toEqual(['欧阳明月']);
    expect(await search('欧阳明月')).toEqual(['欧阳明月']);
  });

  it('takes % and _ as the characters themselves', async () => {
    expect(await search('张_三')).toEqual(['张_三']);
    expect(await search('李%四')).toEqual(['李%四']);
    expect(await search('%')).toEqual(['李%四']);
  });

  it('a term under 3 characters searches names only; a term matching thousands still pages and counts', async () => {
    expect(await search('SC')).toEqual([]);
    const wide = await inbox('limit=20&q=SCALE');
    expect(wide.items).toHaveLength(20);
    expect(wide.items.every((t) => t.application.number.startsWith('SCALE'))).toBe(true);
    expect(wide.totalCapped).toBe(true);
  });
});
