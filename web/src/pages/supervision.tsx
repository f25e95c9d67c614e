// 监督检查 (第二十七条第二款): the bureau's spot-check plans — draw, the recorded draw and its
// verification, findings per sampled unit (conduct rules 第十七条–第二十五条 from the catalogue) — and
// 整改通知: correction orders, reported by the agency with material, accepted or sent back by the bureau.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  CONDUCT_RULES,
  CORRECTION_ORDER_STATUSES,
  SPOT_CHECK_METHODS,
  SPOT_CHECK_POPULATIONS,
  findingText,
} from '../../../domain/conduct-rules';
import { download, newKey, request, uploadWithProgress } from '../api';
import { fmtDate, fmtDateTime, label, t, today } from '../i18n';
import { CORRECTION_EVENT_LABELS, PROPOSAL_STATUS } from '../messages';
import { REVIEWERS, useSession } from '../session';
import {
  ActionForm,
  DataTable,
  FormPanel,
  Loading,
  SelectField,
  TextField,
  useAsync,
  useSubmit,
  type Column,
} from '../ui';

interface PlanSummary {
  id: string;
  number: string;
  title: string;
  bureau: { id: string; name: string };
  population: keyof typeof SPOT_CHECK_POPULATIONS;
  method: keyof typeof SPOT_CHECK_METHODS;
  sampleSize: number;
  populationSize: number;
  checked: number;
  breaches: number;
  createdAt: string;
}
interface SampleItem {
  targetId: string;
  name: string;
  agency: { id: string; name: string };
  check: {
    finding: string;
    findingText: string;
    facts: string;
    checkedOn: string;
    correctionOrder: { id: string; number: string; status: keyof typeof CORRECTION_ORDER_STATUSES } | null;
  } | null;
}
interface Plan extends PlanSummary {
  seed: string;
  seedAnnounced: boolean;
  populationSha256: string;
  sample: SampleItem[];
}

const options = (m: Record<string, string>) => Object.entries(m).map(([value, l]) => ({ value, label: l }));
const RULE_OPTIONS = [
  { value: 'COMPLIANT', label: findingText('COMPLIANT') },
  ...Object.keys(CONDUCT_RULES).map((value) => ({ value, label: findingText(value) })),
];

export function SpotCheckPlans() {
  return (
    <section>
      <h1>{t('supervision.title')}</h1>
      <p>{t('supervision.intro')}</p>
      <p>
        <Link to="/correction-orders">{t('nav.correctionOrders')}</Link>
      </p>
      <NewPlan />
      <h2>{t('supervision.plans')}</h2>
      <ItemsTable<PlanSummary>
        path="/api/spot-check-plans"
        csvName="spot-check-plans"
        columns={[
          numberColumn(t('supervision.number'), (r) => `/supervision/plans/${r.id}`),
          { title: t('supervision.planTitle'), value: (r) => r.title },
          { title: t('supervision.method'), value: (r) => SPOT_CHECK_METHODS[r.method] },
          { title: t('supervision.population'), value: (r) => SPOT_CHECK_POPULATIONS[r.population] },
          {
            title: t('supervision.sampleSize'),
            value: (r) => `${Math.min(r.sampleSize, r.populationSize)} / ${r.populationSize}`,
          },
          { title: t('supervision.checked'), value: (r) => r.checked },
          { title: t('supervision.breaches'), value: (r) => r.breaches },
          { title: t('supervision.drawnAt'), value: (r) => fmtDateTime(r.createdAt) },
        ]}
      />
    </section>
  );
}

/** A list route's items as a table (these lists are short: no paging). */
function ItemsTable<R extends { id: string }>(p: { path: string; csvName: string; columns: Column<R>[] }) {
  const list = useAsync(() => request<{ items: R[] }>('GET', p.path), [p.path]);
  return (
    <Loading state={list}>
      {(x) => <DataTable csvName={p.csvName} rowKey={(r) => r.id} rows={x.items} columns={p.columns} />}
    </Loading>
  );
}

/** The record's number, linking to its page. */
const numberColumn = <R extends { number: string }>(title: string, to: (r: R) => string): Column<R> => ({
  title,
  value: (r) => r.number,
  render: (r) => <Link to={to(r)}>{r.number}</Link>,
});

function NewPlan() {
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [population, setPopulation] = useState('OFFICERS');
  const [method, setMethod] = useState('SPOT_CHECK');
  const [size, setSize] = useState('5');
  const [seed, setSeed] = useState('');
  const [key] = useState(newKey);
  const submit = useSubmit(async () => {
    const plan = await request<Plan>('POST', '/api/spot-check-plans', {
      idempotencyKey: key,
      body: {
        title: title.trim(),
        population,
        method,
        sampleSize: Number(size),
        ...(seed.trim() ? { seed: seed.trim() } : {}),
      },
    });
    void navigate(`/supervision/plans/${plan.id}`);
  });
  return (
    <FormPanel title={t('supervision.new')} submit={submit} submitLabel={t('supervision.draw')} collapsible open>
      <TextField
        label={t('supervision.planTitle')}
        value={title}
        onChange={setTitle}
        maxLength={200}
        required
        error={submit.fieldError('title')}
      />
      <SelectField
        label={t('supervision.population')}
        value={population}
        onChange={setPopulation}
        options={options(SPOT_CHECK_POPULATIONS)}
      />
      <SelectField
        label={t('supervision.method')}
        value={method}
        onChange={setMethod}
        options={options(SPOT_CHECK_METHODS)}
      />
      <TextField
        label={t('supervision.sampleSize')}
        value={size}
        onChange={setSize}
        maxLength={3}
        required
        error={submit.fieldError('sampleSize')}
      />
      <TextField
        label={t('supervision.seed')}
        hint={t('supervision.seedHint')}
        value={seed}
        onChange={setSeed}
        maxLength={128}
        error={submit.fieldError('seed')}
      />
    </FormPanel>
  );
}

export function SpotCheckPlanDetail() {
  const { id } = useParams();
  const { has, me } = useSession();
  const plan = useAsync(() => request<Plan>('GET', `/api/spot-check-plans/${id}`), [id]);
  const [verified, setVerified] = useState<boolean>();
  const verify = useSubmit(async () => {
    setVerified((await request<{ matches: boolean }>('GET', `/api/spot-check-plans/${id}/verify`)).matches);
  });
  return (
    <section>
      <h1>{t('supervision.title')}</h1>
      <Loading state={plan}>
        {(p) => (
          <>
            <p>
              {p.number} · {p.title} · {SPOT_CHECK_METHODS[p.method]} · {SPOT_CHECK_POPULATIONS[p.population]} ·{' '}
              {p.bureau.name}
            </p>
            <div className="panel">
              <h2>{t('supervision.drawRecord')}</h2>
              <p>
                {t('supervision.seedValue', { seed: p.seed })}
                {p.seedAnnounced && t('supervision.seedAnnounced')}
              </p>
              <p>
                {t('supervision.populationSize')}：{p.populationSize} · {t('supervision.sampleSize')}：{p.sample.length}
              </p>
              <p className="mono">{t('supervision.fingerprint', { sha: p.populationSha256 })}</p>
              <button type="button" className="secondary" onClick={() => void verify.run()} disabled={verify.busy}>
                {t('supervision.verify')}
              </button>
              {verified !== undefined && (
                <p role="status" className={verified ? 'ok' : 'alert'}>
                  {verified ? t('supervision.verified') : t('supervision.notVerified')}
                </p>
              )}
            </div>
            <h2>{t('supervision.sample')}</h2>
            <ul className="cards">
              {p.sample.map((s) => (
                <li key={s.targetId} className="card">
                  <div className="card-head">
                    <strong>{s.name}</strong> {p.population === 'OFFICERS' && <span>· {s.agency.name}</span>}
                  </div>
                  {s.check ? (
                    <p>
                      {fmtDate(s.check.checkedOn)} · {s.check.findingText}：{s.check.facts}
                      {s.check.correctionOrder && (
                        <>
                          {' '}
                          ·{' '}
                          <Link to={`/correction-orders/${s.check.correctionOrder.id}`}>
                            {t('supervision.order')} {s.check.correctionOrder.number}
                          </Link>
                          （{CORRECTION_ORDER_STATUSES[s.check.correctionOrder.status]}）
                        </>
                      )}
                    </p>
                  ) : (
                    // Only the bureau that drew the plan records its findings (the API refuses the others).
                    has(...REVIEWERS) &&
                    me?.organisation.id === p.bureau.id && (
                      <RecordCheck
                        planId={p.id}
                        item={s}
                        agencyCheck={p.population === 'AGENCIES'}
                        onDone={plan.reload}
                      />
                    )
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </Loading>
    </section>
  );
}

function RecordCheck({
  planId,
  item,
  agencyCheck,
  onDone,
}: {
  planId: string;
  item: SampleItem;
  agencyCheck: boolean;
  onDone(): void;
}) {
  const [finding, setFinding] = useState('COMPLIANT');
  const [card, setCard] = useState('');
  const [facts, setFacts] = useState('');
  const [checkedOn, setCheckedOn] = useState(today());
  return (
    <ActionForm
      path={`/api/spot-check-plans/${planId}/checks`}
      body={() => ({
        targetId: item.targetId,
        finding,
        facts: facts.trim(),
        checkedOn,
        ...(agencyCheck && card.trim() ? { certificateNumber: card.trim() } : {}),
      })}
      onDone={onDone}
      submitLabel={t('supervision.record')}
      title={`${t('supervision.record')}：${item.name}`}
      collapsible
    >
      {(err) => (
        <>
          <SelectField
            label={t('supervision.finding')}
            value={finding}
            onChange={setFinding}
            options={RULE_OPTIONS}
            error={err('finding')}
          />
          <TextField
            label={t('supervision.checkedOn')}
            value={checkedOn}
            onChange={setCheckedOn}
            maxLength={10}
            required
            error={err('checkedOn')}
          />
          {agencyCheck && (
            <TextField
              label={t('supervision.officerCard')}
              hint={t('supervision.officerCardHint')}
              value={card}
              onChange={setCard}
              maxLength={64}
              error={err('certificateNumber')}
            />
          )}
          <TextField
            label={t('supervision.facts')}
            value={facts}
            onChange={setFacts}
            rows={3}
            maxLength={4000}
            required
            error={err('facts')}
          />
        </>
      )}
    </ActionForm>
  );
}

interface OrderSummary {
  id: string;
  number: string;
  status: keyof typeof CORRECTION_ORDER_STATUSES;
  ruleText: string;
  agency: { id: string; name: string };
  bureau: { id: string; name: string };
  officer: { id: string; name: string } | null;
  dueDay: string | null;
  dueAtProvisional: boolean;
  overdue: boolean;
}
interface Order extends OrderSummary {
  facts: string;
  check: { planId: string; planNumber: string; checkedOn: string };
  reports: {
    id: string;
    text: string;
    attachments: { id: string; fileName: string }[];
    reportedAt: string;
    decision: string | null;
    decisionNote: string | null;
  }[];
  proposal: {
    status: string;
    decisionNote: string | null;
    sanction: { type: string; status: string } | null;
  } | null;
  timeline: { type: string; comment: string | null; occurredAt: string }[];
}

const due = (o: OrderSummary) =>
  o.dueDay ? `${fmtDate(o.dueDay)}${o.dueAtProvisional ? t('calendar.provisional') : ''}` : '—';

export function CorrectionOrders() {
  return (
    <section>
      <h1>{t('correction.title')}</h1>
      <ItemsTable<OrderSummary>
        path="/api/correction-orders"
        csvName="correction-orders"
        columns={[
          numberColumn(t('correction.number'), (r) => `/correction-orders/${r.id}`),
          { title: t('app.field.agency'), value: (r) => r.agency.name },
          { title: t('correction.officer'), value: (r) => r.officer?.name ?? '—' },
          { title: t('correction.rule'), value: (r) => r.ruleText },
          { title: t('correction.due'), value: (r) => due(r) },
          {
            title: t('app.field.status'),
            value: (r) => `${CORRECTION_ORDER_STATUSES[r.status]}${r.overdue ? `（${t('correction.overdue')}）` : ''}`,
          },
        ]}
      />
    </section>
  );
}

export function CorrectionOrderDetail() {
  const { id } = useParams();
  const { has, me } = useSession();
  // The agency the order goes to reports; only the bureau that issued it decides.
  const ours = (org: { id: string }) => me?.organisation.id === org.id;
  const order = useAsync(() => request<Order>('GET', `/api/correction-orders/${id}`), [id]);
  return (
    <section>
      <h1>{t('correction.title')}</h1>
      <Loading state={order}>
        {(o) => (
          <>
            <dl className="facts">
              <dt>{t('correction.number')}</dt>
              <dd>{o.number}</dd>
              <dt>{t('app.field.status')}</dt>
              <dd data-testid="order-status">
                {CORRECTION_ORDER_STATUSES[o.status]}
                {o.overdue && `（${t('correction.overdue')}）`}
              </dd>
              <dt>{t('app.field.agency')}</dt>
              <dd>{o.agency.name}</dd>
              <dt>{t('correction.officer')}</dt>
              <dd>{o.officer?.name ?? '—'}</dd>
              <dt>{t('correction.rule')}</dt>
              <dd>{o.ruleText}</dd>
              <dt>{t('correction.facts')}</dt>
              <dd>
                {fmtDate(o.check.checkedOn)} {o.facts}（{o.bureau.name}，{o.check.planNumber}）
              </dd>
              <dt>{t('correction.due')}</dt>
              <dd>{due(o)}</dd>
            </dl>
            {o.reports.length > 0 && (
              <>
                <h2>{t('correction.reports')}</h2>
                <ul className="cards">
                  {o.reports.map((r) => (
                    <li key={r.id} className="card">
                      <p>
                        {fmtDateTime(r.reportedAt)} {r.text}
                      </p>
                      {r.attachments.map((a) => (
                        <button
                          key={a.id}
                          type="button"
                          className="link"
                          onClick={() => void download(`/api/attachments/${a.id}`, a.fileName)}
                        >
                          {a.fileName}
                        </button>
                      ))}
                      {r.decision && (
                        <p>
                          {CORRECTION_EVENT_LABELS[r.decision === 'ACCEPTED' ? 'ACCEPTED' : 'SENT_BACK']}{' '}
                          {r.decisionNote}
                        </p>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {o.status === 'NOT_CORRECTED' && (
              <div className="panel">
                <h2>{t('correction.proposal')}</h2>
                {o.proposal ? (
                  <p data-testid="order-proposal">
                    {PROPOSAL_STATUS[o.proposal.status] ?? o.proposal.status}
                    {o.proposal.sanction &&
                      ' · ' +
                        t('correction.sanction', {
                          type: label(o.proposal.sanction.type),
                          status: label(o.proposal.sanction.status),
                        })}
                    {o.proposal.decisionNote && ` · ${o.proposal.decisionNote}`}
                  </p>
                ) : (
                  <p>{t('correction.noProposal')}</p>
                )}
              </div>
            )}
            {o.status === 'OPEN' && has('AGENCY_ADMIN') && ours(o.agency) && (
              <ReportCorrection orderId={o.id} onDone={order.reload} />
            )}
            {o.status === 'REPORTED' && has(...REVIEWERS) && ours(o.bureau) && (
              <DecideReport orderId={o.id} onDone={order.reload} />
            )}
            <h2>{t('correction.timeline')}</h2>
            <ol className="timeline">
              {o.timeline.map((e, i) => (
                <li key={i}>
                  {fmtDateTime(e.occurredAt)} {CORRECTION_EVENT_LABELS[e.type] ?? e.type}
                  {e.comment && `：${e.comment}`}
                </li>
              ))}
            </ol>
          </>
        )}
      </Loading>
    </section>
  );
}

function ReportCorrection({ orderId, onDone }: { orderId: string; onDone(): void }) {
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [key, setKey] = useState(newKey);
  const submit = useSubmit(async () => {
    const attachmentIds: string[] = [];
    for (const f of files)
      attachmentIds.push((await uploadWithProgress<{ id: string }>('/api/attachments', f, () => {})).id);
    await request('POST', `/api/correction-orders/${orderId}/report`, {
      idempotencyKey: key,
      body: { text: text.trim(), attachmentIds },
    });
    setKey(newKey());
    onDone();
  });
  return (
    <FormPanel title={t('correction.report')} submit={submit} submitLabel={t('correction.report')}>
      <TextField
        label={t('correction.reportText')}
        value={text}
        onChange={setText}
        rows={4}
        maxLength={4000}
        required
        error={submit.fieldError('text')}
      />
      <label>
        {t('correction.material')}
        <input
          type="file"
          multiple
          accept="application/pdf,image/jpeg,image/png"
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
        />
      </label>
    </FormPanel>
  );
}

function DecideReport({ orderId, onDone }: { orderId: string; onDone(): void }) {
  const [accept, setAccept] = useState('true');
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      path={`/api/correction-orders/${orderId}/decision`}
      body={() => ({ accept: accept === 'true', ...(reason.trim() ? { reason: reason.trim() } : {}) })}
      onDone={onDone}
      submitLabel={t('common.submit')}
      title={t('correction.decision')}
    >
      {(err) => (
        <>
          <SelectField
            label={t('correction.decision')}
            value={accept}
            onChange={setAccept}
            options={[
              { value: 'true', label: t('correction.accept') },
              { value: 'false', label: t('correction.sendBack') },
            ]}
          />
          <TextField
            label={t('correction.reason')}
            value={reason}
            onChange={setReason}
            rows={2}
            maxLength={4000}
            required={accept === 'false'}
            error={err('reason')}
          />
        </>
      )}
    </ActionForm>
  );
}
