// The API client: bearer token from the session, JSON in and out, every refusal as an ApiError that
// carries the problem+json (field errors included) so the page can show it next to its cause.
export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly article?: string,
    readonly reasons: { code: string; article: string; message: string }[] = [],
    /** An import refused: what is wrong in each row of the file. */
    readonly rows: { row: number; column: string; message: string }[] = [],
  ) {
    super(title);
  }
  /** The error for a form field (`body.comment` → `comment`). */
  forField(name: string): string | undefined {
    return this.errors.find((e) => e.field === `body.${name}` || e.field.startsWith(`body.${name}.`))?.message;
  }
}

/** The request never got an answer (network down, server unreachable): worth a retry. */
export class NetworkError extends Error {}

const TOKEN_KEY = 'zfz.token';
export const tokenStore = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (t: string) => sessionStorage.setItem(TOKEN_KEY, t),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/**
 * Called once when the API answers 401 to a request that carried a token (it expired, or was
 * revoked): true when the session renewed it and the request should be sent again.
 */
let onUnauthorized: (() => Promise<boolean>) | undefined;
export const setUnauthorizedHandler = (handler: typeof onUnauthorized) => {
  onUnauthorized = handler;
};

export interface RequestOptions {
  body?: unknown;
  /** Raw bytes (file upload) instead of JSON. */
  file?: File;
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

export async function request<T = any>(
  method: string,
  path: string,
  opts: RequestOptions = {},
  retried = false,
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    ...(opts.headers ?? {}),
  };
  const token = tokenStore.get();
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  let body: BodyInit | undefined;
  if (opts.file) {
    body = opts.file;
    headers['content-type'] = opts.file.type || 'application/octet-stream';
    headers['x-file-name'] = encodeURIComponent(opts.file.name);
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body });
  } catch {
    throw new NetworkError('network');
  }
  if (res.status === 401 && token && !retried && onUnauthorized && (await onUnauthorized()))
    return request<T>(method, path, opts, true);
  return answer<T>(res.status, res.statusText, await res.text());
}

/** The body of an answer, or its problem+json as an ApiError. */
function answer<T>(status: number, statusText: string, text: string): T {
  const json = text ? safeJson(text) : undefined;
  if (status < 200 || status >= 300) {
    const p = (json ?? {}) as Record<string, any>;
    throw new ApiError(
      status,
      p.code ?? `HTTP_${status}`,
      p.title ?? statusText,
      p.detail ?? '',
      p.errors ?? [],
      p.article,
      p.reasons ?? [],
      p.rows ?? [],
    );
  }
  return json as T;
}

/**
 * Sends a file with the share of it sent so far reported to `onProgress` (0–1): a large import shows
 * its upload moving. XMLHttpRequest, because fetch reports no upload progress.
 */
export async function uploadWithProgress<T>(path: string, file: File, onProgress: (sent: number) => void): Promise<T> {
  try {
    return await sendWithProgress<T>(path, file, onProgress);
  } catch (err) {
    // As request(): an expired session is renewed once, then the file is sent again.
    if (err instanceof ApiError && err.status === 401 && tokenStore.get() && onUnauthorized && (await onUnauthorized()))
      return sendWithProgress<T>(path, file, onProgress);
    throw err;
  }
}

function sendWithProgress<T>(path: string, file: File, onProgress: (sent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    const token = tokenStore.get();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new NetworkError('network'));
    xhr.onload = () => {
      try {
        resolve(answer<T>(xhr.status, xhr.statusText, xhr.responseText));
      } catch (err) {
        reject(err);
      }
    };
    xhr.send(file);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An authenticated file (materials, exports, photos, the printed card); a refusal as an ApiError. */
export async function fetchFile(path: string, retried = false): Promise<Blob> {
  const token = tokenStore.get();
  let res: Response;
  try {
    res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new NetworkError('network');
  }
  // As request(): an expired session is renewed once, then the file is asked for again.
  if (res.status === 401 && token && !retried && onUnauthorized && (await onUnauthorized()))
    return fetchFile(path, true);
  if (!res.ok) answer(res.status, res.statusText, await res.text());
  return res.blob();
}

/** Downloads an authenticated file through a temporary object URL. */
export async function download(path: string, fileName: string): Promise<void> {
  const url = URL.createObjectURL(await fetchFile(path));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const newKey = () => crypto.randomUUID();
