// 数据导入 (issue #14 §4): bring in a file of officers, certificates, exam results or training
// records — check it first (every problem by row and column), then import it all at once — and take
// the same data out again in the same columns. An agency for its own people, the system admin for any.
import { useState } from 'react';
import { IMPORT_COLUMNS, IMPORT_KINDS, type ImportKind } from '../../../domain/import-columns';
import { ApiError, download, uploadWithProgress } from '../api';
import { t, today } from '../i18n';
import { DataTable, ProblemAlert, SelectField, useSubmit } from '../ui';

interface Report {
  rows: number;
  committed: boolean;
  created: number;
  unchanged: number;
  problems: { row: number; column: string; message: string }[];
}

const KIND_LABELS: Record<ImportKind, string> = {
  officers: '执法人员',
  certificates: '执法证',
  'exam-results': '考试成绩',
  'training-records': '培训记录',
};

export function Imports() {
  const [kind, setKind] = useState<ImportKind>('officers');
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const check = useImportRun(kind, file, 'check', setSent, setReport);
  const commit = useImportRun(kind, file, 'commit', setSent, setReport);
  const busy = check.busy || commit.busy;
  const exporting = useSubmit((format: 'xlsx' | 'csv') =>
    download(`/api/exports/${kind}?format=${format}`, `${KIND_LABELS[kind]}-${today()}.${format}`),
  );
  const columns = Object.values(IMPORT_COLUMNS[kind]);
  return (
    <section>
      <h1>{t('import.title')}</h1>
      <p className="intro">{t('import.intro')}</p>
      <div className="panel">
        <SelectField
          label={t('import.kind')}
          value={kind}
          onChange={(k) => {
            setKind(k as ImportKind);
            setReport(null);
          }}
          options={IMPORT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        />
        <p>
          {t('import.columns')}：{columns.join('、')}
        </p>
        <p>
          {t('import.export')}{' '}
          {(['xlsx', 'csv'] as const).map((format) => (
            <button key={format} type="button" className="secondary" onClick={() => void exporting.run(format)}>
              {t(`import.format.${format}`)}
            </button>
          ))}
        </p>
        <ProblemAlert error={exporting.error} />
        <div className="field">
          <label htmlFor="import-file">{t('import.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
            }}
          />
          <small className="hint">{t('import.fileHint')}</small>
        </div>
        <button type="button" disabled={!file || busy} onClick={() => void check.run()}>
          {t('import.check')}
        </button>
        {sent !== null && (
          <p role="status">
            <progress value={sent} max={1} aria-label={t('import.uploading')} />{' '}
            {sent < 1 ? t('import.uploading') : t('import.processing')} {Math.round(sent * 100)}%
          </p>
        )}
        <ProblemAlert error={check.error} />
      </div>
      {report && (
        <div className="panel">
          <h2>{report.committed ? t('import.done') : t('import.reportTitle')}</h2>
          {report.rows > 0 && (
            <p role="status">
              {t(report.committed ? 'import.summaryDone' : 'import.summary', {
                rows: report.rows,
                created: report.created,
                unchanged: report.unchanged,
              })}
            </p>
          )}
          {report.problems.length > 0 ? (
            <>
              <p className="alert">{t('import.problems', { n: report.problems.length })}</p>
              <DataTable
                rows={report.problems}
                rowKey={(p) => `${p.row}-${p.column}-${p.message}`}
                csvName="导入问题"
                columns={[
                  { title: t('import.row'), value: (p) => p.row },
                  { title: t('import.column'), value: (p) => p.column || '—' },
                  { title: t('import.problem'), value: (p) => p.message },
                ]}
              />
            </>
          ) : (
            !report.committed && (
              <button type="button" disabled={busy} onClick={() => void commit.run()}>
                {t('import.commit', { n: report.created })}
              </button>
            )
          )}
        </div>
      )}
      {/* A commit refused for its rows shows them above; any other failure (a conflict, the network) here. */}
      <ProblemAlert error={commit.error instanceof ApiError && commit.error.rows.length ? undefined : commit.error} />
    </section>
  );
}

/** Sends the file for a check or a commit, its upload's progress in `setSent`, the report in `setReport`. */
function useImportRun(
  kind: ImportKind,
  file: File | null,
  mode: 'check' | 'commit',
  setSent: (sent: number | null) => void,
  setReport: (report: Report | null) => void,
) {
  return useSubmit(async () => {
    if (!file) return;
    setReport(null);
    setSent(0);
    try {
      setReport(await uploadWithProgress<Report>(`/api/imports/${kind}?mode=${mode}`, file, setSent));
    } catch (err) {
      // A commit refused for its rows carries the same list a check gives.
      if (err instanceof ApiError && err.rows.length)
        setReport({ rows: 0, committed: false, created: 0, unchanged: 0, problems: err.rows });
      throw err;
    } finally {
      setSent(null);
    }
  });
}
