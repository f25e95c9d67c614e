// A new deployment (第三条): an empty, migrated database; the bootstrap adds the regions, the city
// justice bureau and the first system admin — twice without duplicates — and that admin sets up the
// rest over the API, as the web UI does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../prisma/bootstrap';
import { freshDatabase } from '../support/database';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ database: await freshDatabase({ seed: false }) });
});
afterAll(async () => {
  await s?.stop();
});

describe('bootstrap of a new deployment', () => {
  it('第三条: regions, the city bureau and its first system admin, idempotently; the admin then registers the organs of the review chain (第七条) and an agency', async () => {
    const db = s.t.db;
    expect(await db.organisation.count()).toBe(0);
    const first = await bootstrap(db, { username: 'zhangsan', displayName: '张三' });
    const again = await bootstrap(db, { username: 'zhangsan', displayName: '张三' });
    expect(first).toMatchObject({ cityBureau: { created: true }, admin: { created: true } });
    expect(again).toMatchObject({ cityBureau: { id: first.cityBureau.id, created: false }, admin: { created: false } });
    expect(await db.organisation.count()).toBe(1);
    expect(await db.region.count()).toBe(15);
    expect(await db.auditLog.count({ where: { action: 'user.bootstrap' } })).toBe(1);

    const token = await s.token('zhangsan');
    const me = await s.call('GET', '/api/me', { token });
    expect(me.body).toMatchObject({ roles: ['SYSTEM_ADMIN'], organisation: { type: 'JUSTICE_BUREAU', level: 'CITY' } });
    const register = (body: object) => s.call('POST', '/api/admin/organisations', { token, body });
    expect(
      (await register({ name: '浙江省司法厅', type: 'JUSTICE_BUREAU', level: 'PROVINCE', regionCode: '330000' }))
        .status,
    ).toBe(201);
    expect(
      (await register({ name: '杭州市余杭区司法局', type: 'JUSTICE_BUREAU', level: 'DISTRICT', regionCode: '330110' }))
        .status,
    ).toBe(201);
    const agency = await register({
      name: '杭州市余杭区综合行政执法局',
      type: 'AGENCY',
      level: 'DISTRICT',
      regionCode: '330110',
      agencyKind: 'GOVERNMENT_BODY',
    });
    expect(agency.status).toBe(201);
    expect(agency.body.over.reviewBureaus.map((b: { bureau: { name: string } }) => b.bureau.name)).toEqual([
      '杭州市余杭区司法局',
      '杭州市司法局',
      '浙江省司法厅',
    ]);
  });
});
