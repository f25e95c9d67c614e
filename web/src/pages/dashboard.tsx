// Bureau dashboard: each table from GET /api/dashboard with a bar for the main figure and a CSV export.
import { request } from '../api';
import { label, t } from '../i18n';
import { REVIEWERS, useSession } from '../session';
import { DataTable, Loading, useAsync, type Column } from '../ui';
import { CalendarWarning } from './admin-calendar';
import { lazy, Suspense } from 'react';
import type { MonthFigures } from '../trend-chart';

// The chart library is loaded with the dashboard only, not with every page.
const TrendChart = lazy(() => import('../trend-chart').then((m) => ({ default: m.TrendChart })));

interface Dashboard {
  year: number;
  calendar: { missingYear: number } | null;
  applications: { regionCode: string; regionName: string; status: string; level: string | null; count: number }[];
  overdueTasks: { level: string; open: number; overdue: number }[];
  reviewDays: { level: string; decided: number; averageDays: number }[];
  trainingShortfall: { regionCode: string; regionName: string; certified: number; short: number }[];
  trends: MonthFigures[];
  /** 第二十七条第二款: spot checks and their consequences per agency. */
  supervision: {
    agencyId: string;
    agency: string;
    checks: number;
    breaches: number;
    openOrders: number;
    overdueOrders: number;
    proposals: number;
  }[];
}

/** A horizontal bar scaled to the largest value of its column (decorative: the number is beside it). */
function bar<R>(title: string, value: (r: R) => number, rows: R[]): Column<R> {
  const max = Math.max(1, ...rows.map(value));
  return {
    title,
    value,
    render: (r) => (
      <span className="bar-cell">
        <span className="bar" style={{ width: `${(100 * value(r)) / max}%` }} aria-hidden="true" />
        {value(r)}
      </span>
    ),
  };
}

interface OrganStats {
  organisationId: string;
  name: string;
  received: number;
  open: number;
  overdue: number;
  averageDaysToResult: number | null;
  feedbackOnTimePercent: number | null;
}

/** 第二十八条: complaints per handling organ in the user's view (own organ, or a supervisor's region). */
function ComplaintStats() {
  const stats = useAsync(() => request<{ items: OrganStats[] }>('GET', '/api/complaints/statistics'), []);
  return (
    <>
      <h2>{t('dashboard.complaints')}</h2>
      <Loading state={stats}>
        {(x) => (
          <DataTable
            csvName="complaints"
            rowKey={(r) => r.organisationId}
            rows={x.items}
            columns={[
              { title: '受理机关', value: (r) => r.name },
              { title: '收到', value: (r) => r.received },
              bar('未办结', (r) => r.open, x.items),
              { title: '逾期', value: (r) => r.overdue },
              { title: '平均办理天数', value: (r) => r.averageDaysToResult ?? '—' },
              { title: '按时反馈率（%）', value: (r) => r.feedbackOnTimePercent ?? '—' },
            ]}
          />
        )}
      </Loading>
    </>
  );
}

export function Dashboard() {
  const { has } = useSession();
  return (
    <section>
      <h1>{t('dashboard.title')}</h1>
      {has(...REVIEWERS) && <ReviewFigures />}
      {/* 第二十五条: complaint figures for those who read complaints (the API's COMPLAINT_READERS). */}
      {has('COMPLAINT_HANDLER', 'SUPERVISOR') && <ComplaintStats />}
    </section>
  );
}

function ReviewFigures() {
  const d = useAsync(() => request<Dashboard>('GET', '/api/dashboard'), []);
  return (
    <>
      <Loading state={d}>
        {(x) => (
          <>
            <CalendarWarning warning={x.calendar} />
            <h2>{t('dashboard.trend')}</h2>
            <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
              <TrendChart rows={x.trends} />
            </Suspense>
            <h2>{t('dashboard.applications')}</h2>
            <DataTable
              csvName="applications-by-district"
              rowKey={(r) => `${r.regionCode}-${r.status}-${r.level}`}
              rows={x.applications}
              columns={[
                { title: t('dashboard.region'), value: (r) => r.regionName },
                { title: t('app.field.status'), value: (r) => label(r.status) },
                { title: t('app.field.level'), value: (r) => label(r.level) },
                bar('数量', (r) => r.count, x.applications),
              ]}
            />
            <h2>{t('dashboard.overdue')}</h2>
            <DataTable
              csvName="overdue-tasks"
              rowKey={(r) => r.level}
              rows={x.overdueTasks}
              columns={[
                { title: t('app.field.level'), value: (r) => label(r.level) },
                { title: '在办', value: (r) => r.open },
                bar(t('inbox.overdue'), (r) => r.overdue, x.overdueTasks),
              ]}
            />
            <h2>{t('dashboard.reviewDays')}</h2>
            <DataTable
              csvName="review-days"
              rowKey={(r) => r.level}
              rows={x.reviewDays}
              columns={[
                { title: t('app.field.level'), value: (r) => label(r.level) },
                { title: '已办结', value: (r) => r.decided },
                bar('平均天数', (r) => r.averageDays, x.reviewDays),
              ]}
            />
            <h2>{t('dashboard.training', { year: x.year })}</h2>
            <DataTable
              csvName="training-shortfall"
              rowKey={(r) => r.regionCode}
              rows={x.trainingShortfall}
              columns={[
                { title: t('dashboard.region'), value: (r) => r.regionName },
                { title: '持证人员', value: (r) => r.certified },
                bar('不足60学时', (r) => r.short, x.trainingShortfall),
              ]}
            />
            <h2>{t('dashboard.supervision')}</h2>
            <DataTable
              csvName="supervision"
              rowKey={(r) => r.agencyId}
              rows={x.supervision}
              columns={[
                { title: t('app.field.agency'), value: (r) => r.agency },
                { title: '检查', value: (r) => r.checks },
                bar('发现违规', (r) => r.breaches, x.supervision),
                { title: '整改中', value: (r) => r.openOrders },
                { title: '逾期未改正', value: (r) => r.overdueOrders },
                { title: '暂扣/收缴建议', value: (r) => r.proposals },
              ]}
            />
          </>
        )}
      </Loading>
    </>
  );
}
