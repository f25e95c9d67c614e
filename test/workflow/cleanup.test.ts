// The yearly clean-up on the time-skipping server: tasks with findings per agency, escalation to the
// supervising bureau when the deadline passes, totals per district, one run per year, batches.
import crypto from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { storeCalendar } from '../../store/calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupActivities } from '../../activities/cleanup';
import { actionDeadline, chineseCalendar } from '../../domain/time';
import {
  CLEANUP_BATCH_SIZE,
  agencyCleanupWorkflowId,
  findingsChanged,
  yearlyCleanupWorkflow,
} from '../../workflows/cleanup';
import { eventually } from '../support/eventually';
import { freshDatabase, type TestDatabase } from '../support/database';
import { DEFAULT_SETTINGS, TASK_QUEUE, timeSkippingEnv, withWorker } from '../support/time-skipping';

let env: TestWorkflowEnvironment;
let t: TestDatabase;

beforeAll(async () => {
  [env, t] = await Promise.all([timeSkippingEnv(), freshDatabase()]);
});
afterAll(async () => {
  await env?.teardown();
  await t?.drop();
});

const orgId = async (name: string) => (await t.db.organisation.findUniqueOrThrow({ where: { name } })).id;
const officerId = async (name: string) => (await t.db.officer.findFirstOrThrow({ where: { name } })).id;

describe('yearly clean-up (第十条) on the time-skipping server', () => {
  it('第十条: opens one task per agency with its findings; resolved agencies end, the rest escalate to their bureau at the deadline; totals per district', async () => {
    const year = 2025;
    const user = await t.db.user.findUniqueOrThrow({ where: { username: 'agency_admin' } });
    // 李娜 has her 60 hours (第十五条) and her annual assessment (第二十七条): nothing to find about her.
    const li = await officerId('李娜');
    await t.db.trainingRecord.create({
      data: {
        officerId: li,
        takenOn: new Date(`${year}-06-01`),
        hours: 60,
        category: 'NEW_LAWS',
        mode: 'CENTRALIZED',
        scope: 'COMPREHENSIVE',
        organiser: '市司法局',
        createdById: user.id,
      },
    });
    await t.db.assessment.create({
      data: {
        officerId: li,
        kind: 'ANNUAL',
        year,
        assessedOn: new Date(`${year + 1}-01-05`),
        grade: 'COMPETENT',
        recordedById: user.id,
      },
    });
    // 张伟 is no longer 在编 but his card is still ACTIVE (第二条第二款, 第九条).
    await t.db.officer.update({ where: { id: await officerId('张伟') }, data: { onStaff: false } });

    const xihu = await orgId('杭州市西湖区综合行政执法局');
    const shangcheng = await orgId('杭州市上城区卫生健康局');
    const market = await orgId('杭州市市场监督管理局');
    const transport = await orgId('杭州市交通运输行政执法队');

    const report = await withWorker(env, t.db, async () => {
      const startedAt = new Date(Number(await env.currentTimeMs()));
      const handle = await env.client.workflow.start(yearlyCleanupWorkflow, {
        workflowId: `cleanup-${year}`,
        taskQueue: TASK_QUEUE,
        args: [{ year }],
      });
      await eventually('four tasks', async () => (await t.db.cleanupTask.count({ where: { year } })) === 4);

      const findings = await t.db.cleanupFinding.findMany({ include: { task: true } });
      const kindsOf = (org: string) =>
        findings
          .filter((f) => f.task.organisationId === org)
          .map((f) => f.kind)
          .sort();
      expect(kindsOf(xihu)).toEqual(['NOT_ON_STAFF']);
      expect(kindsOf(shangcheng)).toEqual(['ASSESSMENT_MISSING', 'TRAINING_SHORTFALL']);
      expect(kindsOf(market)).toEqual(['ASSESSMENT_MISSING', 'TRAINING_SHORTFALL']);
      expect(kindsOf(transport)).toEqual([]);
      const run = await t.db.cleanupRun.findUniqueOrThrow({ where: { year } });
      expect(run.dueAt.getTime()).toBeGreaterThanOrEqual(
        actionDeadline(
          startedAt,
          { days: DEFAULT_SETTINGS.cleanupDeadlineDays },
          chineseCalendar(() => {}),
        ).getTime() - 60_000,
      );
      // An agency without findings has nothing to do: its task is resolved at once.
      expect((await t.db.cleanupTask.findFirstOrThrow({ where: { organisationId: transport } })).status).toBe(
        'RESOLVED',
      );

      // The market agency works its list (as the API does: the rows, then the hint).
      const marketTask = await t.db.cleanupTask.findFirstOrThrow({ where: { organisationId: market } });
      await t.db.cleanupFinding.updateMany({
        where: { taskId: marketTask.id },
        data: { resolution: 'KEEP', resolutionNote: '已安排补训、补考核', resolvedAt: new Date() },
      });
      await t.db.cleanupTask.update({ where: { id: marketTask.id }, data: { openCount: 0 } });
      await env.client.workflow.getHandle(agencyCleanupWorkflowId(year, market)).signal(findingsChanged);
      await eventually(
        'the market task resolved',
        async () => (await t.db.cleanupTask.findUniqueOrThrow({ where: { id: marketTask.id } })).status === 'RESOLVED',
      );

      return handle.result(); // the server skips to the deadline
    });

    const tasks = await t.db.cleanupTask.findMany({ where: { year } });
    const statusOf = (org: string) => tasks.find((x) => x.organisationId === org)?.status;
    expect([statusOf(xihu), statusOf(shangcheng), statusOf(market), statusOf(transport)]).toEqual([
      'ESCALATED',
      'ESCALATED',
      'RESOLVED',
      'RESOLVED',
    ]);
    // Escalation goes to the bureau that supervises each agency (第七条's first level).
    const escalations = await t.db.notification.findMany({ where: { kind: 'CLEANUP_ESCALATION' } });
    const bureaus = await t.db.organisation.findMany({
      where: { id: { in: escalations.map((n) => n.recipientOrgId) } },
    });
    expect(bureaus.map((b) => b.name).sort()).toEqual(['杭州市上城区司法局', '杭州市西湖区司法局']);

    expect(report.skipped).toBe(false);
    expect(report.totals).toMatchObject({
      year,
      agencies: 4,
      findings: 5,
      open: 3,
      escalatedTasks: 2,
      resolvedTasks: 2,
      byKind: { NOT_ON_STAFF: 1, TRAINING_SHORTFALL: 2, ASSESSMENT_MISSING: 2 },
    });
    expect(report.totals!.byDistrict).toEqual([
      { regionCode: '330100', agencies: 2, findings: 2, open: 0, escalatedTasks: 0 },
      { regionCode: '330102', agencies: 1, findings: 2, open: 2, escalatedTasks: 1 },
      { regionCode: '330106', agencies: 1, findings: 1, open: 1, escalatedTasks: 1 },
    ]);
    const run = await t.db.cleanupRun.findUniqueOrThrow({ where: { year } });
    expect(run.completedAt).not.toBeNull();
    expect(await t.db.notification.count({ where: { kind: 'CLEANUP_REPORT' } })).toBe(1);
  });

  it('第十条: a second run for the same year (the Schedule and a hand start) does nothing', async () => {
    const report = await withWorker(env, t.db, () =>
      env.client.workflow.execute(yearlyCleanupWorkflow, {
        workflowId: `cleanup-again-${crypto.randomUUID()}`,
        taskQueue: TASK_QUEUE,
        args: [{ year: 2025 }],
      }),
    );
    expect(report).toEqual({ year: 2025, skipped: true });
    expect(await t.db.cleanupTask.count({ where: { year: 2025 } })).toBe(4);
  });

  it('第十条: more agencies than a batch are handled in several batch children, each agency once', async () => {
    const year = 2024;
    const region = '330108';
    await t.db.organisation.createMany({
      data: Array.from({ length: 130 }, (_, i) => ({
        name: `批量测试执法机关${i}`,
        type: 'AGENCY' as const,
        level: 'DISTRICT' as const,
        regionCode: region,
        agencyKind: 'GOVERNMENT_BODY' as const,
      })),
    });
    const agencies = await t.db.organisation.count({ where: { type: 'AGENCY', verticallyManaged: false } });
    const report = await withWorker(env, t.db, () =>
      env.client.workflow.execute(yearlyCleanupWorkflow, {
        workflowId: `cleanup-${year}`,
        taskQueue: TASK_QUEUE,
        args: [{ year }],
      }),
    );
    expect(report.totals?.agencies).toBe(agencies);
    expect(await t.db.cleanupTask.count({ where: { year } })).toBe(agencies);
    // Two batch children: the second starts after the first page's last agency.
    const ids = (
      await t.db.organisation.findMany({
        where: { type: 'AGENCY', verticallyManaged: false },
        orderBy: { id: 'asc' },
        select: { id: true },
      })
    ).map((o) => o.id);
    for (const first of [ids[0], ids[CLEANUP_BATCH_SIZE]]) {
      expect((await env.client.workflow.getHandle(`cleanup-${year}-batch-${first}`).describe()).status.name).toBe(
        'COMPLETED',
      );
    }
  });
});

describe('clean-up findings (set-based SQL)', () => {
  it('第十条, 第十五条: only holders of the reviewed year are checked; a lost card is a finding only while its holder is here, on staff and without another valid card', async () => {
    const year = 2022;
    const acts = cleanupActivities(t.db, DEFAULT_SETTINGS, storeCalendar(t.db));
    const agency = await t.db.organisation.create({
      data: {
        name: '清理规则测试执法机关',
        type: 'AGENCY',
        level: 'DISTRICT',
        regionCode: '330108',
        agencyKind: 'GOVERNMENT_BODY',
      },
    });
    let n = 0;
    const officer = async (name: string, onStaff = true) =>
      t.db.officer.create({
        data: {
          name,
          idNumber: `CLEANUPRULE${String(++n).padStart(7, '0')}`,
          birthDate: new Date('1990-01-01'),
          organisationId: agency.id,
          onStaff,
        },
      });
    const card = (officerId: string, status: 'ACTIVE' | 'VOID', issuedOn: string) =>
      t.db.certificate.create({
        data: { number: `RULE-${++n}`, officerId, organisationId: agency.id, status, issuedOn: new Date(issuedOn) },
      });
    const newcomer = await officer('新证人员'); // card issued after the reviewed year
    await card(newcomer.id, 'ACTIVE', `${year + 1}-01-10`);
    const retired = await officer('退休人员', false); // lost card, no longer 在编
    await card(retired.id, 'VOID', '2020-01-01');
    const reissued = await officer('已换证人员'); // lost card, holds a new one
    await card(reissued.id, 'VOID', '2020-01-01');
    await card(reissued.id, 'ACTIVE', '2021-03-01');
    const lost = await officer('遗失未补发人员'); // lost card, nothing else
    await card(lost.id, 'VOID', '2020-01-01');

    await acts.claimCleanupRun({ year, workflowId: 'rules-test', startedAt: new Date().toISOString() });
    const opened = await acts.openCleanupTask({ year, organisationId: agency.id, at: new Date().toISOString() });
    const findings = await t.db.cleanupFinding.findMany({ where: { taskId: opened.taskId } });
    const byOfficer = (id: string) =>
      findings
        .filter((f) => f.officerId === id)
        .map((f) => f.kind)
        .sort();
    expect(byOfficer(newcomer.id)).toEqual([]);
    expect(byOfficer(retired.id)).toEqual([]);
    expect(byOfficer(reissued.id)).toEqual(['ASSESSMENT_MISSING', 'TRAINING_SHORTFALL']);
    expect(byOfficer(lost.id)).toEqual(['LOST_NOT_REISSUED']);
    // Opening again (a retried activity) finds the same task and adds nothing.
    expect(await acts.openCleanupTask({ year, organisationId: agency.id, at: new Date().toISOString() })).toMatchObject(
      { taskId: opened.taskId, findings: findings.length },
    );
  });
});
