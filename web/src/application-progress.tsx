// Where an application stands, for the agency that filed it (issue #16 §3): the review chain of
// 第七条 as a line — done, who holds it now and until which legal day, still to come — and the
// eligibility with the articles it rests on, before submitting and on the application.
import { fmtDeadline, label, t } from './i18n';
import { Provisional } from './ui';

export interface EligibilityResult {
  eligible: boolean;
  basis: { code: string; article: string; message: string }[];
  refusals: { code: string; article: string; message: string }[];
}

/** 符合条件 / 不符合条件 and each reason with its article. */
export function Eligibility({ e }: { e: EligibilityResult }) {
  return (
    <>
      <p className={e.eligible ? 'ok' : 'danger'}>{e.eligible ? t('task.eligible') : t('task.notEligible')}</p>
      <ul>
        {[...e.refusals, ...e.basis].map((r) => (
          <li key={r.code}>
            {r.message}（{r.article}）
          </li>
        ))}
      </ul>
    </>
  );
}

interface Progressing {
  status: string;
  round: number;
  currentLevel: string | null;
  chain: string[];
  resubmitDeadline: string | null;
  tasks: {
    level: string;
    round: number;
    status: string;
    decision: string | null;
    dueAt: string;
    dueAtProvisional?: boolean;
    bureau: { name: string };
  }[];
}

type Step = { level: string; state: 'done' | 'current' | 'todo' | 'stopped'; text: string };

/** One step per level of the chain, for the application's present round (a resubmission starts again). */
export function progressSteps(a: Progressing): Step[] {
  return a.chain.map((level): Step => {
    const task = a.tasks.filter((k) => k.level === level && k.round === a.round).at(-1);
    const where = task?.bureau.name ?? label(level);
    if (task?.status === 'DONE' && task.decision === 'APPROVE') return { level, state: 'done', text: where };
    if (a.currentLevel === level && a.status === 'UNDER_REVIEW' && task)
      return {
        level,
        state: 'current',
        text: t('progress.holding', { who: task.bureau.name, date: fmtDeadline(task.dueAt) }),
      };
    if (task?.status === 'DONE' && task.decision)
      return { level, state: 'stopped', text: `${where} · ${label(task.decision)}` };
    return { level, state: 'todo', text: label(level) };
  });
}

export function ProgressLine({ a }: { a: Progressing }) {
  const steps = progressSteps(a);
  const current = a.tasks.find((k) => k.round === a.round && k.level === a.currentLevel && k.status !== 'DONE');
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">{t('progress.title')}</h2>
      <ol className="progress-line" data-testid="progress-line">
        {steps.map((s) => (
          <li key={s.level} className={s.state} aria-current={s.state === 'current' ? 'step' : undefined}>
            <span className="visually-hidden">{t(`progress.${s.state}`)}</span>
            {s.text}
            {s.state === 'current' && <Provisional on={current?.dueAtProvisional} />}
          </li>
        ))}
        <li className={a.status === 'ISSUED' ? 'done' : 'todo'}>
          <span className="visually-hidden">{t(a.status === 'ISSUED' ? 'progress.done' : 'progress.todo')}</span>
          {t('progress.issued')}
        </li>
      </ol>
      {a.status === 'RETURNED' && a.resubmitDeadline && (
        <p className="danger">{t('progress.returned', { date: fmtDeadline(a.resubmitDeadline) })}</p>
      )}
    </section>
  );
}
