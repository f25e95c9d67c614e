// 暂扣 / 收缴 (第二十九条): the list, the decision form, and a sanction's page with the 30-day term
// (第三十条) and the 10-day 复核 window (第三十二条) as dates with a countdown, 复核 filing and decision.
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { request } from '../api';
import { REVIEW_REQUEST_LABELS } from '../../../domain/labels';
import { fmtDate, fmtDateTime, fmtDaysLeft, fmtDeadline, label, t } from '../i18n';
import type { MessageKey } from '../messages';
import { useSession } from '../session';
import {
  ActionForm,
  Field,
  Loading,
  PagedTable,
  ProblemAlert,
  useAsync,
  useKeyedSend,
  usePagedList,
  useSubmit,
  Provisional,
  TextField,
} from '../ui';
import { caseFromQuery, fetchCase, OpenCases } from './sanction-cases';
import { GroundsField, SanctionTypeField } from '../sanction-case-fields';

interface Sanction {
  id: string;
  type: string;
  status: string;
  grounds: number[];
  facts: string;
  certificate: { number: string; status: string };
  decidedAt: string;
  deliveredAt: string | null;
  termEndsAt: string | null;
  banEndsAt: string | null;
  reviewDeadline: string | null;
  reviewDeadlineProvisional?: boolean;
  endedAt: string | null;
  endNote: string | null;
  review: {
    status: string;
    reason: string;
    filedAt: string;
    dueAt: string;
    dueAtProvisional?: boolean;
    decisionComment: string | null;
  } | null;
  timeline?: { type: string; reason: string; article: string | null; occurredAt: string }[];
}

export function Sanctions() {
  const { has, me } = useSession();
  const list = usePagedList<Sanction>('/api/sanctions');
  return (
    <section>
      <h1>{t('sanctions.title')}</h1>
      {has('SANCTION_OFFICER') && (
        <p>
          <Link className="button" to="/sanctions/new">
            {t('sanctions.new')}
          </Link>
        </p>
      )}
      {has('SANCTION_OFFICER') && <OpenCases province={me?.organisation.level === 'PROVINCE'} />}
      <PagedTable
        list={list}
        csvName="sanctions"
        columns={[
          {
            title: t('sanctions.certificate'),
            value: (r) => r.certificate.number,
            render: (r) => <Link to={`/sanctions/${r.id}`}>{r.certificate.number}</Link>,
          },
          { title: t('sanctions.type'), value: (r) => label(r.type) },
          { title: t('app.field.status'), value: (r) => label(r.status) },
          { title: t('app.field.submittedAt'), value: (r) => fmtDateTime(r.decidedAt) },
        ]}
      />
    </section>
  );
}

export function SanctionNew() {
  const navigate = useNavigate();
  const [f, setF] = useState({
    certificateNumber: '',
    type: 'SUSPENSION',
    grounds: [] as number[],
    facts: '',
    deliveredAt: '',
  });
  // 第二十九条: opened from a proposal or referral, the form starts from what it asks for and decides it.
  const from = caseFromQuery(useLocation().search);
  const source = useAsync(() => (from ? fetchCase(from.kind, from.id) : Promise.resolve(null)), [from?.id]);
  useEffect(() => {
    const c = source.data;
    if (c)
      setF((x) => ({ ...x, certificateNumber: c.certificateNumber, type: c.type, grounds: c.grounds, facts: c.facts }));
  }, [source.data]);
  const send = useKeyedSend();
  const submit = useSubmit(async () => {
    const s = await send((idempotencyKey) =>
      request<Sanction>('POST', '/api/sanctions', {
        idempotencyKey,
        body: {
          certificateNumber: f.certificateNumber.trim(),
          type: f.type,
          grounds: f.grounds,
          facts: f.facts.trim(),
          ...(f.deliveredAt ? { deliveredAt: new Date(f.deliveredAt).toISOString() } : {}),
          ...(from ? { [`${from.kind}Id`]: from.id } : {}),
        },
      }),
    );
    void navigate(`/sanctions/${s.id}`);
  });
  return (
    <section className="narrow">
      <h1>{t('sanctions.new')}</h1>
      <ProblemAlert error={source.error} />
      {source.data && (
        <p>
          {t('sanctionCase.from', {
            what: `${t(`sanctionCase.${from!.kind}.title`)} ${source.data.certificateNumber}`,
          })}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run();
        }}
      >
        <Field label={t('sanctions.certificate')} error={submit.fieldError('certificateNumber')}>
          {(id, err) => (
            <input
              id={id}
              aria-describedby={err}
              required
              maxLength={64}
              value={f.certificateNumber}
              onChange={(e) => setF({ ...f, certificateNumber: e.target.value })}
            />
          )}
        </Field>
        <SanctionTypeField value={f.type} onChange={(type) => setF({ ...f, type })} />
        <GroundsField
          value={f.grounds}
          onChange={(grounds) => setF({ ...f, grounds })}
          error={submit.fieldError('grounds')}
        />
        <TextField
          label={t('sanctions.facts')}
          value={f.facts}
          onChange={(value) => setF({ ...f, facts: value })}
          rows={4}
          maxLength={4000}
          error={submit.fieldError('facts')}
          required
        />
        <Field label={t('sanctions.deliveredAt')} error={submit.fieldError('deliveredAt')}>
          {(id, err) => (
            <input
              id={id}
              aria-describedby={err}
              type="datetime-local"
              value={f.deliveredAt}
              onChange={(e) => setF({ ...f, deliveredAt: e.target.value })}
            />
          )}
        </Field>
        <ProblemAlert error={submit.error} onRetry={() => submit.run()} />
        <button type="submit" disabled={submit.busy}>
          {submit.busy ? t('common.submitting') : t('common.submit')}
        </button>
      </form>
    </section>
  );
}

export function SanctionDetail() {
  const { id } = useParams();
  const { has } = useSession();
  const s = useAsync(() => request<Sanction>('GET', `/api/sanctions/${id}`), [id]);
  return (
    <section>
      <h1>{t('sanctions.title')}</h1>
      <Loading state={s}>
        {(x) => (
          <>
            <dl className="grid">
              <dt>{t('sanctions.certificate')}</dt>
              <dd>{x.certificate.number}</dd>
              <dt>{t('sanctions.type')}</dt>
              <dd>{label(x.type)}</dd>
              <dt>{t('app.field.status')}</dt>
              <dd>{label(x.status)}</dd>
              <dt>{t('sanctions.grounds')}</dt>
              <dd>{x.grounds.map((g) => `（${g}）`).join('')}</dd>
              <dt>{t('sanctions.facts')}</dt>
              <dd>{x.facts}</dd>
              <dt>{t('sanctions.deliveredAt')}</dt>
              <dd>{fmtDateTime(x.deliveredAt)}</dd>
            </dl>
            {/* The countdowns run while the sanction does; once it is over its outcome is shown instead. */}
            {x.termEndsAt && (
              <p className="countdown">
                {t('sanctions.term', { date: fmtDeadline(x.termEndsAt) })}
                {x.status === 'IN_EFFECT' && <> · {fmtDaysLeft(x.termEndsAt)}</>}
              </p>
            )}
            {x.reviewDeadline && (
              <p className="countdown">
                {t('sanctions.reviewWindow', { date: fmtDeadline(x.reviewDeadline) })}
                <Provisional on={x.reviewDeadlineProvisional} />
                {!x.review && x.status === 'IN_EFFECT' && <> · {fmtDaysLeft(x.reviewDeadline)}</>}
              </p>
            )}
            {x.endedAt && (
              <p data-testid="sanction-outcome">
                {t('sanctions.ended', { status: label(x.status), date: fmtDate(x.endedAt) })}
                {x.endNote && `：${x.endNote}`}
              </p>
            )}
            {x.review && (
              <p>
                {t('sanctions.fileReview')}：{x.review.reason} · {REVIEW_REQUEST_LABELS[x.review.status]}{' '}
                {x.review.decisionComment}
                {x.review.status === 'PENDING' && (
                  <span data-testid="review-due">
                    {' '}
                    · {t('sanctions.reviewDue', { date: fmtDeadline(x.review.dueAt) })}
                    <Provisional on={x.review.dueAtProvisional} />
                  </span>
                )}
              </p>
            )}
            {!x.deliveredAt && has('SANCTION_OFFICER') && <Deliver id={x.id} onDone={s.reload} />}
            {!x.review &&
              x.reviewDeadline &&
              Date.parse(x.reviewDeadline) > Date.now() &&
              has('AGENCY_ADMIN', 'OFFICER') && (
                <SanctionAct
                  id={x.id}
                  path="review"
                  title={t('sanctions.fileReview')}
                  field="reason"
                  fieldLabel={t('sanctions.reviewReason')}
                  onDone={s.reload}
                />
              )}
            {x.review?.status === 'PENDING' && has('SANCTION_OFFICER') && (
              <SanctionAct
                id={x.id}
                path="review/decision"
                title={t('sanctions.decideReview')}
                field="comment"
                fieldLabel={t('task.comment')}
                outcomes
                onDone={s.reload}
              />
            )}
            <h2>{t('task.timeline')}</h2>
            <ol className="timeline">
              {x.timeline?.map((e, i) => (
                <li key={i}>
                  <time>{fmtDateTime(e.occurredAt)}</time> {e.reason}{' '}
                  {e.article && <span className="article">（{e.article}）</span>}
                </li>
              ))}
            </ol>
          </>
        )}
      </Loading>
    </section>
  );
}

function Deliver({ id, onDone }: { id: string; onDone(): void }) {
  const [at, setAt] = useState('');
  return (
    <ActionForm
      path={`/api/sanctions/${id}/delivery`}
      body={() => ({ deliveredAt: new Date(at).toISOString() })}
      onDone={onDone}
      submitLabel={t('sanctions.deliver')}
    >
      {(err) => (
        <Field label={t('sanctions.deliveredAt')} error={err('deliveredAt')}>
          {(fid) => (
            <input id={fid} type="datetime-local" required value={at} onChange={(e) => setAt(e.target.value)} />
          )}
        </Field>
      )}
    </ActionForm>
  );
}

function SanctionAct(p: {
  id: string;
  path: string;
  title: string;
  field: string;
  fieldLabel: string;
  outcomes?: boolean;
  onDone(): void;
}) {
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState('UPHELD');
  return (
    <ActionForm
      title={p.title}
      path={`/api/sanctions/${p.id}/${p.path}`}
      body={() => ({ [p.field]: text.trim(), ...(p.outcomes ? { outcome } : {}) })}
      onDone={p.onDone}
      submitLabel={t('common.submit')}
    >
      {(err) => (
        <>
          {p.outcomes && (
            <fieldset>
              <legend>{t('sanctions.outcome')}</legend>
              {['UPHELD', 'ANNULLED', 'VARIED'].map((o) => (
                <label key={o} className="check">
                  <input type="radio" name="outcome" checked={outcome === o} onChange={() => setOutcome(o)} />{' '}
                  {t(`sanctions.${o}` as MessageKey)}
                </label>
              ))}
            </fieldset>
          )}
          <TextField
            label={p.fieldLabel}
            value={text}
            onChange={(value) => setText(value)}
            rows={3}
            maxLength={4000}
            error={err(p.field)}
            required
          />
        </>
      )}
    </ActionForm>
  );
}
