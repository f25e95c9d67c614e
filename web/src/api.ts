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
  const text = await res.text();
  const json = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const p = (json ?? {}) as Record<string, any>;
    throw new ApiError(
      res.status,
      p.code ?? `HTTP_${res.status}`,
      p.title ?? res.statusText,
      p.detail ?? '',
      p.errors ?? [],
      p.article,
      p.reasons ?? [],
    );
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Downloads an authenticated file (materials) through a temporary object URL. */
export async function download(path: string, fileName: string): Promise<void> {
  const token = tokenStore.get();
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, res.statusText, '');
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const newKey = () => crypto.randomUUID();
