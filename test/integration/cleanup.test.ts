// The yearly clean-up (第十条) and the training pace warnings (第十五条) on the dev server, over HTTP:
// the Schedules exist after start-up, triggering one starts the work, agencies resolve findings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupScheduleId, trainingWarningScheduleId } from '../../worker/schedules';
import { eventually } from '../support/eventually';
import { startTestStack, type TestStack } from '../support/stack';
import { databaseFault } from '../support/database';
import { scanQrCode } from '../support/verification';

let s: TestStack;
beforeAll(async () => {
  // Warnings from 1 January, so that today is inside the warning period whatever the date.
  s = await startTestStack({ env: { TRAINING_WARNING_FROM: '01-01' } });
});
afterAll(async () => {
  await s?.stop();
});

const LAST_YEAR = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) - 1;

describe('yearly clean-up over HTTP', () => {
  it('第十条: the Schedule exists after start-up (15 January, Asia/Shanghai); triggering it runs the clean-up of the year before', async () => {
    const handle = s.temporal.schedule.getHandle(cleanupScheduleId(s.config.TEMPORAL_TASK_QUEUE));
    const d = await handle.describe();
    expect(d.spec.timezone).toBe('Asia/Shanghai');
    expect(d.spec.calendars?.[0]).toMatchObject({
      month: [{ start: 'JANUARY', end: 'JANUARY', step: 1 }],
      dayOfMonth: [{ start: 15, end: 15, step: 1 }],
    });

    // 张伟 left the 在编 staff; his card is still active.
    await s.t.db.officer.updateMany({ where: { name: '张伟' }, data: { onStaff: false } });
    await handle.trigger();
    const city = await s.token('city_reviewer');
    const run = await eventually('the run', async () => {
      const r = await s.call('GET', `/api/cleanup-runs/${LAST_YEAR}`, { token: city });
      return r.status === 200 && r.body.inYourRegion.tasks.OPEN + r.body.inYourRegion.tasks.RESOLVED === 4 && r.body;
    });
    expect(run.inYourRegion.findings).toBeGreaterThan(0);
    // By hand, the same year again: refused, nothing started.
    const again = await s.call('POST', '/api/cleanup-runs', { token: city, body: { year: LAST_YEAR } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CLEANUP_ALREADY_RUN', article: '第十条' });
  });

  it('第十条, 第九条: the agency sees its own task, keeps a finding with a reason and cancels the card of a holder no longer 在编; refusals change nothing', async () => {
    const admin = await s.token('agency_admin');
    const list = await s.call('GET', `/api/cleanup-tasks?year=${LAST_YEAR}`, { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1); // its own agency only
    const task = (await s.call('GET', `/api/cleanup-tasks/${list.body.items[0].id}`, { token: admin })).body;
    expect(task.agency.name).toBe('杭州市西湖区综合行政执法局');
    const notOnStaff = task.findings.find((f: { kind: string }) => f.kind === 'NOT_ON_STAFF');
    expect(notOnStaff).toMatchObject({
      article: '第九条',
      certificate: { number: '330106-2023-00001', status: 'ACTIVE' },
      allowedResolutions: ['CANCEL', 'KEEP'],
    });
    const shortfall = task.findings.find((f: { kind: string }) => f.kind === 'TRAINING_SHORTFALL');
    expect(shortfall).toMatchObject({ article: '第十五条' });
    const url = (f: { id: string }) => `/api/cleanup-tasks/${task.id}/findings/${f.id}/resolution`;

    const noReason = await s.call('POST', url(shortfall), { token: admin, body: { action: 'KEEP' } });
    expect(noReason.status).toBe(400);
    const wrong = await s.call('POST', url(shortfall), { token: admin, body: { action: 'REISSUE' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'RESOLUTION_NOT_ALLOWED', article: '第十五条' });
    const reviewer = await s.call('POST', url(shortfall), {
      token: await s.token('district_reviewer'),
      body: { action: 'KEEP', note: '已安排' },
    });
    expect(reviewer.status).toBe(403);
    expect((await s.t.db.cleanupFinding.findUniqueOrThrow({ where: { id: shortfall.id } })).resolution).toBeNull();

    const kept = await s.call('POST', url(shortfall), {
      token: admin,
      body: { action: 'KEEP', note: '已安排一季度集中培训补足学时' },
    });
    expect(kept.status).toBe(200);
    expect(kept.body.open).toBe(task.open - 1);
    expect(
      (await s.call('POST', url(shortfall), { token: admin, body: { action: 'KEEP', note: '再次' } })).status,
    ).toBe(409);

    const cancelled = await s.call('POST', url(notOnStaff), {
      token: admin,
      body: { action: 'CANCEL', ground: 'RESIGNATION', effectiveOn: '2025-12-31' },
      headers: { 'Idempotency-Key': 'cleanup-cancel-zhang-1' },
    });
    expect(cancelled.status).toBe(200);
    const retry = await s.call('POST', url(notOnStaff), {
      token: admin,
      body: { action: 'CANCEL', ground: 'RESIGNATION', effectiveOn: '2025-12-31' },
      headers: { 'Idempotency-Key': 'cleanup-cancel-zhang-1' },
    });
    expect(retry).toMatchObject({ status: 200, body: cancelled.body });
    const verify = await scanQrCode(s, admin, '330106-2023-00001');
    expect(verify.body.status).toBe('CANCELLED');
    expect(
      await s.t.db.certificateEvent.count({ where: { certificate: { number: '330106-2023-00001' }, type: 'CANCEL' } }),
    ).toBe(1);

    // The district bureau follows its agencies' tasks; it cannot see another district's.
    const district = await s.call('GET', `/api/cleanup-tasks?year=${LAST_YEAR}`, {
      token: await s.token('district_reviewer'),
    });
    expect(district.body.items.map((t: { agency: { regionCode: string } }) => t.agency.regionCode)).toEqual(['330106']);
    const other = await s.t.db.cleanupTask.findFirstOrThrow({ where: { organisation: { regionCode: '330102' } } });
    expect(
      (await s.call('GET', `/api/cleanup-tasks/${other.id}`, { token: await s.token('district_reviewer') })).status,
    ).toBe(403);
  });

  it('第十条: a 补发 resolution that loses the race to another resolution withdraws the application it started', async () => {
    const admin = await s.token('agency_admin');
    const list = await s.call('GET', `/api/cleanup-tasks?year=${LAST_YEAR}`, { token: admin });
    const taskId: string = list.body.items[0].id;
    const cert = await s.t.db.certificate.findUniqueOrThrow({ where: { number: '330106-2023-00002' } });
    const finding = await s.t.db.cleanupFinding.create({
      data: {
        taskId,
        kind: 'LOST_NOT_REISSUED',
        officerId: cert.officerId,
        certificateId: cert.id,
        subjectKey: cert.id,
      },
    });
    // Another resolution commits in between: this one's compare-and-set finds nothing left to resolve.
    const removeFault = await databaseFault(s.t.db, {
      name: 'lose_race',
      table: 'CleanupFinding',
      body: `IF OLD.id = '${finding.id}' THEN RETURN NULL; END IF; RETURN NEW;`,
    });
    try {
      const r = await s.call('POST', `/api/cleanup-tasks/${taskId}/findings/${finding.id}/resolution`, {
        token: admin,
        body: { action: 'REISSUE', note: '证件遗失' },
      });
      expect(r).toMatchObject({ status: 409, body: { code: 'FINDING_RESOLVED' } });
      // The 补发 it started does not stay under review, blocking the officer's other applications.
      const started = await s.t.db.application.findFirstOrThrow({
        where: { kind: 'REISSUE', previousCertificateId: cert.id },
      });
      await eventually(
        'the 补发 withdrawn',
        async () => (await s.t.db.application.findUniqueOrThrow({ where: { id: started.id } })).status === 'WITHDRAWN',
      );
    } finally {
      await removeFault();
    }
  });

  it('人员事件轨迹: the officer’s timeline shows the certificate, its cancellation and the clean-up finding, oldest first', async () => {
    const zhang = await s.t.db.officer.findFirstOrThrow({ where: { name: '张伟' } });
    const r = await s.call('GET', `/api/officers/${zhang.id}/timeline`, { token: await s.token('officer') });
    expect(r.status).toBe(200);
    const types = r.body.entries.map((e: { type: string }) => e.type);
    expect(types).toContain('CERTIFICATE_CANCEL');
    expect(types).toContain('CLEANUP_NOT_ON_STAFF');
    const ats = r.body.entries.map((e: { at: string }) => e.at);
    expect([...ats].sort()).toEqual(ats);
    const wang = await s.t.db.officer.findFirstOrThrow({ where: { name: '王强' } });
    expect(
      (await s.call('GET', `/api/officers/${wang.id}/timeline`, { token: await s.token('agency_admin') })).status,
    ).toBe(403);
  });

  it('第十条: the city bureau starts a clean-up by hand; a future year is refused and other roles may not start one', async () => {
    const city = await s.token('city_reviewer');
    expect((await s.call('POST', '/api/cleanup-runs', { token: city, body: { year: 2099 } })).status).toBe(400);
    // 第十条: the current year is not over: its clean-up is the Schedule's, next January.
    expect((await s.call('POST', '/api/cleanup-runs', { token: city, body: { year: LAST_YEAR + 1 } })).status).toBe(
      400,
    );
    expect(
      (await s.call('POST', '/api/cleanup-runs', { token: await s.token('agency_admin'), body: { year: 2020 } }))
        .status,
    ).toBe(403);
    const started = await s.call('POST', '/api/cleanup-runs', { token: city, body: { year: 2020 } });
    expect(started).toMatchObject({
      status: 202,
      body: { year: 2020, workflowId: `${s.config.TEMPORAL_TASK_QUEUE}-cleanup-2020` },
    });
    await eventually('the 2020 tasks', async () => (await s.t.db.cleanupTask.count({ where: { year: 2020 } })) === 4);
  });
});

describe('training pace warnings (第十五条)', () => {
  it('第十五条: the weekly Schedule warns each agency about certified officers behind the even pace, once per day', async () => {
    const handle = s.temporal.schedule.getHandle(trainingWarningScheduleId(s.config.TEMPORAL_TASK_QUEUE));
    expect((await handle.describe()).spec.timezone).toBe('Asia/Shanghai');
    await handle.trigger();
    const admin = await s.token('agency_admin');
    const warning = await eventually('the warning', async () => {
      const r = await s.call('GET', '/api/notifications', { token: admin });
      return r.body.items.find((n: { kind: string }) => n.kind === 'TRAINING_PACE');
    });
    expect(warning.body).toContain('李娜');
    expect(warning.body).toContain('第十五条');
    await handle.trigger();
    await new Promise((r) => setTimeout(r, 1500));
    const all = (await s.call('GET', '/api/notifications', { token: admin })).body.items.filter(
      (n: { kind: string }) => n.kind === 'TRAINING_PACE',
    );
    expect(all).toHaveLength(1);
  });
});
