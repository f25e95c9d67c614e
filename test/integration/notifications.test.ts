// Notifications over HTTP (issue #16 §1): each reader's own read state, the unread count, marking one or
// all read, and links that name the web page where the reader acts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
const tokens: Record<string, string> = {};
let taskId: string;

beforeAll(async () => {
  s = await startTestStack();
  const bureau = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区司法局' } });
  await s.t.db.user.create({
    data: {
      username: 'xihu_reviewer_b',
      displayName: '西湖区审核员乙',
      roles: ['DISTRICT_REVIEWER'],
      organisationId: bureau.id,
    },
  });
  for (const u of ['agency_admin', 'district_reviewer', 'xihu_reviewer_b', 'officer']) tokens[u] = await s.token(u);
  // 赵敏 (seed) applies: the district bureau's reviewers are told of the new task (第七条).
  const zhao = await s.t.db.officer.findFirstOrThrow({ where: { name: '赵敏' } });
  const app = await s.call('POST', '/api/applications', {
    token: tokens.agency_admin,
    body: { officerId: zhao.id, kind: 'INITIAL' },
  });
  expect(app.status).toBe(201);
  taskId = (
    await eventually('the district task', () =>
      s.t.db.reviewTask.findFirst({ where: { applicationId: app.body.id, status: 'OPEN' } }),
    )
  ).id;
  await eventually('the new-task notice', () => s.t.db.notification.findFirst({ where: { kind: 'TASK_NEW' } }));
});
afterAll(async () => {
  await s?.stop();
});

const list = (user: string, query = '') => s.call('GET', `/api/notifications${query}`, { token: tokens[user] });
const unread = async (user: string) =>
  (await s.call('GET', '/api/notifications/unread-count', { token: tokens[user] })).body.unread as number;

describe('notifications', () => {
  it('第七条: the new task notice links to the task page of the web UI, unread for each reviewer of the bureau', async () => {
    const a = await list('district_reviewer');
    const notice = a.body.items.find((n: { kind: string }) => n.kind === 'TASK_NEW');
    expect(notice).toMatchObject({ link: `/tasks/${taskId}`, readAt: null });
    expect(a.body.unread).toBeGreaterThanOrEqual(1);
    expect(await unread('district_reviewer')).toBe(a.body.unread);
    expect(await unread('xihu_reviewer_b')).toBe(a.body.unread);
  });

  it('reading marks it read for the reader only; again changes nothing; another’s notice is 404', async () => {
    const before = await unread('xihu_reviewer_b');
    const notice = (await list('district_reviewer')).body.items.find((n: { kind: string }) => n.kind === 'TASK_NEW');
    const r = await s.call('POST', `/api/notifications/${notice.id}/read`, { token: tokens.district_reviewer });
    expect(r.status).toBe(200);
    const again = await s.call('POST', `/api/notifications/${notice.id}/read`, { token: tokens.district_reviewer });
    expect(again.body.unread).toBe(r.body.unread);
    expect(await s.t.db.notificationRead.count({ where: { notificationId: notice.id } })).toBe(1);
    const mine = (await list('district_reviewer')).body.items.find((n: { id: string }) => n.id === notice.id);
    expect(mine.readAt).not.toBeNull();
    expect((await list('district_reviewer', '?unread=true')).body.items.map((n: { id: string }) => n.id)).not.toContain(
      notice.id,
    );
    // The colleague still has it unread; the agency admin (not a reader of review notices) cannot mark it.
    expect(await unread('xihu_reviewer_b')).toBe(before);
    const foreign = await s.call('POST', `/api/notifications/${notice.id}/read`, { token: tokens.agency_admin });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toContain('application/problem+json');
    expect(await s.t.db.notificationRead.count({ where: { notificationId: notice.id } })).toBe(1);
  });

  it('mark all read empties the reader’s unread list and leaves a colleague’s and a later one unread', async () => {
    const bureau = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区司法局' } });
    const colleagueBefore = await unread('xihu_reviewer_b');
    const r = await s.call('POST', '/api/notifications/read', { token: tokens.district_reviewer });
    expect(r.status).toBe(200);
    expect(r.body.unread).toBe(0);
    expect((await list('district_reviewer', '?unread=true')).body.items).toEqual([]);
    expect(await unread('xihu_reviewer_b')).toBe(colleagueBefore);
    await s.t.db.notification.create({
      data: {
        recipientOrgId: bureau.id,
        kind: 'TASK_REMINDER',
        subject: '审核任务即将到期',
        body: '请尽快处理',
        link: `/tasks/${taskId}`,
        dedupeKey: 'later-reminder',
      },
    });
    expect(await unread('district_reviewer')).toBe(1);
    expect(await unread('xihu_reviewer_b')).toBe(colleagueBefore + 1);
  });

  it('links stored before the web pages existed are rewritten by the migration to pages of the web UI', async () => {
    const org = (await s.t.db.organisation.findFirstOrThrow({ where: { name: '杭州市西湖区司法局' } })).id;
    const legacy = {
      '/review-tasks/7f000000-0000-4000-8000-000000000001': '/tasks/7f000000-0000-4000-8000-000000000001',
      '/api/cleanup-tasks/7f000000-0000-4000-8000-000000000002': '/cleanup/7f000000-0000-4000-8000-000000000002',
      '/api/cleanup-runs/2026': '/cleanup?year=2026',
      '/api/training/shortfall?year=2026&agencyId=7f000000-0000-4000-8000-000000000003': '/training?year=2026',
      '/sanctions/7f000000-0000-4000-8000-000000000004': '/sanctions/7f000000-0000-4000-8000-000000000004',
    };
    for (const [i, link] of Object.keys(legacy).entries())
      await s.t.db.notification.create({
        data: { recipientOrgId: org, kind: 'TASK_NEW', subject: '旧通知', body: '旧', link, dedupeKey: `legacy-${i}` },
      });
    const sql = readFileSync(
      path.join(__dirname, '../../prisma/migrations/20261201090000_notification_reads/migration.sql'),
      'utf8',
    );
    for (const update of sql.split('\n').filter((l) => l.startsWith('UPDATE '))) await s.t.db.$executeRawUnsafe(update);
    const rows = await s.t.db.notification.findMany({ where: { dedupeKey: { startsWith: 'legacy-' } } });
    expect(Object.fromEntries(rows.map((r) => [Object.keys(legacy)[Number(r.dedupeKey.slice(7))], r.link]))).toEqual(
      legacy,
    );
  });
});
