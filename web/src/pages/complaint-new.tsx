// The public complaint form (第二十八条): no login, anonymous allowed; it answers with a receipt code
// for the status page.
import { useState } from 'react';
import { Link } from 'react-router';
import { request } from '../api';
import { t } from '../i18n';
import { Field, ProblemAlert, useAsync, useKeyedSend, useSubmit, TextField } from '../ui';

interface Organ {
  id: string;
  name: string;
  type: string;
}

export function ComplaintNew() {
  const organs = useAsync(() => request<{ items: Organ[] }>('GET', '/api/public/complaint-organs'), []);
  const [f, setF] = useState({
    organisationId: '',
    kind: 'PERSON',
    anonymous: true,
    name: '',
    contact: '',
    certificateNumber: '',
    facts: '',
    occurredAt: '',
    place: '',
  });
  const [receipt, setReceipt] = useState<{ number: string; receiptCode: string }>();
  const send = useKeyedSend();
  const set = (patch: Partial<typeof f>) => setF((x) => ({ ...x, ...patch }));
  const submit = useSubmit(async () => {
    const r = await send((idempotencyKey) =>
      request<{ number: string; receiptCode: string }>('POST', '/api/public/complaints', {
        idempotencyKey,
        body: {
          organisationId: f.organisationId,
          complainant: {
            kind: f.kind,
            anonymous: f.anonymous,
            ...(f.anonymous ? {} : { name: f.name.trim() }),
            ...(f.contact.trim() ? { contact: f.contact.trim() } : {}),
          },
          subjects: [{ certificateNumber: f.certificateNumber.trim() }],
          facts: f.facts.trim(),
          occurredAt: f.occurredAt ? new Date(f.occurredAt).toISOString() : '',
          place: f.place.trim(),
        },
      }),
    );
    setReceipt(r);
  });
  if (receipt) {
    return (
      <section className="narrow">
        <h1>{t('complaint.received')}</h1>
        <p>{t('complaint.keepCode')}</p>
        <p className="receipt" data-testid="receipt-code">
          {receipt.receiptCode}
        </p>
        <p>
          {t('complaint.number')}：{receipt.number}
        </p>
        <ReceiptActions code={receipt.receiptCode} />
        <Link className="button no-print" to={`/complaints/status/${receipt.receiptCode}`}>
          {t('complaint.checkStatus')}
        </Link>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t('complaint.newTitle')}</h1>
      <p className="hint">{t('complaint.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run();
        }}
      >
        <Field label={t('complaint.organ')} error={submit.fieldError('organisationId')}>
          {(id, err) => (
            <select
              id={id}
              aria-describedby={err}
              required
              value={f.organisationId}
              onChange={(e) => set({ organisationId: e.target.value })}
            >
              <option value="">—</option>
              {organs.data?.items.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="check">
          <input type="checkbox" checked={f.anonymous} onChange={(e) => set({ anonymous: e.target.checked })} />{' '}
          {t('complaint.anonymous')}
        </label>
        {!f.anonymous && (
          <Field label={t('complaint.name')} error={submit.fieldError('complainant.name')}>
            {(id, err) => (
              <input
                id={id}
                aria-describedby={err}
                required
                maxLength={100}
                value={f.name}
                onChange={(e) => set({ name: e.target.value })}
              />
            )}
          </Field>
        )}
        <Field
          label={f.anonymous ? t('complaint.contactOptional') : t('complaint.contact')}
          error={submit.fieldError('complainant.contact')}
        >
          {(id, err) => (
            <input
              id={id}
              aria-describedby={err}
              required={!f.anonymous}
              maxLength={200}
              value={f.contact}
              onChange={(e) => set({ contact: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('complaint.certificate')} error={submit.fieldError('subjects')}>
          {(id, err) => (
            <input
              id={id}
              aria-describedby={err}
              required
              maxLength={64}
              value={f.certificateNumber}
              onChange={(e) => set({ certificateNumber: e.target.value })}
            />
          )}
        </Field>
        <TextField
          label={t('complaint.facts')}
          value={f.facts}
          onChange={(value) => set({ facts: value })}
          rows={5}
          maxLength={5000}
          minLength={10}
          error={submit.fieldError('facts')}
          hint={t('complaint.factsHint')}
          required
        />
        <Field label={t('complaint.occurredAt')} error={submit.fieldError('occurredAt')}>
          {(id, err) => (
            <input
              id={id}
              aria-describedby={err}
              type="datetime-local"
              required
              value={f.occurredAt}
              onChange={(e) => set({ occurredAt: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('complaint.place')} error={submit.fieldError('place')}>
          {(id, err) => (
            <input
              id={id}
              aria-describedby={err}
              required
              maxLength={200}
              value={f.place}
              onChange={(e) => set({ place: e.target.value })}
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

/** The receipt code kept as the complainant prefers: copied, or printed (the page prints without its navigation). */
function ReceiptActions({ code }: { code: string }) {
  const [copied, setCopied] = useState<boolean>();
  return (
    <div className="toolbar no-print">
      <button
        type="button"
        className="secondary"
        onClick={() =>
          navigator.clipboard.writeText(code).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {t('complaint.copyCode')}
      </button>
      <button type="button" className="secondary" onClick={() => window.print()}>
        {t('complaint.printReceipt')}
      </button>
      <span role="status">
        {copied === true && t('complaint.copied')}
        {copied === false && t('complaint.copyFailed')}
      </span>
    </div>
  );
}
