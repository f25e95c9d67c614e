// The operators' view of processes in trouble (README "Failures"): steps that failed attempt after
// attempt (written by the worker's activity interceptor) and requests waiting on a process longer
// than STUCK_UPDATE_SECONDS. 第三条: the city justice bureau runs the system, so it is the one to see.
import { agencyCleanupWorkflowId } from '../../workflows/cleanup';
import { examSessionName } from '../../domain/exam-registration';
import { activityTroubleStore } from '../../infra/activity-trouble';
import type { Db } from '../../infra/db';
import type { ProcessWaits } from '../process-waits';
import { defineRoute } from '../route';
import { z } from '../schemas';

// EXAM_SESSION: 考试安排 (第六条); CORRECTION_ORDER: 督促整改 (第二十七条第二款).
export const PROCESS_KINDS = [
  'APPLICATION',
  'COMPLAINT',
  'SANCTION',
  'CLEANUP',
  'EXAM_SESSION',
  'CORRECTION_ORDER',
  'OTHER',
] as const;
type ProcessKind = (typeof PROCESS_KINDS)[number];

const ProcessRef = z.object({
  kind: z.enum(PROCESS_KINDS),
  /** What a person calls it: the application or complaint number, the certificate, the agency and year. */
  reference: z.string().nullable(),
  /** The record's id, for a link in the UI (none for a clean-up or a scheduled job). */
  id: z.string().nullable(),
});

const StuckProcesses = z
  .object({
    thresholds: z.object({ attempts: z.number().int(), seconds: z.number().int() }),
    activities: z.array(
      z.object({
        process: ProcessRef,
        activityType: z.string(),
        attempts: z.number().int(),
        errorKind: z.enum(['unavailable', 'transient', 'data', 'unknown']),
        errorLabel: z.string(),
        exhausted: z.boolean(),
        firstFailedAt: z.string(),
        lastFailedAt: z.string(),
      }),
    ),
    waits: z.array(z.object({ area: z.string(), waitingSeconds: z.number().int(), since: z.string() })),
  })
  .openapi('StuckProcesses');

/** The process behind each workflow ID, in words: one query per kind, not per row. */
async function processRefs(db: Db, workflowIds: string[]): Promise<Map<string, z.infer<typeof ProcessRef>>> {
  const of = (prefix: string) => workflowIds.filter((id) => id.startsWith(prefix));
  const [applications, complaints, sanctions, examSessions, orders] = await Promise.all([
    db.application.findMany({
      where: { workflowId: { in: of('application-') } },
      select: { id: true, workflowId: true, number: true },
    }),
    db.complaint.findMany({
      where: { workflowId: { in: of('complaint-') } },
      select: { id: true, workflowId: true, number: true },
    }),
    db.sanction.findMany({
      where: { workflowId: { in: of('sanction-') } },
      select: { id: true, workflowId: true, certificate: { select: { number: true } } },
    }),
    db.examSession.findMany({
      where: { workflowId: { in: of('exam-session-') } },
      select: { id: true, workflowId: true, examDate: true, examType: true },
    }),
    db.correctionOrder.findMany({
      where: { workflowId: { in: of('correction-order-') } },
      select: { id: true, workflowId: true, number: true },
    }),
  ]);
  const cleanupOrgs = new Map(
    (
      await db.organisation.findMany({
        where: { id: { in: of('cleanup-').map((id) => id.split('-').slice(2).join('-')) } },
        select: { id: true, name: true },
      })
    ).map((o) => [o.id, o.name]),
  );
  const refs = new Map<string, z.infer<typeof ProcessRef>>();
  for (const a of applications) refs.set(a.workflowId, { kind: 'APPLICATION', reference: a.number, id: a.id });
  for (const c of complaints) refs.set(c.workflowId, { kind: 'COMPLAINT', reference: c.number, id: c.id });
  for (const s of sanctions) refs.set(s.workflowId, { kind: 'SANCTION', reference: s.certificate.number, id: s.id });
  for (const e of examSessions)
    refs.set(e.workflowId, {
      kind: 'EXAM_SESSION',
      reference: examSessionName(e),
      id: e.id,
    });
  for (const o of orders) refs.set(o.workflowId, { kind: 'CORRECTION_ORDER', reference: o.number, id: o.id });
  for (const id of workflowIds) {
    if (refs.has(id)) continue;
    const [, year, ...org] = id.split('-');
    const orgId = org.join('-');
    const name = cleanupOrgs.get(orgId);
    const kind: ProcessKind = id.startsWith('cleanup-') ? 'CLEANUP' : 'OTHER';
    refs.set(id, {
      kind,
      reference:
        name && id === agencyCleanupWorkflowId(Number(year), orgId)
          ? `${year} ${name}`
          : kind === 'CLEANUP'
            ? year
            : null,
      id: null,
    });
  }
  return refs;
}

export const stuckProcesses = defineRoute({
  method: 'get',
  path: '/api/operations/stuck-processes',
  summary:
    'Processes in trouble: steps failing attempt after attempt, and requests waiting on a process too long (city justice bureau)',
  tags: ['operations'],
  auth: ['CITY_REVIEWER', 'SANCTION_OFFICER', 'SUPERVISOR'],
  responses: { 200: { description: 'The stuck processes, oldest first', schema: StuckProcesses } },
  handler: async ({ deps, req, actor, deny }) => {
    if (actor.organisation.type !== 'JUSTICE_BUREAU' || actor.organisation.level !== 'CITY') {
      await deny('only the city justice bureau oversees the running processes (第三条)');
    }
    const rows = await activityTroubleStore(deps.db).list(200);
    const refs = await processRefs(deps.db, [...new Set(rows.map((r) => r.workflowId))]);
    const waits = (req.app.locals.processWaits as ProcessWaits).olderThan(deps.config.STUCK_UPDATE_SECONDS);
    return {
      status: 200,
      body: {
        thresholds: { attempts: deps.config.STUCK_ACTIVITY_ATTEMPTS, seconds: deps.config.STUCK_UPDATE_SECONDS },
        activities: rows.map((r) => ({
          process: refs.get(r.workflowId)!,
          activityType: r.activityType,
          attempts: r.attempts,
          errorKind: r.errorKind as 'unavailable' | 'transient' | 'data' | 'unknown',
          errorLabel: r.errorLabel,
          exhausted: r.exhausted,
          firstFailedAt: r.firstFailedAt.toISOString(),
          lastFailedAt: r.lastFailedAt.toISOString(),
        })),
        // The area of the API (review-tasks, complaints, …): the page names it in words.
        waits: waits.map((w) => ({
          area: w.route.split('/')[2] ?? '',
          waitingSeconds: w.waitingSeconds,
          since: new Date(w.since).toISOString(),
        })),
      },
    };
  },
});
