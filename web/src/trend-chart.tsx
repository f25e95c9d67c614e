// 近十二个月趋势: applications, sanctions and complaints per month as lines (recharts, SVG), with the
// same figures as a table beneath for screen readers, CSV and print.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { t } from './i18n';
import { DataTable } from './ui';

export interface MonthFigures {
  month: string;
  applications: number;
  sanctions: number;
  complaints: number;
}

const SERIES = [
  { key: 'applications', colour: '#0b5cad' },
  { key: 'sanctions', colour: '#b42318' },
  { key: 'complaints', colour: '#b54708' },
] as const;

/** 2026-12 → 2026年12月 */
const monthInWords = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;

export function TrendChart({ rows }: { rows: MonthFigures[] }) {
  const name = (key: (typeof SERIES)[number]['key']) => t(`dashboard.trend.${key}`);
  return (
    <figure className="trend">
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={260}>
          {/* No keyboard layer: the chart is a picture of the table below, which readers and keyboards use. */}
          <LineChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" tickFormatter={(m: string) => `${Number(m.slice(5, 7))}月`} />
            <YAxis allowDecimals={false} />
            <Tooltip labelFormatter={(m) => monthInWords(String(m))} />
            <Legend />
            {SERIES.map((s) => (
              <Line key={s.key} type="monotone" dataKey={s.key} name={name(s.key)} stroke={s.colour} strokeWidth={2} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        <DataTable
          caption={t('dashboard.trend')}
          csvName="monthly-trend"
          rowKey={(r) => r.month}
          rows={rows}
          columns={[
            { title: t('dashboard.trend.month'), value: (r) => monthInWords(r.month) },
            ...SERIES.map((s) => ({ title: name(s.key), value: (r: MonthFigures) => r[s.key] })),
          ]}
        />
      </figcaption>
    </figure>
  );
}
