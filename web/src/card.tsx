// The certificate card in the web UI (issue #16 §4): the officer's 证件照 for staff, its upload (with
// the application or on the officer's record; the API checks it again), and 打印证件 for the agency
// and the bureaus over it. A photo is shown as a data: URL — the pages' CSP allows images from the
// site and data: only, and the photo needs the bearer token, so it cannot be a plain <img src>.
import { useEffect, useState } from 'react';
import { download, fetchFile, request } from './api';
import { t } from './i18n';
import { useSession } from './session';
import { Field, ProblemAlert, useSubmit } from './ui';

const PHOTO_TYPES = ['image/jpeg', 'image/png'];
const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
/** Who prints a card (api/routes/certificate-card.ts CARD_PRINTERS). */
const CARD_PRINTERS = ['AGENCY_ADMIN', 'DISTRICT_REVIEWER', 'CITY_REVIEWER', 'PROVINCE_REVIEWER'];

const asDataUrl = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });

/** The officer's photo, or a note that there is none yet; `version` reloads it after an upload. */
export function OfficerPhoto({
  officer,
  version = 0,
}: {
  officer: { id: string; name: string; hasPhoto: boolean };
  version?: number;
}) {
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (!officer.hasPhoto) return;
    let live = true;
    fetchFile(`/api/officers/${officer.id}/photo`)
      .then(asDataUrl)
      .then((url) => live && setSrc(url))
      .catch((err: unknown) => live && setError(err));
    return () => {
      live = false;
    };
  }, [officer.id, officer.hasPhoto, version]);
  if (!officer.hasPhoto) return <p className="hint">{t('card.noPhoto')}</p>;
  return (
    <>
      <ProblemAlert error={error} />
      {src && <img className="photo" src={src} alt={t('card.photoOf', { name: officer.name })} />}
    </>
  );
}

/** Uploads a new photo for the officer (checked here for type and size first, then by the API). */
export function PhotoUpload({ officerId, onDone }: { officerId: string; onDone(): void }) {
  const [wrong, setWrong] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const upload = useSubmit(async (file: File) => {
    await request('POST', `/api/officers/${officerId}/photo`, { file });
    setDone(true);
    onDone();
  });
  const choose = (file: File | undefined) => {
    setDone(false);
    if (!file) return;
    const problem = !PHOTO_TYPES.includes(file.type)
      ? t('card.photoWrongType')
      : file.size > PHOTO_MAX_BYTES
        ? t('card.photoTooLarge')
        : null;
    setWrong(problem);
    if (!problem) void upload.run(file);
  };
  return (
    <>
      <Field label={t('card.uploadPhoto')}>
        {(id) => (
          <input
            id={id}
            type="file"
            accept={PHOTO_TYPES.join(',')}
            disabled={upload.busy}
            onChange={(e) => choose(e.target.files?.[0])}
          />
        )}
      </Field>
      {wrong && (
        <p className="alert" role="alert">
          {wrong}
        </p>
      )}
      <ProblemAlert error={upload.error} />
      {done && (
        <p className="ok" role="status">
          {t('card.photoUploaded')}
        </p>
      )}
    </>
  );
}

/** 打印证件: the card's PDF, for the agency and the bureaus over it; nothing for anyone else. */
export function PrintCard({ number }: { number: string }) {
  const { has } = useSession();
  const print = useSubmit(() =>
    download(`/api/certificates/${encodeURIComponent(number)}/card.pdf`, `行政执法证-${number}.pdf`),
  );
  if (!has(...CARD_PRINTERS)) return null;
  return (
    <>
      <button type="button" title={t('card.printHint')} disabled={print.busy} onClick={() => void print.run()}>
        {t('card.print')} {number}
      </button>
      <ProblemAlert error={print.error} />
    </>
  );
}
