// The one place that tells "a dependency is down: retry later" (503) from a defect (500), on the
// error shapes PostgreSQL, the Prisma adapter, Prisma and Temporal really produce (seen in
// test/integration/fault-postgres-outage.test.ts).
import { describe, expect, it } from 'vitest';
import { Prisma } from '../../generated/prisma/client';
import { toProblem } from '../../api/problem';
import { errorKind, errorLabel, unavailableDependency } from '../../infra/error-kind';

const adapterError = (cause: object) =>
  Object.assign(new Error(String((cause as { originalMessage?: string }).originalMessage ?? 'x')), {
    name: 'DriverAdapterError',
    cause,
  });
const prismaError = (code: string, driverAdapterError?: Error) =>
  new Prisma.PrismaClientKnownRequestError('Invalid `db.user.findUnique()` invocation', {
    code,
    clientVersion: '7',
    meta: driverAdapterError ? { driverAdapterError } : undefined,
  });

describe('dependency unavailable → 503', () => {
  it.each([
    [
      'PostgreSQL starting up, wrapped by Prisma (P2039 + adapter 57P03)',
      prismaError(
        'P2039',
        adapterError({ originalCode: '57P03', originalMessage: 'the database system is starting up' }),
      ),
    ],
    [
      'a session cut by a fast shutdown (57P01)',
      prismaError(
        'P2039',
        adapterError({ originalCode: '57P01', originalMessage: 'terminating connection due to administrator command' }),
      ),
    ],
    [
      'connection refused (adapter kind DatabaseNotReachable)',
      prismaError('P2039', adapterError({ kind: 'DatabaseNotReachable' })),
    ],
    ['a transaction that could not start in time (P2028)', prismaError('P2028')],
    ['pg inside a transaction: Connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['a socket error', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
  ])('%s → the database', (_what, err) => {
    expect(unavailableDependency(err)).toBe('the database');
    const p = toProblem(err)!;
    expect([p.status, p.code, p.extra.retryAfterSeconds]).toEqual([503, 'SERVICE_UNAVAILABLE', 5]);
  });

  it('Temporal gRPC UNAVAILABLE → the workflow engine', () => {
    expect(
      unavailableDependency(
        Object.assign(new Error('14 UNAVAILABLE: connection refused'), { name: 'ServiceError', code: 14 }),
      ),
    ).toBe('the workflow engine');
  });

  it('a defect or a rule is not "unavailable": unique violation, bad SQL, a plain error stay 500', () => {
    expect(unavailableDependency(prismaError('P2002'))).toBeUndefined();
    expect(
      unavailableDependency(
        prismaError('P2039', adapterError({ originalCode: '42P01', originalMessage: 'relation does not exist' })),
      ),
    ).toBeUndefined();
    expect(toProblem(new Error('boom'))).toBeUndefined();
  });
});

// Activities (activities/failures.ts) retry only what may succeed next time: data the database
// refuses fails the same way on every attempt, so it is final (issue: a NUL wedged processes).
describe('error kinds: data errors are final, conflicts and outages retried', () => {
  it.each([
    [
      'a NUL in text (22021), as Prisma 7 wraps it',
      prismaError('P2010', adapterError({ originalCode: '22021', kind: 'postgres', code: '22021' })),
      'data',
      'SQLSTATE 22021',
    ],
    [
      'a date PostgreSQL cannot store (22008)',
      prismaError('P2010', adapterError({ originalCode: '22008', kind: 'postgres' })),
      'data',
      'SQLSTATE 22008',
    ],
    [
      'an unexpected unique violation (23505)',
      prismaError('P2002', adapterError({ originalCode: '23505', kind: 'UniqueConstraintViolation' })),
      'data',
      'SQLSTATE 23505',
    ],
    ['a value too long (Prisma P2000)', prismaError('P2000'), 'data', 'PrismaClientKnownRequestError P2000'],
    [
      'a plain pg error of class 22',
      Object.assign(new Error('invalid input syntax'), { code: '22P02' }),
      'data',
      'SQLSTATE 22P02',
    ],
    [
      'a serialization failure (40001)',
      prismaError('P2010', adapterError({ originalCode: '40001', kind: 'postgres' })),
      'transient',
      'SQLSTATE 40001',
    ],
    [
      'a deadlock (40P01)',
      Object.assign(new Error('deadlock detected'), { code: '40P01' }),
      'transient',
      'SQLSTATE 40P01',
    ],
    [
      'the database starting up (57P03)',
      prismaError(
        'P2039',
        adapterError({ originalCode: '57P03', originalMessage: 'the database system is starting up' }),
      ),
      'unavailable',
      'SQLSTATE 57P03',
    ],
    ['a bug', new TypeError('x is undefined'), 'unknown', 'TypeError'],
  ])('%s', (_what, err, kind, label) => {
    expect([errorKind(err), errorLabel(err)]).toEqual([kind, label]);
  });

  it('the label never carries the message, which may quote a person’s data', () => {
    const err = prismaError(
      'P2002',
      adapterError({ originalCode: '23505', originalMessage: 'Key (name)=(张伟) already exists' }),
    );
    expect(errorLabel(err)).not.toContain('张伟');
  });
});
