// A complaint's page for its handlers and supervisors (第二十八条): the facts, who is complained about
// (by name and agency), the investigator and deadlines, the complainant's materials (previewed in
// place) and added information, and every step the API offers — accept with the investigator, transfer
// to the competent organ, the one extension and its approval by the organ's head, the result (with a
// 暂扣 / 收缴 proposal, 第二十九条), feedback, close, reopen. What was recorded stays on the page. The
// complainant's identity is shown only where the API returns it (第二十五条).
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { COMPLAINT_FINDINGS, FEEDBACK_CHANNELS } from '../../../domain/complaint';
import { request } from '../api';
import { COMPLAINT_EVENT_LABELS } from '../../../domain/labels';
import { eventLabel, fmtDateTime, fmtDeadline, label, t } from '../i18n';
import { Materials } from '../materials';
import { PROPOSAL_STATUS, type MessageKey } from '../messages';
import { RecusalForm } from '../recusal';
import { GroundsField, SanctionTypeField } from '../sanction-case-fields';
import { useSession } from '../session';
import { ActionForm, Checkbox, Field, Loading, Provisional, TextField, TextStep, useAsync } from '../ui';

interface Complaint {
  id: string;
  number: string;
  status: string;
  handlingOrg: { id: string; name: string };
  complainant: { kind: string; anonymous: boolean; name: string | null; contact: string | null };
  subjects: { name: string; certificateNumber: string | null; agencyName: string }[];
  facts: string;
  occurredAt: string;
  place: string;
  investigatorName: string | null;
  investigationDueAt: string | null;
  extension: { status: string; reason: string | null } | null;
  result: { finding: string; measures: string | null; at: string } | null;
  feedback: { dueAt: string | null; channel: string | null; content: string | null; at: string | null };
  proposals: { id: string; status: string; type: string; grounds: number[]; decisionNote: string | null }[];
  tasks: { id: string; kind: string; status: string; dueAt: string; dueAtProvisional?: boolean; overdue: boolean }[];
  attachments: { id: string; fileName: string; contentType: string; size: number }[];
  timeline: { type: string; comment: string | null; occurredAt: string }[];
}

const OPEN = ['AWAITING_ACCEPTANCE', 'INVESTIGATING', 'AWAITING_FEEDBACK', 'FEEDBACK_GIVEN'];

export function ComplaintDetail() {
  const { id } = useParams();
  const { has, me } = useSession();
  const c = useAsync(() => request<Complaint>('GET', `/api/complaints/${id}`), [id]);
  return (
    <section>
      <h1>{t('complaint.detail')}</h1>
      <Loading state={c}>
        {(x) => {
          // Acting is for the handling organ's own handlers (the API refuses anyone else, 第二十八条).
          const handler = has('COMPLAINT_HANDLER') && me?.organisation.id === x.handlingOrg.id;
          const head = has('SUPERVISOR') && me?.organisation.id === x.handlingOrg.id;
          const reload = c.reload;
          return (
            <>
              <dl className="grid">
                <dt>{t('complaint.number')}</dt>
                <dd>{x.number}</dd>
                <dt>{t('app.field.status')}</dt>
                <dd data-testid="complaint-state">{label(x.status)}</dd>
                <dt>{t('complaint.handlingOrgan')}</dt>
                <dd>{x.handlingOrg.name}</dd>
                <dt>{t('complaint.complainant')}</dt>
                <dd>
                  {x.complainant.anonymous
                    ? t('complaint.anonymous')
                    : `${x.complainant.name}${x.complainant.contact ? `（${x.complainant.contact}）` : ''}`}
                </dd>
                <dt>{t('complaint.subjects')}</dt>
                <dd data-testid="complaint-subjects">
                  {x.subjects
                    .map((s) => `${s.name}（${s.agencyName}${s.certificateNumber ? ` · ${s.certificateNumber}` : ''}）`)
                    .join('、')}
                </dd>
                <dt>{t('complaint.facts')}</dt>
                <dd>{x.facts}</dd>
                <dt>{t('complaint.occurredAt')}</dt>
                <dd>
                  {fmtDateTime(x.occurredAt)} · {x.place}
                </dd>
                {x.investigatorName && (
                  <>
                    <dt>{t('complaint.investigator')}</dt>
                    <dd>{x.investigatorName}</dd>
                  </>
                )}
                {x.investigationDueAt && (
                  <>
                    <dt>{t('complaint.investigationDue')}</dt>
                    <dd>{t('common.byDay', { date: fmtDeadline(x.investigationDueAt) })}</dd>
                  </>
                )}
                {x.extension && (
                  <>
                    <dt>{t('complaint.extension')}</dt>
                    <dd>
                      {t(`complaint.extension.${x.extension.status}` as MessageKey)}
                      {x.extension.reason && `：${x.extension.reason}`}
                    </dd>
                  </>
                )}
              </dl>

              {handler && x.status === 'AWAITING_ACCEPTANCE' && (
                <>
                  <AcceptForm id={x.id} onDone={reload} />
                  <TransferForm id={x.id} from={x.handlingOrg.id} />
                </>
              )}
              {handler && x.status === 'INVESTIGATING' && (
                <>
                  <ResultForm complaint={x} onDone={reload} />
                  {!x.extension && <ExtensionRequest id={x.id} onDone={reload} />}
                </>
              )}
              {head && x.extension?.status === 'REQUESTED' && <ExtensionDecision id={x.id} onDone={reload} />}
              {handler && x.status === 'AWAITING_FEEDBACK' && (
                <FeedbackForm id={x.id} anonymous={!x.complainant.contact} onDone={reload} />
              )}
              {handler && x.status === 'FEEDBACK_GIVEN' && (
                <ActionForm
                  path={`/api/complaints/${x.id}/close`}
                  body={() => ({})}
                  onDone={reload}
                  submitLabel={t('complaint.close')}
                />
              )}
              {has('SUPERVISOR') && me?.organisation.type !== 'AGENCY' && x.status === 'CLOSED' && (
                <TextStep
                  path={`/api/complaints/${x.id}/reopen`}
                  title={t('complaint.reopen')}
                  field="reason"
                  fieldLabel={t('complaint.reopenReason')}
                  onDone={reload}
                />
              )}
              {handler && OPEN.includes(x.status) && (
                <RecusalForm path={`/api/complaints/${x.id}/recusal`} back="/complaint-tasks" />
              )}

              <Recorded x={x} />

              {x.tasks.some((k) => k.status === 'OPEN') && (
                <>
                  <h2>{t('complaint.tasks')}</h2>
                  <ul data-testid="complaint-tasks">
                    {x.tasks
                      .filter((k) => k.status === 'OPEN')
                      .map((k) => (
                        <li key={k.id}>
                          {label(k.kind)} · {t('inbox.due')} {fmtDeadline(k.dueAt)}
                          <Provisional on={k.dueAtProvisional} />
                          {k.overdue && <span className="badge danger">{t('inbox.overdue')}</span>}
                        </li>
                      ))}
                  </ul>
                </>
              )}
              <h2>{t('complaint.materials')}</h2>
              <Materials items={x.attachments} path={(aid) => `/api/complaints/${x.id}/attachments/${aid}`} />
              <h2>{t('task.timeline')}</h2>
              <ol className="timeline">
                {x.timeline.map((e, i) => (
                  <li key={i}>
                    <time>{fmtDateTime(e.occurredAt)}</time> {eventLabel(COMPLAINT_EVENT_LABELS, e.type)}{' '}
                    {e.comment && <span className="comment">{e.comment}</span>}
                  </li>
                ))}
              </ol>
            </>
          );
        }}
      </Loading>
    </section>
  );
}

/** What has been decided and said: the result, the proposals it made and the feedback. */
function Recorded({ x }: { x: Complaint }) {
  return (
    <>
      {x.result && (
        <section aria-labelledby="complaint-result">
          <h2 id="complaint-result">{t('complaint.result')}</h2>
          <dl className="grid" data-testid="complaint-result">
            <dt>{t('complaint.finding')}</dt>
            <dd>{label(x.result.finding)}</dd>
            <dt>{t('complaint.measures')}</dt>
            <dd>{x.result.measures}</dd>
            <dt>{t('complaint.recordedAt')}</dt>
            <dd>{fmtDateTime(x.result.at)}</dd>
          </dl>
          {x.proposals.map((p) => (
            <p key={p.id}>
              {t('complaint.proposalMade', {
                type: label(p.type),
                status: PROPOSAL_STATUS[p.status] ?? label(p.status),
              })}
              {p.decisionNote && `：${p.decisionNote}`}
            </p>
          ))}
        </section>
      )}
      {(x.feedback.at || x.feedback.dueAt) && (
        <section aria-labelledby="complaint-feedback">
          <h2 id="complaint-feedback">{t('complaint.feedback')}</h2>
          {x.feedback.at ? (
            <dl className="grid" data-testid="complaint-feedback">
              <dt>{t('complaint.channel')}</dt>
              <dd>{label(x.feedback.channel)}</dd>
              <dt>{t('complaint.feedbackContent')}</dt>
              <dd>{x.feedback.content}</dd>
              <dt>{t('complaint.recordedAt')}</dt>
              <dd>{fmtDateTime(x.feedback.at)}</dd>
            </dl>
          ) : (
            x.feedback.dueAt && <p>{t('complaint.feedbackDue', { date: fmtDeadline(x.feedback.dueAt) })}</p>
          )}
        </section>
      )}
    </>
  );
}

/** 受理: the investigator is one of the organ's complaint handlers (the reader by default). */
function AcceptForm({ id, onDone }: { id: string; onDone(): void }) {
  const { me } = useSession();
  const colleagues = useAsync(
    () => request<{ items: { id: string; displayName: string; roles: string[] }[] }>('GET', '/api/me/colleagues'),
    [],
  );
  const [investigatorId, setInvestigator] = useState('');
  const handlers = (colleagues.data?.items ?? []).filter((u) => u.roles.includes('COMPLAINT_HANDLER'));
  return (
    <ActionForm
      title={t('complaint.accept')}
      path={`/api/complaints/${id}/accept`}
      body={() => (investigatorId ? { investigatorId } : {})}
      onDone={onDone}
      submitLabel={t('complaint.accept')}
    >
      {(err) => (
        <Field label={t('complaint.investigator')} error={err('investigatorId')}>
          {(fid) => (
            <select id={fid} value={investigatorId} onChange={(e) => setInvestigator(e.target.value)}>
              <option value="">{t('complaint.investigatorSelf')}</option>
              {handlers
                .filter((u) => u.id !== me?.id)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName}
                  </option>
                ))}
            </select>
          )}
        </Field>
      )}
    </ActionForm>
  );
}

/** 转交有权机关 (第二十八条): to an organ the complaint could have been addressed to (the API checks). */
function TransferForm({ id, from }: { id: string; from: string }) {
  // Once transferred the complaint is the other organ's to read: back to the inbox, saying where it went.
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [organisationId, setOrganisation] = useState('');
  const [reason, setReason] = useState('');
  const organs = useAsync(
    () =>
      request<{ items: { id: string; name: string }[] }>(
        'GET',
        `/api/public/complaint-organs${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`,
      ),
    [q],
  );
  return (
    <ActionForm
      collapsible
      title={t('complaint.transfer')}
      path={`/api/complaints/${id}/transfer`}
      body={() => ({ organisationId, reason: reason.trim() })}
      onDone={() =>
        void navigate('/complaint-tasks', {
          state: {
            notice: t('complaint.transferred', {
              to: organs.data?.items.find((o) => o.id === organisationId)?.name ?? '',
            }),
          },
        })
      }
      submitLabel={t('complaint.transferSubmit')}
    >
      {(err) => (
        <>
          <Field label={t('complaint.organSearch')}>
            {(fid) => <input id={fid} type="search" maxLength={50} value={q} onChange={(e) => setQ(e.target.value)} />}
          </Field>
          <Field label={t('complaint.transferTo')} error={err('organisationId')}>
            {(fid, e) => (
              <select
                id={fid}
                aria-describedby={e}
                required
                value={organisationId}
                onChange={(ev) => setOrganisation(ev.target.value)}
              >
                <option value="">—</option>
                {(organs.data?.items ?? [])
                  .filter((o) => o.id !== from)
                  .map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <TextField
            label={t('complaint.transferReason')}
            value={reason}
            onChange={setReason}
            rows={2}
            maxLength={2000}
            error={err('reason')}
            required
          />
        </>
      )}
    </ActionForm>
  );
}

function ExtensionRequest({ id, onDone }: { id: string; onDone(): void }) {
  return (
    <TextStep
      collapsible
      path={`/api/complaints/${id}/extension`}
      title={t('complaint.extensionRequest')}
      submitLabel={t('complaint.extensionSubmit')}
      field="reason"
      fieldLabel={t('complaint.extensionReason')}
      onDone={onDone}
    />
  );
}

/** The organ's head approves or refuses the one extension (第二十八条). */
function ExtensionDecision({ id, onDone }: { id: string; onDone(): void }) {
  const [approve, setApprove] = useState(true);
  const [comment, setComment] = useState('');
  return (
    <ActionForm
      title={t('complaint.extensionDecision')}
      path={`/api/complaints/${id}/extension/decision`}
      body={() => ({ approve, comment: comment.trim() })}
      onDone={onDone}
      submitLabel={t('common.submit')}
    >
      {(err) => (
        <>
          <fieldset>
            <legend>{t('complaint.extensionDecision')}</legend>
            <label className="check">
              <input type="radio" name="approve" checked={approve} onChange={() => setApprove(true)} />{' '}
              {t('complaint.extensionApprove')}
            </label>
            <label className="check">
              <input type="radio" name="approve" checked={!approve} onChange={() => setApprove(false)} />{' '}
              {t('complaint.extensionRefuse')}
            </label>
          </fieldset>
          <TextField
            label={t('task.comment')}
            value={comment}
            onChange={setComment}
            rows={2}
            maxLength={2000}
            error={err('comment')}
            required
          />
        </>
      )}
    </ActionForm>
  );
}

/** The findings and measures; optionally a 暂扣 / 收缴 proposal to 杭州市司法局 (第二十九条) on a card of an officer complained about. */
function ResultForm({ complaint, onDone }: { complaint: Complaint; onDone(): void }) {
  const cards = complaint.subjects.filter((s) => s.certificateNumber).map((s) => s.certificateNumber!);
  const [finding, setFinding] = useState<string>(COMPLAINT_FINDINGS[0]);
  const [measures, setMeasures] = useState('');
  const [propose, setPropose] = useState(false);
  const [proposal, setProposal] = useState({
    certificateNumber: cards[0] ?? '',
    type: 'SUSPENSION',
    grounds: [] as number[],
    facts: '',
  });
  const set = (patch: Partial<typeof proposal>) => setProposal((p) => ({ ...p, ...patch }));
  // 第二十九条: a proposal rests on a finding that holds; with 不属实 none is shown or sent.
  const proposing = propose && finding !== 'NOT_SUBSTANTIATED';
  return (
    <ActionForm
      title={t('complaint.result')}
      path={`/api/complaints/${complaint.id}/result`}
      body={() => ({
        finding,
        measures: measures.trim(),
        ...(proposing ? { sanctionProposal: { ...proposal, facts: proposal.facts.trim() } } : {}),
      })}
      onDone={onDone}
      submitLabel={t('common.submit')}
    >
      {(err) => (
        <>
          <fieldset>
            <legend>{t('complaint.finding')}</legend>
            {COMPLAINT_FINDINGS.map((f) => (
              <label key={f} className="check">
                <input type="radio" name="finding" checked={finding === f} onChange={() => setFinding(f)} /> {label(f)}
              </label>
            ))}
          </fieldset>
          <TextField
            label={t('complaint.measures')}
            value={measures}
            onChange={setMeasures}
            rows={3}
            maxLength={4000}
            error={err('measures')}
            required
          />
          {cards.length > 0 && finding !== 'NOT_SUBSTANTIATED' && (
            <Checkbox label={t('complaint.propose')} checked={propose} onChange={setPropose} />
          )}
          {proposing && (
            <>
              <Field label={t('sanctions.certificate')} error={err('sanctionProposal.certificateNumber')}>
                {(fid) => (
                  <select
                    id={fid}
                    value={proposal.certificateNumber}
                    onChange={(e) => set({ certificateNumber: e.target.value })}
                  >
                    {cards.map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <SanctionTypeField value={proposal.type} onChange={(type) => set({ type })} />
              <GroundsField
                value={proposal.grounds}
                onChange={(grounds) => set({ grounds })}
                error={err('sanctionProposal.grounds')}
              />
              <TextField
                label={t('sanctions.facts')}
                value={proposal.facts}
                onChange={(facts) => set({ facts })}
                rows={3}
                maxLength={4000}
                error={err('sanctionProposal.facts')}
                required
              />
            </>
          )}
        </>
      )}
    </ActionForm>
  );
}

function FeedbackForm({ id, anonymous, onDone }: { id: string; anonymous: boolean; onDone(): void }) {
  // 第二十八条: without a contact, the feedback is published to the receipt code's status page.
  const [channel, setChannel] = useState<string>(anonymous ? 'PUBLISHED' : 'PHONE');
  const [content, setContent] = useState('');
  return (
    <ActionForm
      title={t('complaint.feedback')}
      path={`/api/complaints/${id}/feedback`}
      body={() => ({ channel, content: content.trim() })}
      onDone={onDone}
      submitLabel={t('common.submit')}
    >
      {(err) => (
        <>
          <Field label={t('complaint.channel')} error={err('channel')}>
            {(fid) => (
              <select id={fid} value={channel} onChange={(e) => setChannel(e.target.value)}>
                {FEEDBACK_CHANNELS.filter((c) => (anonymous ? c === 'PUBLISHED' : c !== 'PUBLISHED')).map((c) => (
                  <option key={c} value={c}>
                    {label(c)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField
            label={t('complaint.feedbackContent')}
            value={content}
            onChange={setContent}
            rows={3}
            maxLength={4000}
            error={err('content')}
            required
          />
        </>
      )}
    </ActionForm>
  );
}
