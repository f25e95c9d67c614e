// What a person has typed survives a sign-in in the middle of it (issue #14 §2): before the browser
// leaves for the provider, the page's form fields are kept for this tab (sessionStorage), and put
// back when the same page shows its forms again after the sign-in.
const DRAFT = 'zfz.draft';
type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

interface Draft {
  path: string;
  /** Per form on the page (in document order), its fields' values in order. */
  forms: (string | boolean | null)[][];
}

const fieldsOf = (form: HTMLFormElement): Field[] =>
  [...form.elements].filter(
    (e): e is Field =>
      e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement || e instanceof HTMLSelectElement,
  );

const keepable = (f: Field) => !(f instanceof HTMLInputElement && ['file', 'password', 'hidden'].includes(f.type));

/** Keeps the current page's forms; false when nothing has been typed. */
export function saveDraft(path: string): boolean {
  const forms = [...document.forms].map((form) =>
    fieldsOf(form).map((f) =>
      !keepable(f)
        ? null
        : f instanceof HTMLInputElement && ['checkbox', 'radio'].includes(f.type)
          ? f.checked
          : f.value,
    ),
  );
  if (!forms.some((values) => values.some((v) => v !== null && v !== '' && v !== false))) return false;
  sessionStorage.setItem(DRAFT, JSON.stringify({ path, forms } satisfies Draft));
  return true;
}

/** A draft is waiting for the sign-in to finish. */
export const hasDraft = () => sessionStorage.getItem(DRAFT) !== null;

/**
 * Puts a kept draft back once the page at `path` has rendered its forms (pages load their data
 * first, so this waits for them, at most 15 s). Resolves true when it restored something.
 */
export function restoreDraft(path: string): Promise<boolean> {
  const draft = JSON.parse(sessionStorage.getItem(DRAFT) ?? 'null') as Draft | null;
  if (!draft || draft.path !== path) return Promise.resolve(false);
  return new Promise((resolve) => {
    const attempt = () => {
      if (document.forms.length < draft.forms.length) return false;
      sessionStorage.removeItem(DRAFT);
      draft.forms.forEach((values, i) => {
        fieldsOf(document.forms[i]).forEach(
          (f, j) => values[j] !== undefined && values[j] !== null && fill(f, values[j]),
        );
      });
      return true;
    };
    if (attempt()) return resolve(true);
    const observer = new MutationObserver(() => {
      if (attempt()) {
        observer.disconnect();
        clearTimeout(timer);
        resolve(true);
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const timer = setTimeout(() => (observer.disconnect(), resolve(false)), 15_000);
  });
}

/** Sets a field as if typed, so React's state sees it (its value setter, then the event React listens to). */
function fill(f: Field, value: string | boolean): void {
  if (f instanceof HTMLInputElement && ['checkbox', 'radio'].includes(f.type)) {
    if (f.checked !== value) f.click();
    return;
  }
  const proto = Object.getPrototypeOf(f) as object;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(f, String(value));
  f.dispatchEvent(new Event(f instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}
