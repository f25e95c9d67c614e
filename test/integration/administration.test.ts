// Administration over HTTP (第三条): the city bureau's system admin sets up organisations and users;
// an agency's admin manages its own officers' logins. A new district is set up from nothing: its
// bureau, an agency under it, their users, an application through the chain — and then the agency
// is deactivated with that application still open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckDigit } from '../../domain/id-number';
import { eventually } from '../support/eventually';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
let admin: string;
const REGION = '330199'; // a district of the test's own, with nothing registered in it yet
beforeAll(async () => {
  s = await startTestStack();
  admin = await s.token('system_admin');
  await s.t.db.region.create({ data: { code: REGION, name: '测试区', level: 'DISTRICT', parentCode: '330100' } });
});
afterAll(async () => {
  await s?.stop();
});

const as = (token: string) => ({
  get: (path: string) => s.call('GET', path, { token }),
  post: (path: string, body: object) => s.call('POST', path, { token, body }),
  patch: (path: string, body: object) => s.call('PATCH', path, { token, body }),
});
const fields = (r: { body: { errors?: { field: string }[] } }) => (r.body.errors ?? []).map((e) => e.field).sort();
const audits = (targetId: string) => s.t.db.auditLog.findMany({ where: { targetId }, orderBy: { at: 'asc' } });

describe('organisations (第二条, 第三条, 第七条)', () => {
  it('第七条: an agency needs the bureaus its applications go to; one active bureau per district; shapes checked field by field; every change audited with before and after', async () => {
    const a = as(admin);
    const agency = {
      name: '杭州市测试区市场监督管理局',
      type: 'AGENCY',
      level: 'DISTRICT',
      regionCode: REGION,
      agencyKind: 'GOVERNMENT_BODY',
      system: '市场监管',
    };
    // 第七条: no district bureau yet to review its applications.
    const early = await a.post('/api/admin/organisations', agency);
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'REVIEW_BUREAU_MISSING', article: '第七条' });

    // 第二条第三款: an agency has a kind; only agencies have one; the region is of the organisation's level.
    const bad = await a.post('/api/admin/organisations', { ...agency, agencyKind: undefined, regionCode: '330100' });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['body.agencyKind', 'body.regionCode']);
    const bureauBody = { name: '杭州市测试区司法局', type: 'JUSTICE_BUREAU', level: 'DISTRICT', regionCode: REGION };
    expect(fields(await a.post('/api/admin/organisations', { ...bureauBody, verticallyManaged: true }))).toEqual([
      'body.verticallyManaged',
    ]);

    const bureau = await a.post('/api/admin/organisations', bureauBody);
    expect(bureau.status).toBe(201);
    // The one the review chain will find: a second active bureau of the district is refused.
    const second = await a.post('/api/admin/organisations', { ...bureauBody, name: '杭州市测试区司法局（二）' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'ORGANISATION_EXISTS_IN_REGION', article: '第七条' });
    expect((await a.post('/api/admin/organisations', bureauBody)).body.code).toBe('ORGANISATION_NAME_TAKEN');

    const created = await a.post('/api/admin/organisations', agency);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: 'AGENCY',
      region: { code: REGION, name: '测试区' },
      active: true,
      over: {
        reviewBureaus: [
          { level: 'DISTRICT', bureau: { id: bureau.body.id, name: '杭州市测试区司法局' } },
          { level: 'CITY', bureau: { name: '杭州市司法局' } },
          { level: 'PROVINCE', bureau: { name: '浙江省司法厅' } },
        ],
        supervisoryOrgan: { name: '杭州市监察委员会' },
      },
      openProcesses: [],
    });

    // 第四条第三款: vertical management is changed like any other fact; kind, level and region are not changeable.
    const changed = await a.patch(`/api/admin/organisations/${created.body.id}`, { verticallyManaged: true });
    expect(changed.status).toBe(200);
    expect(changed.body.verticallyManaged).toBe(true);
    expect((await a.patch(`/api/admin/organisations/${created.body.id}`, { level: 'CITY' })).status).toBe(400);
    const rows = await audits(created.body.id);
    expect(rows.map((r) => r.action)).toEqual(['organisation.create', 'organisation.update']);
    expect(rows[1].detail).toMatchObject({ before: { verticallyManaged: false }, after: { verticallyManaged: true } });
    expect(rows[1].actorId).toBe((await s.t.db.user.findUniqueOrThrow({ where: { username: 'system_admin' } })).id);
    // Back to the province's exams (第四条第三款), for the application below.
    expect((await a.patch(`/api/admin/organisations/${created.body.id}`, { verticallyManaged: false })).status).toBe(
      200,
    );

    const list = await a.get(`/api/admin/organisations?q=${encodeURIComponent('测试区')}`);
    expect(list.body.items.map((o: { name: string }) => o.name).sort()).toEqual([
      '杭州市测试区司法局',
      '杭州市测试区市场监督管理局',
    ]);
  });
});

describe('users (第三条)', () => {
  async function org(name: string) {
    return (await s.t.db.organisation.findUniqueOrThrow({ where: { name } })).id;
  }

  it('the system admin gives only roles that fit the organisation; the new user signs in with them; usernames are unique', async () => {
    const a = as(admin);
    const bureau = await org('杭州市西湖区司法局');
    const unfit = await a.post('/api/admin/users', {
      username: 'xihu.reviewer2',
      displayName: '西湖区司法局审核员二',
      organisationId: bureau,
      roles: ['CITY_REVIEWER'],
    });
    expect(unfit.status).toBe(400);
    expect(fields(unfit)).toEqual(['body.roles']);
    const officerWithoutRecord = await a.post('/api/admin/users', {
      username: 'xihu.officer9',
      displayName: '无档案',
      organisationId: await org('杭州市西湖区综合行政执法局'),
      roles: ['OFFICER'],
    });
    expect(fields(officerWithoutRecord)).toEqual(['body.officerId']);

    const created = await a.post('/api/admin/users', {
      username: 'xihu.reviewer2',
      displayName: '西湖区司法局审核员二',
      organisationId: bureau,
      roles: ['DISTRICT_REVIEWER'],
    });
    expect(created.status).toBe(201);
    const me = await s.call('GET', '/api/me', { token: await s.token('xihu.reviewer2') });
    expect(me.body).toMatchObject({ username: 'xihu.reviewer2', roles: ['DISTRICT_REVIEWER'] });
    const again = await a.post('/api/admin/users', {
      username: 'xihu.reviewer2',
      displayName: '重名',
      organisationId: bureau,
      roles: ['DISTRICT_REVIEWER'],
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('USERNAME_TAKEN');
    expect((await audits(created.body.id)).map((r) => r.action)).toEqual(['user.create']);
  });

  it('deactivation and a role taken away are effective on the user’s next request; reactivation restores access', async () => {
    const a = as(admin);
    const created = await a.post('/api/admin/users', {
      username: 'city.handler2',
      displayName: '市司法局投诉受理员',
      organisationId: await org('杭州市司法局'),
      roles: ['COMPLAINT_HANDLER', 'SUPERVISOR'],
    });
    expect(created.status).toBe(201);
    const token = await s.token('city.handler2');
    expect((await s.call('GET', '/api/me', { token })).status).toBe(200);

    expect((await a.patch(`/api/admin/users/${created.body.id}`, { active: false })).status).toBe(200);
    expect((await s.call('GET', '/api/me', { token })).status).toBe(401);
    expect((await a.patch(`/api/admin/users/${created.body.id}`, { active: true })).status).toBe(200);
    expect((await s.call('GET', '/api/me', { token })).status).toBe(200);

    // The token claims SUPERVISOR, which the user no longer has: sign in again.
    const narrowed = await a.patch(`/api/admin/users/${created.body.id}`, { roles: ['COMPLAINT_HANDLER'] });
    expect(narrowed.body.roles).toEqual(['COMPLAINT_HANDLER']);
    expect((await s.call('GET', '/api/me', { token })).status).toBe(401);
    const fresh = await s.call('GET', '/api/me', { token: await s.token('city.handler2') });
    expect(fresh.body.roles).toEqual(['COMPLAINT_HANDLER']);

    const rows = await audits(created.body.id);
    expect(rows.map((r) => r.action)).toEqual(['user.create', 'user.update', 'user.update', 'user.update']);
    expect(rows[3].detail).toMatchObject({
      before: { roles: ['COMPLAINT_HANDLER', 'SUPERVISOR'] },
      after: { roles: ['COMPLAINT_HANDLER'] },
    });
  });

  it('第三条: the organisation of the last administrators cannot be deactivated; another administrator may deactivate one, and reactivate them', async () => {
    const city = await org('杭州市司法局');
    const refused = await as(admin).patch(`/api/admin/organisations/${city}`, { active: false });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'LAST_SYSTEM_ADMIN', article: '第三条' });
    expect((await s.call('GET', '/api/me', { token: admin })).status).toBe(200);

    const second = await as(admin).post('/api/admin/users', {
      username: 'city.admin2',
      displayName: '市司法局系统管理员二',
      organisationId: city,
      roles: ['SYSTEM_ADMIN'],
    });
    expect(second.status).toBe(201);
    const other = as(await s.token('city.admin2'));
    const self = (await s.t.db.user.findUniqueOrThrow({ where: { username: 'system_admin' } })).id;
    expect((await other.patch(`/api/admin/users/${self}`, { active: false })).status).toBe(200);
    expect((await s.call('GET', '/api/me', { token: admin })).status).toBe(401);
    expect((await other.patch(`/api/admin/users/${self}`, { active: true })).status).toBe(200);
    expect((await s.call('GET', '/api/me', { token: admin })).status).toBe(200);
  });

  it('an administrator cannot lock themselves out: deactivating their own login or dropping their own SYSTEM_ADMIN is refused', async () => {
    const self = (await s.t.db.user.findUniqueOrThrow({ where: { username: 'system_admin' } })).id;
    const off = await as(admin).patch(`/api/admin/users/${self}`, { active: false });
    expect(off.status).toBe(409);
    expect(off.body.code).toBe('SELF_LOCKOUT');
    expect((await as(admin).patch(`/api/admin/users/${self}`, { roles: ['CITY_REVIEWER'] })).body.code).toBe(
      'SELF_LOCKOUT',
    );
    expect((await s.call('GET', '/api/me', { token: admin })).status).toBe(200);
  });

  it('第三条: an agency admin creates and deactivates logins of its own officers, one login per officer', async () => {
    const agencyAdmin = as(await s.token('agency_admin'));
    const registered = await agencyAdmin.post('/api/officers', {
      name: '周密',
      idNumber: validId('330106', '19900101', '123'),
      birthDate: '1990-01-01',
    });
    expect(registered.status).toBe(201);
    const candidates = await agencyAdmin.get(
      `/api/admin/officer-candidates?organisationId=${registered.body.agency.id}`,
    );
    expect(candidates.body.items.map((c: { id: string }) => c.id)).toContain(registered.body.id);

    const login = await agencyAdmin.post('/api/admin/users', {
      username: 'zhoumi',
      displayName: '周密',
      officerId: registered.body.id,
    });
    expect(login.status).toBe(201);
    expect(login.body).toMatchObject({ roles: ['OFFICER'], officer: { id: registered.body.id, name: '周密' } });
    const token = await s.token('zhoumi');
    expect((await s.call('GET', '/api/me', { token })).body.officerId).toBe(registered.body.id);
    const twice = await agencyAdmin.post('/api/admin/users', {
      username: 'zhoumi2',
      displayName: '周密',
      officerId: registered.body.id,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('OFFICER_HAS_LOGIN');

    expect((await agencyAdmin.patch(`/api/admin/users/${login.body.id}`, { active: false })).status).toBe(200);
    expect((await s.call('GET', '/api/me', { token })).status).toBe(401);
    const listed = await agencyAdmin.get('/api/admin/users');
    expect(listed.body.items.find((u: { id: string }) => u.id === login.body.id)).toMatchObject({ active: false });
  });

  it('a deactivated organisation keeps its records, lists what is still running at it, and its users can no longer sign in', async () => {
    const a = as(admin);
    const agencyId = await org('杭州市测试区市场监督管理局');
    const bureauId = await org('杭州市测试区司法局');
    const created = await a.post('/api/admin/users', {
      username: 'test.agency.admin',
      displayName: '测试区市场监管局管理员',
      organisationId: agencyId,
      roles: ['AGENCY_ADMIN'],
    });
    expect(created.status).toBe(201);
    const agencyAdmin = as(await s.token('test.agency.admin'));
    const officer = await agencyAdmin.post('/api/officers', {
      name: '钱进',
      idNumber: validId('330199', '19880202', '456'),
      birthDate: '1988-02-02',
    });
    expect(officer.status).toBe(201);
    expect(
      (
        await agencyAdmin.post(`/api/officers/${officer.body.id}/exam-results`, {
          type: 'COMPREHENSIVE',
          passed: true,
          takenOn: '2025-05-10',
        })
      ).status,
    ).toBe(201);
    const application = await agencyAdmin.post('/api/applications', { officerId: officer.body.id, kind: 'INITIAL' });
    expect(application.status, JSON.stringify(application.body)).toBe(201);

    const off = await a.patch(`/api/admin/organisations/${agencyId}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.openProcesses).toEqual([
      expect.objectContaining({ kind: 'APPLICATION', id: application.body.id, status: 'UNDER_REVIEW' }),
    ]);
    // The review task waits at the district bureau, which still lists it.
    const bureau = await eventually('the district task', async () => {
      const r = await a.get(`/api/admin/organisations/${bureauId}`);
      return r.body.openProcesses.length > 0 && r;
    });
    expect(bureau.body.openProcesses).toEqual([
      expect.objectContaining({ kind: 'REVIEW_TASK', number: application.body.number }),
    ]);
    expect((await agencyAdmin.get('/api/me')).status).toBe(401);
    // The records stay: the officer and the application are there to be moved.
    expect(await s.t.db.application.count({ where: { organisationId: agencyId } })).toBe(1);
    // Nobody can be (re)activated in a deactivated organisation.
    expect((await a.patch(`/api/admin/users/${created.body.id}`, { displayName: '改名' })).status).toBe(200);
    const intoInactive = await a.post('/api/admin/users', {
      username: 'test.agency.admin2',
      displayName: '新管理员',
      organisationId: agencyId,
      roles: ['AGENCY_ADMIN'],
    });
    expect(intoInactive.status).toBe(422);
    expect(intoInactive.body.code).toBe('ORGANISATION_INACTIVE');

    // Reactivated: its users sign in again.
    expect((await a.patch(`/api/admin/organisations/${agencyId}`, { active: true })).status).toBe(200);
    expect((await agencyAdmin.get('/api/me')).status).toBe(200);
  });
});

/** A resident ID number with a valid check digit (GB 11643). */
const validId = (region: string, birth: string, seq: string) =>
  `${region}${birth}${seq}${idNumberCheckDigit(`${region}${birth}${seq}`)}`;
