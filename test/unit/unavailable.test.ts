// The one place that tells "a dependency is down: retry later" (503) from a defect (500), on the
// error shapes PostgreSQL, the Prisma adapter, Prisma and Temporal really produce (seen in
// test/integration/fault-postgres-outage.test.ts).
import { describe, expect, it } from 'vitest';
import { Prisma } from '../../generated/prisma/client';
import { toProblem } from '../../api/problem';
import { unavailableDependency } from '../../infra/error-kind';

const adapterError = (cause: object) => Object.assign(new Error(String((cause as { originalMessage?: string }).originalMessage ?? 'x')), { name: 'DriverAdapterError', cause });
const prismaError = (code: string, driverAdapterError?: Error) =>
  new Prisma.PrismaClientKnownRequestError('Invalid `db.user.findUnique()` invocation', { code, clientVersion: '7', meta: driverAdapterError ? { driverAdapterError } : undefined });

describe('dependency unavailable → 503', () => {
  it.each([
    ['PostgreSQL starting up, wrapped by Prisma (P2039 + adapter 57P03)', prismaError('P2039', adapterError({ originalCode: '57P03', originalMessage: 'the database system is starting up' }))],
    ['a session cut by a fast shutdown (57P01)', prismaError('P2039', adapterError({ originalCode: '57P01', originalMessage: 'terminating connection due to administrator command' }))],
    ['connection refused (adapter kind DatabaseNotReachable)', prismaError('P2039', adapterError({ kind: 'DatabaseNotReachable' }))],
    ['a transaction that could not start in time (P2028)', prismaError('P2028')],
    ['pg inside a transaction: Connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['a socket error', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
  ])('%s → the database', (_what, err) => {
    expect(unavailableDependency(err)).toBe('the database');
    const p = toProblem(err)!;
    expect([p.status, p.code, p.extra.retryAfterSeconds]).toEqual([503, 'SERVICE_UNAVAILABLE', 5]);
  });

  it('Temporal gRPC UNAVAILABLE → the workflow engine', () => {
    expect(unavailableDependency(Object.assign(new Error('14 UNAVAILABLE: connection refused'), { name: 'ServiceError', code: 14 }))).toBe('the workflow engine');
  });

  it('a defect or a rule is not "unavailable": unique violation, bad SQL, a plain error stay 500', () => {
    expect(unavailableDependency(prismaError('P2002'))).toBeUndefined();
    expect(unavailableDependency(prismaError('P2039', adapterError({ originalCode: '42P01', originalMessage: 'relation does not exist' })))).toBeUndefined();
    expect(toProblem(new Error('boom'))).toBeUndefined();
  });
});
