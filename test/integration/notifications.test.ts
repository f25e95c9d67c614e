// Notifications over HTTP (issue #16 §1): each reader's own read state, the unread count, marking one or
// those the page shows read, and links that name the web page where the reader acts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { complaintAbout } from '../support/recusal-flow';
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

  it('marking what the page shows read leaves a notice that arrived since unread, and a colleague’s', async () => {
    const bureau = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区司法局' } });
    const colleagueBefore = await unread('district_reviewer');
    const page = (await list('xihu_reviewer_b', '?unread=true')).body.items.map((n: { id: string }) => n.id);
    expect(page.length).toBeGreaterThanOrEqual(1);
    // Arrives after the page was shown, before the reader presses 本页全部标为已读.
    const later = await s.t.db.notification.create({
      data: {
        recipientOrgId: bureau.id,
        kind: 'TASK_REMINDER',
        subject: '审核任务即将到期',
        body: '请尽快处理',
        link: `/tasks/${taskId}`,
        dedupeKey: 'later-reminder',
      },
    });
    const r = await s.call('POST', '/api/notifications/read', { token: tokens.xihu_reviewer_b, body: { ids: page } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ marked: page.length, unread: 1 });
    expect((await list('xihu_reviewer_b', '?unread=true')).body.items.map((n: { id: string }) => n.id)).toEqual([
      later.id,
    ]);
    expect(await unread('district_reviewer')).toBe(colleagueBefore + 1);
  });

  it('marking read without the ids shown, or with what is not an id, is a 400 that marks nothing', async () => {
    const before = await unread('district_reviewer');
    for (const body of [{}, { ids: [] }, { ids: ['not-an-id'] }]) {
      const r = await s.call('POST', '/api/notifications/read', { token: tokens.district_reviewer, body });
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await unread('district_reviewer')).toBe(before);
  });

  it('links stored before the web pages existed are rewritten by the migration to pages of the web UI', async () => {
    const legacy = {
      '/review-tasks/7f000000-0000-4000-8000-000000000001': '/tasks/7f000000-0000-4000-8000-000000000001',
      '/api/cleanup-tasks/7f000000-0000-4000-8000-000000000002': '/cleanup/7f000000-0000-4000-8000-000000000002',
      '/api/cleanup-runs/2026': '/cleanup?year=2026',
      '/api/training/shortfall?year=2026&agencyId=7f000000-0000-4000-8000-000000000003': '/training?year=2026',
      '/sanctions/7f000000-0000-4000-8000-000000000004': '/sanctions/7f000000-0000-4000-8000-000000000004',
    };
    const rows = await migrated('20261201090000_notification_reads', Object.keys(legacy));
    expect(Object.fromEntries(Object.keys(legacy).map((link, i) => [link, rows[i].link]))).toEqual(legacy);
  });

  it('第二十条: notices written before they named their case get it from their link, by the migration', async () => {
    const task = await s.t.db.reviewTask.findUniqueOrThrow({ where: { id: taskId } });
    const complaint = await complaintAbout(s, '330106-2023-00001');
    const uncased = {
      [`/tasks/${taskId}`]: { complaintId: null, applicationId: task.applicationId },
      [`/complaints/${complaint.id}`]: { complaintId: complaint.id, applicationId: null },
      [`/applications/${task.applicationId}`]: { complaintId: null, applicationId: null }, // the agency's: a party
      '/tasks/7f000000-0000-4000-8000-000000000009': { complaintId: null, applicationId: null }, // no such task
    };
    const rows = await migrated('20261201120000_notification_case', Object.keys(uncased));
    expect(
      Object.fromEntries(
        Object.keys(uncased).map((link, i) => [
          link,
          { complaintId: rows[i].complaintId, applicationId: rows[i].applicationId },
        ]),
      ),
    ).toEqual(uncased);
  });
});

/** Notices written before `migration`, one per link, after its UPDATEs ran over them: in the links' order. */
async function migrated(migration: string, links: string[]) {
  const org = (await s.t.db.organisation.findFirstOrThrow({ where: { name: '杭州市西湖区司法局' } })).id;
  const key = (i: number) => `${migration}:${i}`;
  for (const [i, link] of links.entries())
    await s.t.db.notification.create({
      data: { recipientOrgId: org, kind: 'TASK_NEW', subject: '旧通知', body: '旧', link, dedupeKey: key(i) },
    });
  const sql = readFileSync(path.join(__dirname, `../../prisma/migrations/${migration}/migration.sql`), 'utf8');
  for (const update of sql.split('\n').filter((l) => l.startsWith('UPDATE '))) await s.t.db.$executeRawUnsafe(update);
  return Promise.all(links.map((_, i) => s.t.db.notification.findUniqueOrThrow({ where: { dedupeKey: key(i) } })));
}
