// The statutory calendar (民法典 第二百零三条): holidays and 调休 make-up working days of each year,
// from the State Council's notice, entered or imported by the city bureau (SYSTEM_ADMIN, 第三条).
// Entering a year runs calendarYearWorkflow: the year is stored (audited) and every provisional
// deadline not yet passed is recomputed — moved later only — and its process told.
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import {
  CALENDAR_DAY_KINDS,
  missingNextYear,
  normaliseDays,
  parseCalendarCsv,
  validateYear,
  type DayInput,
} from '../../domain/calendar';
import type { CalendarYearOutcome } from '../../domain/contracts/calendar';
import { ProcessKind } from '../../domain/search-attributes';
import { localDateOf } from '../../domain/time';
import { listCalendarYears, readCalendarYear } from '../../store/calendar';
import { calendarYearWorkflow } from '../../workflows/calendar';
import { actorRef } from '../actor-ref';
import { Problem, problems } from '../problem';
import { defineRoute } from '../route';
import { iso, z } from '../schemas';

const ADMIN = ['SYSTEM_ADMIN'] as const;

const YearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

const Day = z
  .object({
    date: z.string().max(20),
    kind: z
      .string()
      .max(20)
      .openapi({ description: `${CALENDAR_DAY_KINDS.join(' | ')} (or 放假 / 补班)` }),
    name: z.string().max(100),
  })
  .openapi('CalendarDay');

const CalendarYearSummary = z.object({
  year: z.number(),
  noticeReference: z.string(),
  source: z.enum(['CHINESE_DAYS', 'ENTERED', 'IMPORTED']),
  enteredAt: z.string(),
  dayCount: z.number(),
});

const CalendarYearView = CalendarYearSummary.extend({
  enteredById: z.string().nullable(),
  days: z.array(z.object({ date: z.string(), kind: z.enum(CALENDAR_DAY_KINDS), name: z.string() })),
}).openapi('CalendarYear');

/** Next year's notice is due from 1 November (Asia/Shanghai): the year missing, if it is. */
export async function calendarWarning(deps: {
  calendar: { snapshot(): Promise<{ isKnownYear(y: number): boolean }> };
}) {
  const snapshot = await deps.calendar.snapshot();
  const year = missingNextYear(localDateOf(new Date()), (y) => snapshot.isKnownYear(y));
  return year ? { missingYear: year } : null;
}

export const listCalendar = defineRoute({
  method: 'get',
  path: '/api/calendar',
  summary:
    'Years of the statutory calendar (holidays and 调休 days, 民法典 第二百零三条) and whether next year’s is missing',
  tags: ['calendar'],
  auth: ADMIN,
  responses: {
    200: {
      description: 'Years',
      schema: z.object({
        items: z.array(CalendarYearSummary),
        warning: z.object({ missingYear: z.number() }).nullable(),
      }),
    },
  },
  handler: async ({ deps }) => {
    const years = await listCalendarYears(deps.db);
    return {
      status: 200,
      body: {
        items: years.map((y) => ({
          year: y.year,
          noticeReference: y.noticeReference,
          source: y.source,
          enteredAt: iso(y.enteredAt)!,
          dayCount: y.dayCount,
        })),
        warning: await calendarWarning(deps),
      },
    };
  },
});

export const getCalendarYear = defineRoute({
  method: 'get',
  path: '/api/calendar/{year}',
  summary: 'One year of the statutory calendar: its holidays and 调休 make-up working days, and the notice',
  tags: ['calendar'],
  auth: ADMIN,
  params: YearParam,
  responses: { 200: { description: 'The year', schema: CalendarYearView }, 404: { description: 'Not entered yet' } },
  handler: async ({ deps, params }) => {
    const y = await readCalendarYear(deps.db, params.year);
    if (!y) throw problems.notFound(`calendar year ${params.year}`);
    return {
      status: 200,
      body: { ...y, enteredAt: iso(y.enteredAt)!, dayCount: y.days.length },
    };
  },
});

const EnterYear = z
  .object({
    noticeReference: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .openapi({ description: 'The notice it comes from, e.g. 国办发明电〔2026〕7号' }),
    days: z.array(Day).max(400).optional().openapi({ description: 'The year’s days; or `csv`' }),
    csv: z
      .string()
      .max(50_000)
      .optional()
      .openapi({ description: 'An import file, CSV `date,kind,name` (header optional); or `days`' }),
  })
  .openapi('CalendarYearEntry');

export const putCalendarYear = defineRoute({
  method: 'put',
  path: '/api/calendar/{year}',
  summary:
    'Enter or correct a year of the statutory calendar (all its holidays and 调休 days); provisional deadlines not yet passed are recomputed, later only',
  tags: ['calendar'],
  auth: ADMIN,
  params: YearParam,
  body: EnterYear,
  responses: {
    200: {
      description: 'Stored, and the provisional deadlines recomputed',
      schema: z.object({
        year: z.number(),
        changed: z.boolean(),
        moved: z.number().openapi({ description: 'Deadlines moved later' }),
        confirmed: z.number().openapi({ description: 'Provisional deadlines now final at their stored instant' }),
      }),
    },
    202: { description: 'Stored; the recompute is still running' },
    422: { description: 'The database refused the year; nothing was stored' },
    400: { description: 'A day is not valid (the problem names its row and field)' },
  },
  handler: async ({ deps, params, body, actor, requestId }) => {
    const year = params.year;
    if ((body.days === undefined) === (body.csv === undefined))
      throw problems.validation([{ field: 'body', message: '请提供 days（逐日录入）或 csv（导入文件）之一' }]);
    let input: DayInput[];
    if (body.csv !== undefined) {
      const parsed = parseCalendarCsv(body.csv);
      if (parsed.problems.length)
        throw problems.validation(parsed.problems.map((p) => ({ field: 'body.csv', message: p.message })));
      input = parsed.days;
    } else input = body.days!;
    const found = validateYear(year, input);
    if (found.length)
      throw problems.validation(
        found.map((p) => ({
          field: body.csv !== undefined ? 'body.csv' : `body.days[${p.row! - 1}].${p.field}`,
          message: p.message,
        })),
      );
    const handle = await deps.temporal.workflow.start(calendarYearWorkflow, {
      workflowId: `calendar-${year}-${randomUUID()}`,
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      args: [
        {
          year,
          noticeReference: body.noticeReference,
          source: body.csv !== undefined ? 'IMPORTED' : 'ENTERED',
          days: normaliseDays(input),
          actor: actorRef(actor, 'SYSTEM_ADMIN'),
          requestId,
          at: new Date().toISOString(),
        },
      ],
      typedSearchAttributes: [{ key: ProcessKind, value: 'calendar' }],
    });
    // Durable from here: the workflow stores the year and recomputes even if this request ends.
    let outcome: CalendarYearOutcome;
    try {
      outcome = await handle.result();
    } catch (err) {
      // Only the entry can fail for good (the recompute waits out any outage): nothing was stored.
      if (err instanceof WorkflowFailedError)
        throw new Problem(
          422,
          'INVALID_DATA',
          '提交的内容无法保存，请检查后重新填写',
          'the year could not be stored; nothing was changed',
        );
      return { status: 202, body: { year, workflowId: handle.workflowId } };
    }
    return { status: 200, body: outcome };
  },
});
