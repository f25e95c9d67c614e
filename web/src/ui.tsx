// Shared pieces: loading with retry, problem messages, labelled fields, guarded submits, tables
// with CSV export, cursor paging.
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { ApiError, NetworkError, newKey, request } from './api';
import { fmtTotal, t, type ListCount } from './i18n';

export function useAsync<T>(fn: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    fn().then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, n]);
  return { ...state, reload: useCallback(() => setN((x) => x + 1), []) };
}

/** Shows a problem+json as a Chinese message (with the article and each reason), or a network failure with a retry. */
export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  if (error instanceof NetworkError) {
    return (
      <div className="alert" role="alert">
        {t('common.networkError')}{' '}
        {onRetry && (
          <button type="button" onClick={onRetry}>
            {t('common.retry')}
          </button>
        )}
      </div>
    );
  }
  if (error instanceof ApiError) {
    const fieldless = error.errors.filter((e) => !e.field.startsWith('body.'));
    // The form's fields say what is wrong with each (Field): the banner points at them.
    const atFields = error.errors.length > fieldless.length;
    return (
      <div className="alert" role="alert" data-code={error.code}>
        <strong>{atFields ? t('problem.fixMarked') : error.title || t('problem.fallback')}</strong>
        {error.article && (
          <span className="article">
            （{t('common.article')}：{error.article}）
          </span>
        )}
        {error.reasons.length > 0 && (
          <ul>
            {error.reasons.map((r) => (
              <li key={r.code}>
                {r.message}（{r.article}）
              </li>
            ))}
          </ul>
        )}
        {fieldless.map((e) => (
          <div key={e.field}>{t('problem.field', { field: e.field, message: e.message })}</div>
        ))}
        {error.status >= 500 && onRetry && (
          <button type="button" onClick={onRetry}>
            {t('common.retry')}
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="alert" role="alert">
      {t('problem.fallback')}
    </div>
  );
}

export function Loading<T>({
  state,
  children,
}: {
  state: { data?: T; error?: unknown; loading: boolean; reload(): void };
  children: (data: T) => ReactNode;
}) {
  if (state.error) return <ProblemAlert error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <p aria-busy="true">{t('common.loading')}</p>;
  return <>{children(state.data)}</>;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Why the browser's own check (required, minLength, min, step …) refuses a control, in Chinese. */
function validityMessage(el: Control): string {
  const v = el.validity;
  if (v.valueMissing) return t('validation.required');
  if (v.tooShort && 'minLength' in el) return t('validation.tooShort', { n: el.minLength });
  if (v.tooLong && 'maxLength' in el) return t('validation.tooLong', { n: el.maxLength });
  if (v.rangeUnderflow && 'min' in el) return t('validation.rangeUnderflow', { n: el.min });
  if (v.rangeOverflow && 'max' in el) return t('validation.rangeOverflow', { n: el.max });
  if (v.stepMismatch && 'step' in el) return t('validation.step', { n: el.step });
  return t('validation.format');
}

/**
 * A labelled control with its error next to it: the API's message for the field, or — before the
 * form is sent — the browser's own check in Chinese instead of its bubble. The control is marked
 * `aria-invalid` and described by the message; a required control's label gets a visible marker
 * (styles.css, from the control's `required`, which screen readers announce).
 */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (id: string, describedBy?: string) => ReactNode;
}) {
  const id = useId();
  const errId = `${id}-err`;
  const [checked, setChecked] = useState<string>();
  const shown = error ?? checked;
  // The control is the page's element (rendered by `children`); only the attributes the page does
  // not set are kept here, by its id.
  useLayoutEffect(() => {
    const el = document.getElementById(id);
    if (!el) return;
    if (shown) {
      el.setAttribute('aria-invalid', 'true');
      el.setAttribute('aria-describedby', errId);
    } else {
      el.removeAttribute('aria-invalid');
      if (el.getAttribute('aria-describedby') === errId) el.removeAttribute('aria-describedby');
    }
  }, [id, errId, shown]);
  return (
    <div
      className={`field${shown ? ' has-error' : ''}`}
      onInvalidCapture={(e) => {
        const el = e.target as Control;
        e.preventDefault(); // no browser bubble: the message is shown at the field, in Chinese
        setChecked(validityMessage(el));
        if (!el.form?.querySelector(':focus:invalid')) el.focus();
      }}
      onChangeCapture={() => setChecked(undefined)}
    >
      <label htmlFor={id}>{label}</label>
      {children(id, shown ? errId : undefined)}
      {hint && <small className="hint">{hint}</small>}
      {shown && (
        <small id={errId} className="field-error" role="alert">
          {shown}
        </small>
      )}
    </div>
  );
}

/** A labelled text input with its error and hint; with `rows`, a text area of that many rows. */
export function TextField(p: {
  label: string;
  value: string;
  onChange(value: string): void;
  maxLength: number;
  minLength?: number;
  rows?: number;
  error?: string;
  hint?: string;
  required?: boolean;
  type?: 'text' | 'search';
  autoComplete?: string;
}) {
  return (
    <Field label={p.label} error={p.error} hint={p.hint}>
      {(id, describedBy) => {
        const common = {
          id,
          'aria-describedby': describedBy,
          required: p.required,
          minLength: p.minLength,
          maxLength: p.maxLength,
          value: p.value,
        };
        return p.rows ? (
          <textarea {...common} rows={p.rows} onChange={(e) => p.onChange(e.target.value)} />
        ) : (
          <input
            {...common}
            type={p.type ?? 'text'}
            autoComplete={p.autoComplete}
            onChange={(e) => p.onChange(e.target.value)}
          />
        );
      }}
    </Field>
  );
}

/** A labelled drop-down: `placeholder` first (value ""), then `options` in order. */
export function SelectField(p: {
  label: string;
  value: string;
  onChange(value: string): void;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
  error?: string;
  hint?: string;
  required?: boolean;
}) {
  return (
    <Field label={p.label} error={p.error} hint={p.hint}>
      {(id, describedBy) => (
        <select
          id={id}
          aria-describedby={describedBy}
          required={p.required}
          value={p.value}
          onChange={(e) => p.onChange(e.target.value)}
        >
          {p.placeholder !== undefined && <option value="">{p.placeholder}</option>}
          {p.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A checkbox with its label after it. */
export function Checkbox(p: { label: string; checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={p.checked} onChange={(e) => p.onChange(e.target.checked)} /> {p.label}
    </label>
  );
}

/**
 * Runs a submit at most once at a time (a double click sends one request), keeps its error for the
 * form, and never clears what the user typed when it fails.
 */
export function useSubmit<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const busyRef = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      if (busyRef.current) return undefined;
      busyRef.current = true;
      setBusy(true);
      setError(undefined);
      try {
        return await fn(...args);
      } catch (err) {
        setError(err);
        return undefined;
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [fn],
  );
  const fieldError = (name: string) => (error instanceof ApiError ? error.forField(name) : undefined);
  return { run, busy, error, fieldError };
}

/** 民法典 第二百零三条: a deadline computed over a year whose holidays are not entered yet. */
export function Provisional({ on }: { on?: boolean }) {
  if (!on) return null;
  return (
    <span className="provisional" title={t('calendar.provisionalHint')}>
      {t('calendar.provisional')}
    </span>
  );
}

export interface Column<R> {
  title: string;
  value: (r: R) => string | number;
  render?: (r: R) => ReactNode;
}

function toCsv<R>(columns: Column<R>[], rows: R[]): string {
  const cell = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  return [
    columns.map((c) => cell(c.title)).join(','),
    ...rows.map((r) => columns.map((c) => cell(c.value(r))).join(',')),
  ].join('\r\n');
}

/** A table that scrolls sideways on a phone instead of widening the page; exportable as CSV. */
export function DataTable<R>({
  columns,
  rows,
  csvName,
  caption,
  rowKey,
}: {
  columns: Column<R>[];
  rows: R[];
  csvName?: string;
  caption?: string;
  rowKey: (r: R) => string;
}) {
  const exportCsv = () => {
    // BOM: spreadsheet programs then read the Chinese text as UTF-8.
    const blob = new Blob(['\ufeff' + toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${csvName}.csv`;
    a.click();
  };
  return (
    <div className="table-wrap">
      {csvName && (
        <button type="button" className="secondary" onClick={exportCsv}>
          {t('common.exportCsv')}
        </button>
      )}
      <table>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.title} scope="col">
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length}>{t('common.none')}</td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) => (
                <td key={c.title} data-title={c.title}>
                  {c.render ? c.render(r) : c.value(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Cursor paging: the cursors of the pages seen so far make "previous" possible. */
export function usePager() {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const cursor = stack[stack.length - 1];
  return {
    cursor,
    page: stack.length,
    next: (c: string) => setStack((s) => [...s, c]),
    prev: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([null]),
  };
}

export function Pager({
  pager,
  nextCursor,
  count,
}: {
  pager: ReturnType<typeof usePager>;
  nextCursor: string | null;
  /** The list's total, when it has one (exact, estimated or "more than": fmtTotal). */
  count?: ListCount;
}) {
  return (
    <nav className="pager" aria-label="pages">
      {count && <span>{fmtTotal(count)}</span>}
      <button type="button" className="secondary" disabled={pager.page === 1} onClick={pager.prev}>
        {t('common.prev')}
      </button>
      <span aria-live="polite">{pager.page}</span>
      <button
        type="button"
        className="secondary"
        disabled={!nextCursor}
        onClick={() => nextCursor && pager.next(nextCursor)}
      >
        {t('common.next')}
      </button>
    </nav>
  );
}

/**
 * Sends with an Idempotency-Key that stays the same while the outcome is unknown (a network failure
 * or a 5xx: the retry must not act twice) and is renewed once the server has answered — after a
 * success the next entry is a new request, and after a refusal (4xx, stored against its key) the
 * corrected entry must not be answered with the stored refusal. A 503 STEP_FAILED is the process's
 * final answer to its key (README "Failures") and is renewed too.
 */
export function useKeyedSend() {
  const key = useRef(newKey());
  return useCallback(async <R,>(send: (idempotencyKey: string) => Promise<R>): Promise<R> => {
    try {
      const r = await send(key.current);
      key.current = newKey();
      return r;
    } catch (err) {
      // STEP_FAILED: the process's answer to this key is final; sending again needs a new key (its
      // steps are idempotent, so the action still happens once).
      if (err instanceof ApiError && (err.status < 500 || err.code === 'STEP_FAILED')) key.current = newKey();
      throw err;
    }
  }, []);
}

/**
 * A form that sends one request: one Idempotency-Key per entry (a double click or a retry after a
 * network failure has one effect), problems shown at the fields and above the button, what the user
 * typed kept on failure. `collapsible` puts it in a <details> panel.
 */
export function ActionForm<R = unknown>(p: {
  path: string;
  body: () => unknown;
  onDone(result: R): void;
  submitLabel: string;
  title?: string;
  collapsible?: boolean;
  danger?: boolean;
  children?: (fieldError: (name: string) => string | undefined) => ReactNode;
}) {
  const send = useKeyedSend();
  const submit = useSubmit(async () => {
    const result = await send((idempotencyKey) => request<R>('POST', p.path, { idempotencyKey, body: p.body() }));
    p.onDone(result);
  });
  const form = (
    <form
      className={p.collapsible ? undefined : 'panel'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run();
      }}
    >
      {p.title && !p.collapsible && <h2>{p.title}</h2>}
      {p.children?.(submit.fieldError)}
      <ProblemAlert error={submit.error} onRetry={() => void submit.run()} />
      <button type="submit" className={p.danger ? 'danger' : undefined} disabled={submit.busy}>
        {submit.busy ? t('common.submitting') : p.submitLabel}
      </button>
    </form>
  );
  if (!p.collapsible) return form;
  return (
    <details className="panel">
      <summary>{p.title}</summary>
      {form}
    </details>
  );
}

/** A step that takes one text — a reason, an answer — as its one required field `field`. */
export function TextStep(p: {
  path: string;
  title?: string;
  submitLabel?: string;
  field: string;
  fieldLabel: string;
  rows?: number;
  maxLength?: number;
  collapsible?: boolean;
  danger?: boolean;
  onDone(): void;
}) {
  const [text, setText] = useState('');
  return (
    <ActionForm
      collapsible={p.collapsible}
      danger={p.danger}
      title={p.title}
      path={p.path}
      body={() => ({ [p.field]: text.trim() })}
      onDone={() => {
        setText('');
        p.onDone();
      }}
      submitLabel={p.submitLabel ?? p.title ?? t('common.submit')}
    >
      {(err) => (
        <TextField
          label={p.fieldLabel}
          value={text}
          onChange={setText}
          rows={p.rows ?? 2}
          maxLength={p.maxLength ?? 2000}
          error={err(p.field)}
          required
        />
      )}
    </ActionForm>
  );
}

/**
 * A form whose request the page makes itself (a PATCH, a create that navigates): `submit` from
 * `useSubmit`; its problem above the button, `status` (e.g. "已保存") after it, what was typed kept.
 * `collapsible` puts it in a <details> panel that starts closed unless `open`.
 */
export function FormPanel(p: {
  title: string;
  submit: { run(): Promise<unknown>; busy: boolean; error: unknown };
  submitLabel: string;
  status?: string;
  collapsible?: boolean;
  open?: boolean;
  children: ReactNode;
}) {
  const form = (
    <form
      className={p.collapsible ? undefined : 'panel'}
      onSubmit={(e) => {
        e.preventDefault();
        void p.submit.run();
      }}
    >
      {!p.collapsible && <h2>{p.title}</h2>}
      {p.children}
      <ProblemAlert error={p.submit.error} />
      {p.status && <p role="status">{p.status}</p>}
      <button type="submit" disabled={p.submit.busy}>
        {p.submit.busy ? t('common.submitting') : p.submitLabel}
      </button>
    </form>
  );
  if (!p.collapsible) return form;
  return (
    <details className="panel" open={p.open || undefined}>
      <summary>{p.title}</summary>
      {form}
    </details>
  );
}

/** The total of a page from a list that may not count. */
export const countOf = (p: Partial<ListCount>): ListCount | undefined =>
  p.total === undefined ? undefined : { ...p, total: p.total };

/** A cursor-paged list from the API: the page, the pager, and a reload. */
export function usePagedList<T>(path: string, params: Record<string, string> = {}) {
  const pager = usePager();
  const q = new URLSearchParams({ limit: '20', ...params, ...(pager.cursor ? { cursor: pager.cursor } : {}) });
  const page = useAsync(
    () => request<{ items: T[]; nextCursor: string | null } & Partial<ListCount>>('GET', `${path}?${q}`),
    [path, q.toString()],
  );
  return { page, pager };
}

/** A cursor-paged list shown as a table with its pager (and CSV export of the page). */
export function PagedTable<R extends { id: string }>({
  list,
  columns,
  csvName,
}: {
  list: ReturnType<typeof usePagedList<R>>;
  columns: Column<R>[];
  csvName: string;
}) {
  return (
    <Loading state={list.page}>
      {(p) => (
        <>
          <DataTable rowKey={(r) => r.id} rows={p.items} csvName={csvName} columns={columns} />
          <Pager pager={list.pager} nextCursor={p.nextCursor} count={countOf(p)} />
        </>
      )}
    </Loading>
  );
}

/** The year a page is opened for (`?year=2026`, a notice's link), as query parameters; none when absent or not a year. */
export function useYearQuery(): Record<string, string> {
  const year = new URLSearchParams(useLocation().search).get('year');
  return year && /^\d{4}$/.test(year) ? { year } : {};
}
