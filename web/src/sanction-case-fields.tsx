// The fields of a 暂扣 / 收缴 case (第二十九条): its type and its grounds. The decision form and a
// complaint's proposal (第二十八条) ask the same.
import { SANCTION_GROUNDS, SANCTION_TYPES } from '../../domain/sanction-grounds';
import { label, t } from './i18n';
import { Field } from './ui';

export function SanctionTypeField({ value, onChange }: { value: string; onChange(v: string): void }) {
  return (
    <Field label={t('sanctions.type')}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          {SANCTION_TYPES.map((s) => (
            <option key={s} value={s}>
              {label(s)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function GroundsField({
  value,
  onChange,
  error,
}: {
  value: number[];
  onChange(v: number[]): void;
  error?: string;
}) {
  const toggle = (g: number) => onChange(value.includes(g) ? value.filter((y) => y !== g) : [...value, g].sort());
  return (
    <fieldset className={error ? 'has-error' : ''}>
      <legend>{t('sanctions.grounds')}</legend>
      {Object.entries(SANCTION_GROUNDS).map(([n, text]) => (
        <label key={n} className="check">
          <input type="checkbox" checked={value.includes(Number(n))} onChange={() => toggle(Number(n))} /> （{n}）{text}
        </label>
      ))}
      {error && <small className="field-error">{error}</small>}
    </fieldset>
  );
}
