// 民法典 第二百零三条: the statutory calendar the city bureau's system admin maintains (第三条) — the
// years entered, and a year's holidays and 调休 make-up working days entered, corrected or imported
// from a small CSV file, with the notice they come from. Saving recomputes provisional deadlines.
import { useState } from 'react';
import { ApiError, request } from '../api';
import { fmtDateTime, label, t } from '../i18n';
import { DataTable, Field, Loading, ProblemAlert, useAsync, useSubmit } from '../ui';

interface YearSummary {
  year: number;
  noticeReference: string;
  source: string;
  enteredAt: string;
  dayCount: number;
}
interface YearDetail extends YearSummary {
  days: { date: string; kind: string; name: string }[];
}
interface Saved {
  year: number;
  changed?: boolean;
  moved?: number;
  confirmed?: number;
}

/** The kinds as the textarea shows them (the API takes these words too). */
const KIND_WORD: Record<string, string> = { HOLIDAY: '放假', MAKEUP_WORKDAY: '补班' };

/** From 1 November: next year's notice not entered yet. */
export function CalendarWarning({ warning }: { warning: { missingYear: number } | null | undefined }) {
  if (!warning) return null;
  return (
    <div className="alert" role="status">
      {t('calendar.missing', { year: warning.missingYear })}
    </div>
  );
}

export function AdminCalendar() {
  const years = useAsync(
    () => request<{ items: YearSummary[]; warning: { missingYear: number } | null }>('GET', '/api/calendar'),
    [],
  );
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [notice, setNotice] = useState('');
  const [text, setText] = useState('');
  const [imported, setImported] = useState(false);
  const [saved, setSaved] = useState<Saved>();

  const load = async (y: number) => {
    const d = await request<YearDetail>('GET', `/api/calendar/${y}`);
    setYear(String(y));
    setNotice(d.noticeReference);
    setText(d.days.map((x) => `${x.date},${KIND_WORD[x.kind] ?? x.kind},${x.name}`).join('\n'));
    setImported(false);
    setSaved(undefined);
  };

  const submit = useSubmit(async () => {
    // Typed lines go as days (a problem names its line: blank lines are dropped first); a file as it was read.
    const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.trim().startsWith('#'));
    const days = lines.map((l) => {
      const [date = '', kind = '', name = ''] = l.split(',').map((c) => c.trim());
      return { date, kind, name };
    });
    const body = imported ? { noticeReference: notice, csv: text } : { noticeReference: notice, days };
    const r = await request<Saved>('PUT', `/api/calendar/${encodeURIComponent(year)}`, { body });
    setSaved(r);
    years.reload();
  });
  const rowErrors =
    submit.error instanceof ApiError ? submit.error.errors.filter((e) => e.field !== 'body.noticeReference') : [];

  return (
    <section>
      <h1>{t('calendar.title')}</h1>
      <p>{t('calendar.intro')}</p>
      <Loading state={years}>
        {(x) => (
          <>
            <CalendarWarning warning={x.warning} />
            <h2>{t('calendar.years')}</h2>
            <DataTable
              rowKey={(r) => String(r.year)}
              rows={[...x.items].reverse()}
              columns={[
                {
                  title: t('calendar.year'),
                  value: (r) => r.year,
                  // The year opens it in the form below, for a correction.
                  render: (r) => (
                    <button
                      type="button"
                      title={t('calendar.edit', { year: r.year })}
                      onClick={() => void load(r.year)}
                    >
                      {r.year}
                    </button>
                  ),
                },
                { title: t('calendar.notice'), value: (r) => r.noticeReference },
                { title: t('calendar.source'), value: (r) => label(r.source) },
                { title: t('calendar.dayCount'), value: (r) => r.dayCount },
                { title: t('calendar.enteredAt'), value: (r) => fmtDateTime(r.enteredAt) },
              ]}
            />
          </>
        )}
      </Loading>
      <form
        className="panel"
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run();
        }}
      >
        <h2>{t('calendar.enter')}</h2>
        <Field
          label={t('calendar.year')}
          error={
            submit.error instanceof ApiError
              ? submit.error.errors.find((e) => e.field === 'params.year')?.message
              : undefined
          }
        >
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              inputMode="numeric"
              value={year}
              onChange={(e) => setYear(e.target.value)}
              required
            />
          )}
        </Field>
        <Field label={t('calendar.notice')} error={submit.fieldError('noticeReference')}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              value={notice}
              onChange={(e) => setNotice(e.target.value)}
              required
              maxLength={200}
            />
          )}
        </Field>
        <Field label={t('calendar.import')}>
          {(id) => (
            <input
              id={id}
              type="file"
              accept=".csv,text/csv,text/plain"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f)
                  void f.text().then((s) => {
                    setText(s);
                    setImported(true);
                  });
              }}
            />
          )}
        </Field>
        <Field label={t('calendar.days')} hint={t('calendar.daysHint')}>
          {(id, d) => (
            <textarea
              id={id}
              aria-describedby={d}
              rows={14}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setImported(false);
              }}
            />
          )}
        </Field>
        {rowErrors.length > 0 && (
          <ul className="alert" role="alert">
            {rowErrors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        )}
        <ProblemAlert error={rowErrors.length > 0 ? undefined : submit.error} onRetry={() => void submit.run()} />
        {saved && (
          <p role="status">
            {saved.changed === false
              ? t('calendar.unchanged', { year: saved.year })
              : saved.moved === undefined
                ? t('calendar.savedRunning', { year: saved.year })
                : t('calendar.saved', { year: saved.year, moved: saved.moved, confirmed: saved.confirmed ?? 0 })}
          </p>
        )}
        <button type="submit" disabled={submit.busy}>
          {submit.busy ? t('common.submitting') : t('calendar.save')}
        </button>
      </form>
    </section>
  );
}
