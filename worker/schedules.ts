// The Temporal Schedules of a deployment, created (or brought up to date with the configuration)
// when a worker starts. Their IDs carry the task queue, so deployments sharing a namespace never clash.
import {
  MONTHS,
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptions,
} from '@temporalio/client';
import type { Config } from '../infra/config';
import { trainingPaceWarningWorkflow, yearlyCleanupWorkflow } from '../workflows/cleanup';

const TIMEZONE = 'Asia/Shanghai';

export const cleanupScheduleId = (taskQueue: string) => `${taskQueue}-yearly-cleanup`;
export const trainingWarningScheduleId = (taskQueue: string) => `${taskQueue}-training-pace-warning`;

export function scheduleOptions(config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'CLEANUP_DATE'>): ScheduleOptions[] {
  const taskQueue = config.TEMPORAL_TASK_QUEUE;
  const [month, day] = config.CLEANUP_DATE.split('-').map(Number);
  return [
    {
      // 第十条: once a year, for the year before (the workflow derives the year from its start date).
      scheduleId: cleanupScheduleId(taskQueue),
      spec: {
        calendars: [{ month: MONTHS[month - 1], dayOfMonth: day, hour: 1, comment: 'yearly clean-up (第十条)' }],
        timezone: TIMEZONE,
      },
      action: {
        type: 'startWorkflow',
        workflowType: yearlyCleanupWorkflow,
        workflowId: `${taskQueue}-yearly-cleanup`,
        taskQueue,
        args: [{}],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '30 days' },
    },
    {
      // 第十五条: weekly; the workflow does nothing before TRAINING_WARNING_FROM.
      scheduleId: trainingWarningScheduleId(taskQueue),
      spec: {
        calendars: [{ dayOfWeek: 'MONDAY', hour: 9, comment: 'training pace warning (第十五条)' }],
        timezone: TIMEZONE,
      },
      action: {
        type: 'startWorkflow',
        workflowType: trainingPaceWarningWorkflow,
        workflowId: `${taskQueue}-training-pace-warning`,
        taskQueue,
        args: [],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    },
  ];
}

/** Creates each Schedule, or updates an existing one to the current spec and action. */
export async function ensureSchedules(
  client: Client,
  config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'CLEANUP_DATE'>,
): Promise<void> {
  for (const options of scheduleOptions(config)) {
    try {
      await client.schedule.create(options);
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(options.scheduleId).update((prev) => ({
        ...prev,
        spec: options.spec,
        action: options.action,
        policies: { ...prev.policies, ...options.policies },
      }));
    }
  }
}
