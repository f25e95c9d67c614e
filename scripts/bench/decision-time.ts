// Where a decision's time goes over a run of the application flow, from the stack's own metrics:
// the API's per-route histogram and Server-Timing phases (api/metrics.ts, api/server-timing.ts),
// the worker's Temporal SDK histograms, and PostgreSQL's statistics (pg_stat_database for
// transactions, pg_stat_statements for statements and their execution time).
import type { BenchStack } from './harness';
import { histogram, total, type Series } from './prometheus';
import { round2 } from './http';

const DECISION_ROUTE = '/api/review-tasks/{id}/decision';
// The step a decision's Update runs: recordDecision as an activity, or decideAndOpenNext as a local
// activity (the one-step decision of issue #17); the first of them that ran is taken.
const DECISION_STEPS = ['recordDecision', 'decideAndOpenNext'];
// A backend reports its transaction counts when it goes idle, held for at most 10 s (PostgreSQL's
// PGSTAT_IDLE_INTERVAL): read them only after that long, so the delta holds the run and only the run.
const STATS_SETTLE_MS = 11_000;

export interface Snapshot {
  route: Series[];
  activity: Series[];
  localActivity: Series[];
  activityScheduleToStart: Series[];
  workflowTask: Series[];
  workflowTaskScheduleToStart: Series[];
  commits: number;
  statements: number;
  sqlMs: number;
  /** Calls of each statement (by pg_stat_statements' query id), with its text's start. */
  byStatement: Map<string, { query: string; calls: number }>;
}

const text = async (url: string) => (await fetch(url)).text();

export async function snapshot(stack: BenchStack): Promise<Snapshot> {
  await new Promise((r) => setTimeout(r, STATS_SETTLE_MS));
  const [api, worker] = await Promise.all([text(`${stack.baseUrl}/metrics`), text(stack.workerMetricsUrl)]);
  const [db] = await stack.db.$queryRawUnsafe<{ commits: number }[]>(
    'SELECT xact_commit::float8 AS commits FROM pg_stat_database WHERE datname = current_database()',
  );
  const [st] = await stack.db.$queryRawUnsafe<{ statements: number; ms: number }[]>(
    `SELECT coalesce(sum(calls), 0)::float8 AS statements, coalesce(sum(total_exec_time), 0)::float8 AS ms
     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND query NOT ILIKE '%pg_stat%'`,
  );
  const rows = await stack.db.$queryRawUnsafe<{ id: string; query: string; calls: number }[]>(
    `SELECT queryid::text AS id, left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS query, calls::float8 AS calls
     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND query NOT ILIKE '%pg_stat%'`,
  );
  return {
    byStatement: new Map(rows.map((r) => [r.id, { query: r.query, calls: r.calls }])),
    route: histogram(api, 'http_request_duration_seconds'),
    activity: histogram(worker, 'temporal_activity_execution_latency'),
    localActivity: histogram(worker, 'temporal_local_activity_execution_latency'),
    activityScheduleToStart: histogram(worker, 'temporal_activity_schedule_to_start_latency'),
    workflowTask: histogram(worker, 'temporal_workflow_task_execution_latency'),
    workflowTaskScheduleToStart: histogram(worker, 'temporal_workflow_task_schedule_to_start_latency'),
    commits: db.commits,
    statements: st.statements,
    sqlMs: st.ms,
  };
}

/** Count and mean ms of the observations between two scrapes of one histogram. */
function between(before: Series[], after: Series[], match: Record<string, string> = {}) {
  const a = total(after, match);
  const b = total(before, match);
  const count = a.count - b.count;
  const sumMs = a.sumMs - b.sumMs;
  return { count, sumMs, meanMs: count ? round2(sumMs / count) : NaN };
}

/** The statements called most often between the scrapes, per application (BEGIN, COMMIT and SELECT 1 included). */
function mostFrequent(before: Snapshot, after: Snapshot, perApp: (x: number) => number) {
  return [...after.byStatement]
    .map(([id, s]) => ({ calls: perApp(s.calls - (before.byStatement.get(id)?.calls ?? 0)), query: s.query }))
    .filter((s) => s.calls > 0)
    .sort((a, b) => b.calls - a.calls)
    .slice(0, 15);
}

/** Each activity type run between the scrapes: how many per application, mean ms. */
function byActivityType(before: Series[], after: Series[], perApp: (x: number) => number, suffix: string) {
  const types = [...new Set(after.map((s) => s.labels.activity_type))].filter(Boolean);
  return Object.fromEntries(
    types
      .map((type) => [type, between(before, after, { activity_type: type })] as const)
      .filter(([, d]) => d.count > 0)
      .map(([type, d]) => [type + suffix, { count: perApp(d.count), mean_ms: d.meanMs }]),
  );
}

/**
 * The mean decision split into its parts, and per application the activities, workflow tasks and
 * SQL. `flow` is runApplicationFlow's result for the run between the snapshots.
 */
export function decisionTime(
  before: Snapshot,
  after: Snapshot,
  flow: { issued: number; decision_mean_ms: number; decision_server_timing_mean_ms: Record<string, number> },
) {
  const perApp = (x: number) => round2(x / flow.issued);
  const route = between(before.route, after.route, { method: 'POST', route: DECISION_ROUTE }).meanMs;
  const { auth = NaN, update = NaN } = flow.decision_server_timing_mean_ms;
  const steps = DECISION_STEPS.map((type) => ({
    type,
    remote: between(before.activity, after.activity, { activity_type: type }),
    local: between(before.localActivity, after.localActivity, { activity_type: type }),
  }));
  const step = steps.find((x) => x.remote.count + x.local.count > 0) ?? steps[0];
  const local = step.local.count > 0 && step.remote.count === 0;
  // The SDK labels queueing times by task queue only: the mean over every activity / workflow task.
  const activityQueued = between(before.activityScheduleToStart, after.activityScheduleToStart).meanMs;
  const workflowTasks = between(before.workflowTask, after.workflowTask);
  const workflowTaskQueued = between(before.workflowTaskScheduleToStart, after.workflowTaskScheduleToStart).meanMs;
  // A workflow task's own time: local activities run inside workflow tasks, counted in their execution.
  const localActivities = between(before.localActivity, after.localActivity);
  const taskOwnMs = round2((workflowTasks.sumMs - localActivities.sumMs) / workflowTasks.count);
  // With an activity, a decision's Update takes a workflow task to accept it and schedule the
  // activity, and one after it to return; with a local activity, one task that runs it.
  const tasksPerDecision = local ? 1 : 2;
  const workflowTaskTime = round2(tasksPerDecision * (workflowTaskQueued + taskOwnMs));
  const stepMs = local ? step.local.meanMs : step.remote.meanMs;
  const stepQueued = local ? 0 : activityQueued;
  const statements = after.statements - before.statements;
  const sqlMs = after.sqlMs - before.sqlMs;
  return {
    decision_mean_ms: {
      client_observed: flow.decision_mean_ms,
      // The client, loopback and Express before the route's histogram starts.
      http_outside_the_route: round2(flow.decision_mean_ms - route),
      route,
      auth,
      update_round_trip: update,
      // Loading the task, the Idempotency-Key's claim and answer rows, reading the answer.
      route_other_work: round2(route - auth - update),
      // Estimates from the means: the decision's step (and, as an activity, its time queued), the
      // workflow tasks, and what is left — the Temporal server and the gRPC round trips.
      update_parts: {
        decision_step: { activity_type: step.type, local, mean_ms: stepMs },
        ...(local ? {} : { activity_schedule_to_start: activityQueued }),
        workflow_tasks: { per_decision: tasksPerDecision, queued_and_own_ms: workflowTaskTime },
        temporal_server_and_rpc: round2(update - stepMs - stepQueued - workflowTaskTime),
      },
    },
    per_application: {
      activities: {
        ...byActivityType(before.activity, after.activity, perApp, ''),
        ...byActivityType(before.localActivity, after.localActivity, perApp, ' (local)'),
      },
      workflow_tasks: {
        count: perApp(workflowTasks.count),
        mean_ms: workflowTasks.meanMs,
        own_mean_ms: taskOwnMs,
        schedule_to_start_mean_ms: workflowTaskQueued,
      },
      sql: {
        transactions: perApp(after.commits - before.commits),
        statements: perApp(statements),
        execution_ms: perApp(sqlMs),
        mean_statement_ms: statements ? round2(sqlMs / statements) : NaN,
        // The statements run most often per application, with the start of their text.
        most_frequent: mostFrequent(before, after, perApp),
      },
    },
  };
}
