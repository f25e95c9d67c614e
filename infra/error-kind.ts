// What kind of failure an error is, in one place for the API and the activities: a dependency that is
// unreachable (retry later), a transient conflict (retry now), or data the database refuses (never
// retry: the same input fails the same way on every attempt).
//
// Which dependency an error says is unreachable — PostgreSQL (through pg, the Prisma adapter or
// Prisma itself) or Temporal (gRPC) — so that every route answers "retry later" (503) for it, never
// a 500. Errors arrive wrapped: Prisma's error → meta.driverAdapterError → its cause (the pg error's
// code and kind), or plain pg errors inside transactions; the whole chain is looked at.

// SQLSTATE: connection exceptions (class 08), shutdown / starting up (57P01–57P03), too many connections.
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
// Prisma: can't reach / timed out / server closed the connection / pool timeout / a transaction that
// could not start in time or whose connection died.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
// The adapter's names for a dead connection (@prisma/adapter-pg, mapSocketError and friends).
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const PG_MESSAGES =
  /Connection terminated|Can't reach database|connect ECONNREFUSED|the database system is (starting up|shutting down)|terminating connection due to/;

export type Dependency = 'the database' | 'the workflow engine';

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
}

function itself(e: ErrorLike): Dependency | undefined {
  const code = String(e.code ?? e.originalCode ?? '');
  const message = typeof e.message === 'string' ? e.message : '';
  if (PG_UNAVAILABLE.test(code) || SOCKET_CODES.has(code) || PRISMA_CODES.has(code)) return 'the database';
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return 'the database';
  if (PG_MESSAGES.test(message)) return 'the database';
  // gRPC UNAVAILABLE (14) and DEADLINE_EXCEEDED (4) are worth a retry; other Temporal errors are not.
  if (code === '14' || code === '4' || (e.name === 'ServiceError' && /UNAVAILABLE|DEADLINE_EXCEEDED/.test(message)))
    return 'the workflow engine';
  return undefined;
}

/** The dependency that `err` (or anything it wraps) says is unreachable; undefined for any other error. */
export function unavailableDependency(err: unknown, depth = 0): Dependency | undefined {
  if (!err || typeof err !== 'object' || depth > 8) return undefined;
  const e = err as ErrorLike;
  return (
    itself(e) ??
    unavailableDependency(e.meta?.driverAdapterError, depth + 1) ??
    unavailableDependency(e.cause, depth + 1)
  );
}

// SQLSTATE class 22 (data exception: a NUL in text, a date out of range, a value too long) and class
// 23 (integrity constraint violation: the code handles the ones it expects where they arise, so one
// that reaches here is unexpected).
const PG_DATA = /^2[23]...$/;
// Serialization failure, deadlock, lock not available: the same work succeeds when tried again.
const PG_TRANSIENT = /^(40001|40P01|55P03)$/;
// Prisma's own codes for a value the database cannot take, and for a write conflict or deadlock.
const PRISMA_DATA = new Set([
  'P2000',
  'P2002',
  'P2003',
  'P2004',
  'P2005',
  'P2006',
  'P2007',
  'P2009',
  'P2011',
  'P2012',
  'P2019',
  'P2020',
  'P2023',
  'P2033',
]);
const PRISMA_TRANSIENT = new Set(['P2034']);

export type ErrorKind = 'unavailable' | 'transient' | 'data' | 'unknown';

function sqlState(e: ErrorLike): string {
  const code = String(e.originalCode ?? e.code ?? '');
  return /^[0-9A-Z]{5}$/.test(code) ? code : '';
}

function kindOf(e: ErrorLike): ErrorKind | undefined {
  const state = sqlState(e);
  const code = String(e.code ?? '');
  if (PG_TRANSIENT.test(state) || PRISMA_TRANSIENT.has(code)) return 'transient';
  if (PG_DATA.test(state) || PRISMA_DATA.has(code) || e.name === 'PrismaClientValidationError') return 'data';
  return undefined;
}

function deepestKind(err: unknown, depth: number): ErrorKind | undefined {
  if (!err || typeof err !== 'object' || depth > 8) return undefined;
  const e = err as ErrorLike;
  // The innermost answer wins: Prisma's P2010 wraps the SQLSTATE that says what really happened.
  return deepestKind(e.meta?.driverAdapterError, depth + 1) ?? deepestKind(e.cause, depth + 1) ?? kindOf(e);
}

/** A unique key refused the write (Prisma's P2002, or SQLSTATE 23505 under a raw statement's P2010). */
export function isUniqueViolation(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 8) return false;
  const e = err as ErrorLike;
  return (
    e.code === 'P2002' ||
    sqlState(e) === '23505' ||
    isUniqueViolation(e.meta?.driverAdapterError, depth + 1) ||
    isUniqueViolation(e.cause, depth + 1)
  );
}

/** How `err` (or anything it wraps) should be treated: only `data` is certain to fail again. */
export function errorKind(err: unknown): ErrorKind {
  if (unavailableDependency(err)) return 'unavailable';
  return deepestKind(err, 0) ?? 'unknown';
}

/** A short, safe label of a database error for logs and the operators' list (never the message: it may quote values). */
export function errorLabel(err: unknown, depth = 0): string {
  if (!err || typeof err !== 'object' || depth > 8) return 'Error';
  const e = err as ErrorLike;
  const inner = e.meta?.driverAdapterError
    ? errorLabel(e.meta.driverAdapterError, depth + 1)
    : e.cause
      ? errorLabel(e.cause, depth + 1)
      : '';
  if (inner && inner !== 'Error') return inner;
  const state = sqlState(e);
  const prisma = typeof e.name === 'string' && e.name.startsWith('Prisma');
  if (state) return prisma ? `${e.name} ${state}` : `SQLSTATE ${state}`;
  return typeof e.name === 'string' && e.name ? e.name : 'Error';
}
