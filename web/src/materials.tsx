// Materials (申请材料, 投诉材料) listed with their size, previewed in the page — a PDF in a frame, an
// image as itself — and downloaded (issue #16 §3: reviewers and handlers read materials without
// leaving the task). The file is fetched with the reader's token, so the preview shows exactly what
// the API lets them read.
import { useEffect, useState } from 'react';
import { download, fetchFile } from './api';
import { t } from './i18n';
import { Field, ProblemAlert, useSubmit } from './ui';

export interface Material {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}

const previewable = (type: string) => type === 'application/pdf' || type.startsWith('image/');

export function Materials({ items, path }: { items: Material[]; path(id: string): string }) {
  const [open, setOpen] = useState<string | null>(null);
  const fetching = useSubmit((m: Material) => download(path(m.id), m.fileName));
  if (items.length === 0) return <p>{t('common.none')}</p>;
  return (
    <>
      <ProblemAlert error={fetching.error} />
      <ul className="materials">
        {items.map((m) => (
          <li key={m.id}>
            {m.fileName}（{Math.ceil(m.size / 1024)} KB）{' '}
            {previewable(m.contentType) && (
              <button
                type="button"
                className="link"
                aria-expanded={open === m.id}
                onClick={() => setOpen(open === m.id ? null : m.id)}
              >
                {open === m.id ? t('materials.hide') : t('materials.preview')}
              </button>
            )}{' '}
            <button type="button" className="link" onClick={() => void fetching.run(m)}>
              {t('task.download')}
            </button>
            {open === m.id && <Preview material={m} path={path(m.id)} />}
          </li>
        ))}
      </ul>
    </>
  );
}

function Preview({ material, path }: { material: Material; path: string }) {
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let objectUrl: string | undefined;
    let live = true;
    fetchFile(path).then(
      (blob) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(blob.type ? blob : new Blob([blob], { type: material.contentType }));
        setUrl(objectUrl);
      },
      (e) => live && setError(e),
    );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [path, material.contentType]);
  if (error) return <ProblemAlert error={error} />;
  if (!url) return <p aria-busy="true">{t('common.loading')}</p>;
  return material.contentType.startsWith('image/') ? (
    <img className="preview" src={url} alt={t('materials.alt', { name: material.fileName })} />
  ) : (
    <iframe className="preview" src={url} title={t('materials.alt', { name: material.fileName })} />
  );
}

/**
 * Choosing materials to upload (PDF, JPG, PNG; several at once): the files go to `onFiles`, and the
 * input is cleared so the same file can be chosen again after a refusal.
 */
export function MaterialFiles({
  label,
  busy,
  onFiles,
}: {
  label: string;
  busy: boolean;
  onFiles(files: File[]): void;
}) {
  return (
    <Field label={label}>
      {(id) => (
        <input
          id={id}
          type="file"
          multiple
          accept="application/pdf,image/jpeg,image/png"
          disabled={busy}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length) onFiles(files);
          }}
        />
      )}
    </Field>
  );
}
