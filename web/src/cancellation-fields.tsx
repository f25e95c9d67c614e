// The fields of a 注销 (第九条): ground and effective date, used by the officer's record and the
// clean-up's CANCEL resolution. The grounds come from domain/cancellation.ts.
import { useState } from 'react';
import { CANCELLATION_GROUNDS } from '../../domain/cancellation';
import { t, today } from './i18n';
import { Field } from './ui';

export function useCancellation(defaultGround = 'TRANSFER') {
  const [value, setValue] = useState({ ground: defaultGround, effectiveOn: today() });
  return { value, setValue };
}

export function CancellationFields({
  state,
  error,
}: {
  state: ReturnType<typeof useCancellation>;
  error: (name: string) => string | undefined;
}) {
  const { value, setValue } = state;
  return (
    <>
      <Field label={t('officer.ground')}>
        {(id) => (
          <select id={id} value={value.ground} onChange={(e) => setValue({ ...value, ground: e.target.value })}>
            {Object.entries(CANCELLATION_GROUNDS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('officer.effectiveOn')} error={error('effectiveOn')}>
        {(id, e) => (
          <input
            id={id}
            aria-describedby={e}
            type="date"
            required
            max={today()}
            value={value.effectiveOn}
            onChange={(ev) => setValue({ ...value, effectiveOn: ev.target.value })}
          />
        )}
      </Field>
    </>
  );
}
