// 第二十九条: what reaches the sanction officers to decide — a proposal from a complaint's result
// (第二十八条) or from a correction order not complied with (第二十七条第二款), and a city bureau's
// referral (提请) to the province. Each is decided through the decision form, filled from it, or declined
// with reasons (which the complaint, order or referring bureau then reads).
import { Link, useParams } from 'react-router';
import { request } from '../api';
import { fmtDateTime, label, t } from '../i18n';
import { PROPOSAL_STATUS } from '../messages';
import { DataTable, Loading, TextStep, useAsync } from '../ui';

/** What a proposal or referral asks for: the fields the decision form is filled from. */
export interface SanctionCase {
  id: string;
  status: string;
  type: string;
  grounds: number[];
  facts: string;
  certificateNumber: string;
  sanctionId: string | null;
  decisionNote: string | null;
  createdAt: string;
}

interface Proposal extends SanctionCase {
  complaint: {
    id: string;
    number: string;
    finding: string | null;
    measures: string | null;
    handlingOrg: string;
  } | null;
  correctionOrder: { id: string; number: string; ruleText: string; facts: string } | null;
}

const KINDS = {
  proposal: { api: '/api/sanction-proposals', page: '/sanction-proposals', param: 'proposal' },
  referral: { api: '/api/sanction-referrals', page: '/sanction-referrals', param: 'referral' },
} as const;
type Kind = keyof typeof KINDS;

/** The proposal or referral a decision form was opened from (`/sanctions/new?proposal=…`), if any. */
export function caseFromQuery(search: string): { kind: Kind; id: string } | null {
  const q = new URLSearchParams(search);
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const id = q.get(KINDS[kind].param);
    if (id) return { kind, id };
  }
  return null;
}

export const fetchCase = (kind: Kind, id: string) => request<SanctionCase>('GET', `${KINDS[kind].api}/${id}`);

/** The open proposals and referrals of the sanction officer's bureau, on the sanctions page. */
export function OpenCases({ province }: { province: boolean }) {
  const kinds: Kind[] = province ? ['referral', 'proposal'] : ['proposal'];
  return (
    <>
      {kinds.map((k) => (
        <CaseList key={k} kind={k} />
      ))}
    </>
  );
}

function CaseList({ kind }: { kind: Kind }) {
  const list = useAsync(() => request<{ items: SanctionCase[] }>('GET', `${KINDS[kind].api}?status=OPEN`), [kind]);
  return (
    <>
      <h2>{t(`sanctionCase.${kind}.open`)}</h2>
      <Loading state={list}>
        {(l) =>
          l.items.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <DataTable
              rowKey={(r) => r.id}
              rows={l.items}
              csvName={`${kind}s`}
              columns={[
                {
                  title: t('sanctions.certificate'),
                  value: (r) => r.certificateNumber,
                  render: (r) => <Link to={`${KINDS[kind].page}/${r.id}`}>{r.certificateNumber}</Link>,
                },
                { title: t('sanctions.type'), value: (r) => label(r.type) },
                { title: t('sanctions.facts'), value: (r) => r.facts },
                { title: t('sanctionCase.received'), value: (r) => fmtDateTime(r.createdAt) },
              ]}
            />
          )
        }
      </Loading>
    </>
  );
}

export const SanctionProposalDetail = () => <CaseDetail kind="proposal" />;
export const SanctionReferralDetail = () => <CaseDetail kind="referral" />;

function CaseDetail({ kind }: { kind: Kind }) {
  const { id } = useParams();
  const c = useAsync(() => request<Proposal>('GET', `${KINDS[kind].api}/${id}`), [kind, id]);
  return (
    <section>
      <h1>{t(`sanctionCase.${kind}.title`)}</h1>
      <Loading state={c}>
        {(x) => (
          <>
            <dl className="grid">
              <dt>{t('app.field.status')}</dt>
              <dd>{PROPOSAL_STATUS[x.status] ?? label(x.status)}</dd>
              <dt>{t('sanctions.certificate')}</dt>
              <dd>{x.certificateNumber}</dd>
              <dt>{t('sanctions.type')}</dt>
              <dd>{label(x.type)}</dd>
              <dt>{t('sanctions.grounds')}</dt>
              <dd>{x.grounds.map((g) => `（${g}）`).join('')}</dd>
              <dt>{t('sanctions.facts')}</dt>
              <dd>{x.facts}</dd>
              <dt>{t('sanctionCase.received')}</dt>
              <dd>{fmtDateTime(x.createdAt)}</dd>
              {x.complaint && (
                <>
                  <dt>{t('sanctionCase.fromComplaint')}</dt>
                  <dd>
                    {x.complaint.number} · {x.complaint.handlingOrg}
                    {x.complaint.finding && <> · {x.complaint.finding}</>}
                  </dd>
                </>
              )}
              {x.correctionOrder && (
                <>
                  <dt>{t('sanctionCase.fromOrder')}</dt>
                  <dd>
                    {x.correctionOrder.number} · {x.correctionOrder.ruleText}
                  </dd>
                </>
              )}
              {x.decisionNote && (
                <>
                  <dt>{t('sanctionCase.declineReason')}</dt>
                  <dd>{x.decisionNote}</dd>
                </>
              )}
            </dl>
            {x.sanctionId && (
              <p>
                <Link to={`/sanctions/${x.sanctionId}`}>{t('sanctionCase.decided')}</Link>
              </p>
            )}
            {x.status === 'OPEN' && <Act kind={kind} id={x.id} onDone={c.reload} />}
          </>
        )}
      </Loading>
    </section>
  );
}

/** Decide (the decision form, filled from the case) or decline with reasons. A referral is the province's to act on; the API says so to anyone else. */
function Act({ kind, id, onDone }: { kind: Kind; id: string; onDone(): void }) {
  return (
    <>
      <p>
        <Link className="button" to={`/sanctions/new?${KINDS[kind].param}=${id}`}>
          {t('sanctionCase.decide')}
        </Link>
      </p>
      <TextStep
        title={t('sanctionCase.decline')}
        collapsible
        danger
        path={`${KINDS[kind].api}/${id}/decline`}
        field="reason"
        fieldLabel={t('sanctionCase.declineReason')}
        rows={3}
        maxLength={4000}
        onDone={onDone}
      />
    </>
  );
}
