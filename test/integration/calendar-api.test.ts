// The statutory calendar over HTTP against the real stack (民法典 第二百零三条; the city bureau's
// system admin, 第三条): reading the years, entering and correcting one (audited), refusals naming the
// row and field, the import file, and a provisional 复核 deadline (第三十二条) moved when its year is
// entered — the running sanction workflow follows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingNextYear } from '../../domain/calendar';
import { lastDayBefore, localDateOf } from '../../domain/time';
import { seedCalendarFromChineseDays } from '../../store/calendar';
import { eventually } from '../support/eventually';
import { startTestStack, type TestStack } from '../support/stack';
import { agencyCleanupWorkflowId } from '../../domain/cleanup';

let s: TestStack;
let admin: string;
beforeAll(async () => {
  s = await startTestStack();
  admin = await s.token('system_admin');
});
afterAll(async () => {
  await s?.stop();
});

const put = (year: number, body: unknown) => s.call('PUT', `/api/calendar/${year}`, { token: admin, body });
const audits = (year: number) =>
  s.t.db.auditLog.findMany({
    where: { action: 'calendar.year.enter', targetId: String(year) },
    orderBy: { id: 'asc' },
  });

describe('GET /api/calendar', () => {
  it('第二百零三条: the years seeded from chinese-days, and the warning from 1 November when next year is missing', async () => {
    const r = await s.call('GET', '/api/calendar', { token: admin });
    expect(r.status).toBe(200);
    const y2026 = r.body.items.find((y: { year: number }) => y.year === 2026);
    expect(y2026).toMatchObject({ source: 'CHINESE_DAYS' });
    expect(y2026.dayCount).toBeGreaterThan(20);
    const known = new Set(r.body.items.map((y: { year: number }) => y.year));
    const missing = missingNextYear(localDateOf(new Date()), (y) => known.has(y));
    expect(r.body.warning).toEqual(missing ? { missingYear: missing } : null);
    // The same warning on the dashboard, for the reviewers and the system admin.
    for (const user of ['city_reviewer', 'system_admin']) {
      const d = await s.call('GET', '/api/dashboard', { token: await s.token(user) });
      expect(d.status).toBe(200);
      expect(d.body.calendar).toEqual(missing ? { missingYear: missing } : null);
    }
  });

  it('GET /api/calendar/{year}: a year not entered → 404', async () => {
    const r = await s.call('GET', '/api/calendar/2031', { token: admin });
    expect(r.status).toBe(404);
  });
});

describe('PUT /api/calendar/{year}', () => {
  it('第二百零三条: a year’s days with problems → 400 naming each row and field in Chinese; nothing stored', async () => {
    const r = await put(2030, {
      noticeReference: '国办发明电〔2029〕1号',
      days: [
        { date: '2030-01-01', kind: 'HOLIDAY', name: '元旦' },
        { date: '2030-01-02', kind: 'MAKEUP_WORKDAY', name: '元旦' }, // a Wednesday
        { date: '2029-12-31', kind: 'HOLIDAY', name: '元旦' },
        { date: '2030-01-01', kind: 'HOLIDAY', name: '元旦' },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      { field: 'body.days[1].kind', message: '第 2 行：2030-01-02 是工作日，不能设为调休上班日' },
      { field: 'body.days[2].date', message: '第 3 行：日期 2029-12-31 不在 2030 年内' },
      { field: 'body.days[3].date', message: '第 4 行：日期 2030-01-01 与第 1 行重复' },
    ]);
    expect(await s.t.db.calendarYear.findUnique({ where: { year: 2030 } })).toBeNull();
    expect(await audits(2030)).toEqual([]);
  });

  it('400: neither days nor csv, or both; a missing notice reference', async () => {
    expect((await put(2030, { noticeReference: 'x' })).status).toBe(400);
    expect((await put(2030, { noticeReference: 'x', days: [], csv: '' })).status).toBe(400);
    const r = await put(2030, { days: [] });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].field).toBe('body.noticeReference');
  });

  it('第二百零三条: entering a year stores it with its notice, audited (before: none); correcting it is audited with before and after; the same again changes nothing', async () => {
    const first = {
      noticeReference: '国办发明电〔2029〕1号',
      days: [
        { date: '2030-01-01', kind: 'HOLIDAY', name: '元旦' },
        { date: '2030-02-09', kind: 'MAKEUP_WORKDAY', name: '春节' },
      ],
    };
    const r = await put(2030, first);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ year: 2030, changed: true });
    const got = await s.call('GET', '/api/calendar/2030', { token: admin });
    expect(got.body).toMatchObject({ year: 2030, source: 'ENTERED', noticeReference: first.noticeReference });
    expect(got.body.days).toEqual(first.days);

    const corrected = { ...first, noticeReference: '国办发明电〔2029〕2号', days: [first.days[0]] };
    expect((await put(2030, corrected)).body).toMatchObject({ changed: true });
    expect((await put(2030, corrected)).body).toMatchObject({ changed: false });

    const rows = await audits(2030);
    expect(rows).toHaveLength(2);
    const admin_ = await s.t.db.user.findUniqueOrThrow({ where: { username: 'system_admin' } });
    expect(rows[0]).toMatchObject({ actorId: admin_.id, actorRoles: ['SYSTEM_ADMIN'], outcome: 'DONE' });
    expect(rows[0].detail).toMatchObject({ before: null, after: { noticeReference: first.noticeReference } });
    expect(rows[1].detail).toMatchObject({
      before: { noticeReference: first.noticeReference, days: first.days },
      after: { noticeReference: corrected.noticeReference, days: corrected.days },
    });
  });

  it('第二百零三条: an import file (CSV date,kind,name) is stored as imported; a bad line → 400 naming it', async () => {
    const bad = await put(2031, {
      noticeReference: '测试',
      csv: 'date,kind,name\n2031-01-01,HOLIDAY,元旦\n2031-01-0x,HOLIDAY,元旦\n',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'body.csv', message: '第 3 行：日期“2031-01-0x”不是有效日期（应为 YYYY-MM-DD）' },
    ]);
    const ok = await put(2031, { noticeReference: '测试', csv: 'date,kind,name\n2031-01-01,HOLIDAY,元旦\n' });
    expect(ok.status).toBe(200);
    expect((await s.call('GET', '/api/calendar/2031', { token: admin })).body).toMatchObject({
      source: 'IMPORTED',
      days: [{ date: '2031-01-01', kind: 'HOLIDAY', name: '元旦' }],
    });
  });

  it('the seed never overwrites an entered year', async () => {
    const days = [{ date: '2030-01-01', kind: 'HOLIDAY', name: '元旦' }];
    await put(2030, { noticeReference: '更正', days });
    await seedCalendarFromChineseDays(s.t.db);
    expect((await s.call('GET', '/api/calendar/2030', { token: admin })).body).toMatchObject({
      source: 'ENTERED',
      noticeReference: '更正',
    });
  });
});

describe('provisional deadlines moved when their year is entered', () => {
  it('第三十二条, 第二十八条, 第十条, 民法典 第二百零三条: the 复核 window, a complaint’s investigation deadline and a clean-up task’s deadline, computed while this year was not entered, move later when it is; the view says 暂定 until then, the timeline and whoever must act are told, the workflows follow', async () => {
    // This year not entered yet (as a year after chinese-days' last one is): its days are taken out.
    const year = Number(localDateOf(new Date()).slice(0, 4));
    const entered = await s.call('GET', `/api/calendar/${year}`, { token: admin });
    await s.t.db.calendarYear.delete({ where: { year } });

    const officerToken = await s.token('sanction_officer');
    const decided = await s.call('POST', '/api/sanctions', {
      token: officerToken,
      body: {
        certificateNumber: '330106-2023-00001',
        type: 'SUSPENSION',
        grounds: [1],
        facts: '玩忽职守',
        deliveredAt: new Date().toISOString(),
      },
    });
    expect(decided.status).toBe(201);
    expect(decided.body.reviewDeadlineProvisional).toBe(true);
    const before = decided.body.reviewDeadline as string;

    // 第二十八条: a complaint accepted now — its investigation deadline is provisional too.
    const xihu = await s.t.db.organisation.findFirstOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } });
    const filed = await s.call('POST', '/api/public/complaints', {
      body: {
        organisationId: xihu.id,
        complainant: { kind: 'PERSON', anonymous: true },
        subjects: [{ certificateNumber: '330106-2023-00001' }],
        facts: '执法人员在检查中未出示执法证件',
        occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
        place: '西湖区文三路 100 号',
      },
    });
    expect(filed.status).toBe(201);
    const handler = await s.token('complaint_handler');
    const accepted = await s.call('POST', `/api/complaints/${filed.body.id}/accept`, { token: handler, body: {} });
    expect(accepted.status).toBe(200);
    const investigation = await s.t.db.complaintTask.findFirstOrThrow({
      where: { complaintId: filed.body.id, kind: 'INVESTIGATION' },
    });
    expect(investigation.dueAtProvisional).toBe(true);

    // 第十条: the clean-up of last year started now — its agencies' deadline is provisional too.
    await s.t.db.officer.updateMany({ where: { name: '张伟' }, data: { onStaff: false } });
    const started = await s.call('POST', '/api/cleanup-runs', {
      token: await s.token('city_reviewer'),
      body: { year: year - 1 },
    });
    expect(started.status).toBe(202);
    const cleanupTask = await eventually('an open clean-up task', () =>
      s.t.db.cleanupTask.findFirst({ where: { year: year - 1, status: 'OPEN' } }),
    );
    expect(cleanupTask.dueAtProvisional).toBe(true);

    // The notice as entered: this year's days, and the deadlines' last days holidays (test data).
    const lastDays = new Set([
      lastDayBefore(new Date(before)),
      lastDayBefore(investigation.dueAt),
      lastDayBefore(cleanupTask.dueAt),
    ]);
    const days = entered.body.days.filter((d: { date: string }) => !lastDays.has(d.date));
    for (const date of lastDays)
      if (date.startsWith(`${year}-`)) days.push({ date, kind: 'HOLIDAY', name: '测试假日' });
    const r = await put(year, { noticeReference: '测试通知', days });
    expect(r.status).toBe(200);
    expect(r.body.moved).toBeGreaterThanOrEqual(1);

    const after = await s.call('GET', `/api/sanctions/${decided.body.id}`, { token: officerToken });
    expect(Date.parse(after.body.reviewDeadline)).toBeGreaterThan(Date.parse(before));
    expect(after.body.reviewDeadlineProvisional).toBe(false);
    const event = await s.t.db.certificateEvent.findFirstOrThrow({
      where: { sanctionId: decided.body.id, type: 'REVIEW_DEADLINE_MOVED' },
    });
    expect(event.article).toBe('第三十二条');
    const agency = await s.call('GET', '/api/notifications', { token: await s.token('agency_admin') });
    expect(agency.body.items.map((n: { kind: string }) => n.kind)).toContain('REVIEW_DEADLINE_MOVED');

    // The workflow took the move: after the deadlineMoved signal its timer is started again, for the
    // new window's end (+1 ms: the window is over just after its instant, domain/sanction.ts).
    const history = await s.temporal.workflow.getHandle(`sanction-${decided.body.id}`).fetchHistory();
    const events = history.events!;
    const signalled = events.findIndex(
      (e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'deadlineMoved',
    );
    expect(signalled).toBeGreaterThan(0);
    const timer = events.slice(signalled).find((e) => e.timerStartedEventAttributes);
    expect(timer).toBeDefined();
    expect(events.slice(signalled).some((e) => e.timerCanceledEventAttributes)).toBe(true);

    // 第十条: the clean-up task's deadline too, with a notice for the agency; its workflow follows.
    if (lastDayBefore(cleanupTask.dueAt).startsWith(`${year}-`)) {
      const moved = await s.t.db.cleanupTask.findUniqueOrThrow({ where: { id: cleanupTask.id } });
      expect(moved.dueAt.getTime()).toBeGreaterThan(cleanupTask.dueAt.getTime());
      expect(
        await s.t.db.notification.count({
          where: { recipientOrgId: cleanupTask.organisationId, kind: 'CLEANUP_DEADLINE_MOVED' },
        }),
      ).toBe(1);
      const ch = await s.temporal.workflow
        .getHandle(agencyCleanupWorkflowId(cleanupTask.year, cleanupTask.organisationId))
        .fetchHistory();
      expect(ch.events!.some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'deadlineMoved')).toBe(
        true,
      );
    }

    // 第二十八条: the investigation deadline moved later too (still provisional if it now reaches into
    // a year not entered), on the complaint, its timeline and for the handling organ; the workflow follows.
    if (lastDayBefore(investigation.dueAt).startsWith(`${year}-`)) {
      const moved = await s.t.db.complaintTask.findUniqueOrThrow({ where: { id: investigation.id } });
      expect(moved.dueAt.getTime()).toBeGreaterThan(investigation.dueAt.getTime());
      const complaint = await s.t.db.complaint.findUniqueOrThrow({ where: { id: filed.body.id } });
      expect(complaint.investigationDueAt?.toISOString()).toBe(moved.dueAt.toISOString());
      expect(await s.t.db.complaintEvent.count({ where: { complaintId: filed.body.id, type: 'DEADLINE_MOVED' } })).toBe(
        1,
      );
      const notices = await s.call('GET', '/api/notifications', { token: handler });
      expect(notices.body.items.map((n: { kind: string }) => n.kind)).toContain('COMPLAINT_DEADLINE_MOVED');
      const ch = await s.temporal.workflow.getHandle(complaint.workflowId).fetchHistory();
      expect(ch.events!.some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'deadlineMoved')).toBe(
        true,
      );
    }
  });
});
