// Which dependency an error says is unreachable — PostgreSQL (through pg, the Prisma adapter or
// Prisma itself) or Temporal (gRPC) — so that every route answers "retry later" (503) for it, never
// a 500. Errors arrive wrapped: Prisma's error → meta.driverAdapterError → its cause (the pg error's
// code and kind), or plain pg errors inside transactions; the whole chain is looked at.

// SQLSTATE: connection exceptions (class 08), shutdown / starting up (57P01–57P03), too many connections.
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// Prisma: can't reach / timed out / server closed the connection / pool timeout / a transaction that
// could not start in time or whose connection died.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
// The adapter's names for a dead connection (@prisma/adapter-pg, mapSocketError and friends).
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const PG_MESSAGES = /Connection terminated|Can't reach database|connect ECONNREFUSED|the database system is (starting up|shutting down)|terminating connection due to/;

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
  if (code === '14' || code === '4' || (e.name === 'ServiceError' && /UNAVAILABLE|DEADLINE_EXCEEDED/.test(message))) return 'the workflow engine';
  return undefined;
}

/** The dependency that `err` (or anything it wraps) says is unreachable; undefined for any other error. */
export function unavailableDependency(err: unknown, depth = 0): Dependency | undefined {
  if (!err || typeof err !== 'object' || depth > 8) return undefined;
  const e = err as ErrorLike;
  return itself(e) ?? unavailableDependency(e.meta?.driverAdapterError, depth + 1) ?? unavailableDependency(e.cause, depth + 1);
}
