// An application as reviewers and the agency see it: data (ID number masked by the API for those
// who may not read it), eligibility with articles, materials, every review step, the timeline.
import { Materials, type Material } from '../materials';
import { OfficerPhoto, PrintCard } from '../card';
import { APPLICATION_EVENT_LABELS } from '../../../domain/labels';
import { eventLabel, fmtDateTime, fmtDeadline, label, t } from '../i18n';
import { Provisional } from '../ui';
import { Eligibility, type EligibilityResult } from '../application-progress';

export interface Application {
  id: string;
  number: string;
  kind: string;
  status: string;
  currentLevel: string | null;
  round: number;
  chain: string[];
  officer: { id: string; name: string; idNumber: string; hasPhoto: boolean };
  agency: { name: string };
  previousCertificateNumber: string | null;
  note: string | null;
  eligibility: EligibilityResult;
  submittedAt: string;
  resubmitDeadline: string | null;
  resubmitDeadlineProvisional?: boolean;
  certificateNumber: string | null;
  attachments: Material[];
  tasks: {
    id: string;
    level: string;
    round: number;
    status: string;
    decision: string | null;
    comment: string | null;
    decidedAt: string | null;
    dueAt: string;
    dueAtProvisional?: boolean;
    overdue: boolean;
    bureau: { name: string };
  }[];
  timeline: {
    type: string;
    actorRole: string | null;
    level: string | null;
    comment: string | null;
    occurredAt: string;
  }[];
}

export function ApplicationView({ a }: { a: Application }) {
  return (
    <>
      <dl className="grid" data-testid="application">
        <dt>{t('app.field.number')}</dt>
        <dd>{a.number}</dd>
        <dt>{t('app.field.kind')}</dt>
        <dd>{label(a.kind)}</dd>
        <dt>{t('app.field.status')}</dt>
        <dd data-testid="application-status">{label(a.status)}</dd>
        <dt>{t('app.field.level')}</dt>
        <dd>{label(a.currentLevel)}</dd>
        <dt>{t('app.field.officer')}</dt>
        <dd>{a.officer.name}</dd>
        <dt>{t('app.field.idNumber')}</dt>
        <dd>{a.officer.idNumber}</dd>
        <dt>{t('card.photo')}</dt>
        <dd>
          <OfficerPhoto officer={a.officer} />
        </dd>
        <dt>{t('app.field.agency')}</dt>
        <dd>{a.agency.name}</dd>
        <dt>{t('app.field.submittedAt')}</dt>
        <dd>{fmtDateTime(a.submittedAt)}</dd>
        {/* The resubmission deadline runs only while the application waits for it. */}
        {a.status === 'RETURNED' && a.resubmitDeadline && (
          <>
            <dt>{t('app.field.resubmitDeadline')}</dt>
            <dd>
              {fmtDeadline(a.resubmitDeadline)}
              <Provisional on={a.resubmitDeadlineProvisional} />
            </dd>
          </>
        )}
        {a.certificateNumber && (
          <>
            <dt>{t('app.field.certificate')}</dt>
            <dd data-testid="certificate-number">{a.certificateNumber}</dd>
          </>
        )}
      </dl>
      {a.status === 'ISSUED' && a.certificateNumber && <PrintCard number={a.certificateNumber} />}
      <h2>{t('app.reviewSteps')}</h2>
      <ol data-testid="review-steps">
        {a.tasks.map((tk) => (
          <li key={tk.id}>
            {label(tk.level)} · {tk.bureau.name} · {label(tk.status)}
            {tk.decision ? ` · ${label(tk.decision)} ${fmtDateTime(tk.decidedAt)}` : ''}
            {tk.status !== 'DONE' && (
              <>
                {' '}
                · {t('inbox.due')} {fmtDeadline(tk.dueAt)}
                <Provisional on={tk.dueAtProvisional} />
                {tk.overdue && <span className="badge danger">{t('inbox.overdue')}</span>}
              </>
            )}
          </li>
        ))}
      </ol>
      <h2>{t('task.eligibility')}</h2>
      <Eligibility e={a.eligibility} />
      <h2>{t('task.materials')}</h2>
      <Materials items={a.attachments} path={(id) => `/api/attachments/${id}`} />
      <h2>{t('task.timeline')}</h2>
      <ol className="timeline">
        {a.timeline.map((e, i) => (
          <li key={i}>
            <time>{fmtDateTime(e.occurredAt)}</time> {eventLabel(APPLICATION_EVENT_LABELS, e.type)}{' '}
            {e.level && `· ${label(e.level)}`} {e.actorRole && `· ${label(e.actorRole)}`}
            {e.comment && <div className="comment">{e.comment}</div>}
          </li>
        ))}
      </ol>
    </>
  );
}
