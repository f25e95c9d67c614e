// 第二十条 回避: the form a reviewer or complaint handler declares a conflict of interest with, and the
// notice shown to someone who may not act on a case. After the declaration the page says where the
// task went; the reason stays with the organ (第二十五条).
import { useState } from 'react';
import { Link } from 'react-router';
import { t } from './i18n';
import { ActionForm, TextField } from './ui';

interface HandOver {
  colleague: { displayName: string } | null;
  organisation: { name: string } | null;
}

export function RecusalForm({ path, back }: { path: string; back: string }) {
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<HandOver>();
  if (done)
    return (
      <p className="ok" role="status">
        {done.organisation
          ? t('recusal.toOrgan', { name: done.organisation.name })
          : done.colleague
            ? t('recusal.toColleague', { name: done.colleague.displayName })
            : t('recusal.toColleagues')}{' '}
        <Link to={back}>{t('recusal.back')}</Link>
      </p>
    );
  return (
    <ActionForm<HandOver>
      title={t('recusal.title')}
      collapsible
      path={path}
      body={() => ({ reason: reason.trim() })}
      onDone={setDone}
      submitLabel={t('recusal.submit')}
    >
      {(err) => (
        <>
          <p className="hint">{t('recusal.intro')}</p>
          <TextField
            label={t('recusal.reason')}
            value={reason}
            onChange={setReason}
            rows={3}
            maxLength={2000}
            error={err('reason')}
            required
          />
        </>
      )}
    </ActionForm>
  );
}

/** Why the viewer may not act on the case (第二十条). */
export function RecusalNotice({ ground }: { ground: 'OWN_CASE' | 'DECLARED' }) {
  return (
    <p className="notice" role="status">
      {t(ground === 'OWN_CASE' ? 'recusal.ownApplication' : 'recusal.declared')}
    </p>
  );
}
