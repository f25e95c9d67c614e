// Arbitrary input against the live API: fast-check bodies on a representative set of routes, and
// schemathesis generating requests from /openapi.json for every operation, each under a role that
// may call it. Whatever arrives, the answer is never a 5xx, never carries a stack trace or SQL, and
// every 4xx is problem+json (DESIGN.md "Errors and bad input").
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../domain/roles';
import { MATRIX, USER_OF } from '../support/security/authz-matrix';
import { leaksIn } from '../support/security/problem';
import { fuzz, type Exchange } from '../support/security/schemathesis';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
let doc: { paths: Record<string, Record<string, unknown>> } & Record<string, unknown>;
beforeAll(async () => {
  s = await startTestStack({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' } });
  doc = (await s.call('GET', '/openapi.json')).body;
});
afterAll(async () => {
  await s?.stop();
});

/** What is wrong with one answer: a 5xx, a leak, or a 4xx that is not problem+json. */
function defects(x: Exchange): string[] {
  const found = leaksIn(x.body);
  if (x.status >= 500) found.push(`status ${x.status}`);
  if (x.status >= 400 && !x.contentType.includes('application/problem+json'))
    found.push(`${x.status} as ${x.contentType || 'no content type'}`);
  return found.map((d) => `${x.method} ${x.url} → ${d}: ${x.body.slice(0, 300)}`);
}

const BODY_ROUTES: ReadonlyArray<[user: string, path: string]> = [
  ['agency_admin', '/api/officers'],
  ['agency_admin', '/api/applications'],
  ['agency_admin', '/api/officers/transfer-in'],
  ['agency_admin', '/api/team-check'],
  ['sanction_officer', '/api/sanctions'],
  ['sanction_officer', '/api/sanction-referrals'],
  ['district_reviewer', '/api/review-tasks/00000000-0000-4000-8000-000000000000/decision'],
  ['agency_admin', '/api/certificates/330106-2023-00001/cancellation'],
];

describe('arbitrary bodies on the live API (fast-check)', () => {
  it.each(BODY_ROUTES)(
    'POST %s %s: any JSON value, or any text, is refused with a 400 problem+json naming the field — never a 5xx',
    async (user, path) => {
      const token = await s.token(user);
      const send = async (raw: string) => {
        const res = await fetch(s.baseUrl + path, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: raw,
        });
        return {
          method: 'POST',
          url: path,
          status: res.status,
          contentType: res.headers.get('content-type') ?? '',
          body: await res.text(),
        };
      };
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.jsonValue().map((v) => JSON.stringify(v)),
            fc.string(),
          ),
          async (raw) => {
            const x = await send(raw);
            expect(defects(x)).toEqual([]);
            expect(x.status).toBe(400);
            const problem = JSON.parse(x.body);
            expect(['VALIDATION_FAILED', 'INVALID_JSON']).toContain(problem.code);
            if (problem.code === 'VALIDATION_FAILED')
              expect(problem.errors.every((e: { field: string }) => /^body(\.|$)/.test(e.field))).toBe(true);
          },
        ),
        { numRuns: 40 },
      );
    },
  );
});

describe('schema-driven fuzzing of every operation (schemathesis)', () => {
  it('no 5xx, no stack trace or SQL in any body, every 4xx problem+json — each operation fuzzed under a role allowed to call it', async () => {
    // One run per role: the operations that role may call (the first role the matrix allows), so
    // requests get past the role check into validation and the handlers.
    const byUser = new Map<string | undefined, Record<string, Record<string, unknown>>>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const roles = MATRIX[`${method.toUpperCase()} ${path}`]?.roles;
        const user = roles === 'public' || !roles ? undefined : USER_OF[(roles as readonly Role[])[0]];
        const paths = byUser.get(user) ?? byUser.set(user, {}).get(user)!;
        (paths[path] ??= {})[method] = op;
      }
    }
    const exchanges: Exchange[] = [];
    // The system admin's run goes last: it may deactivate users and organisations (第三条), which
    // would turn the other runs' requests into 401s before they reach the handlers.
    const runs = [...byUser].sort(([a], [b]) => Number(a === 'system_admin') - Number(b === 'system_admin'));
    for (const [user, paths] of runs) {
      const run = await fuzz({
        document: { ...doc, paths },
        baseUrl: s.baseUrl,
        token: user ? await s.token(user) : undefined,
        examples: 10,
        seconds: 60,
      });
      expect(
        run.exchanges.length,
        `${user ?? 'public'}: schemathesis made no request\n${run.output.slice(-2000)}`,
      ).toBeGreaterThan(0);
      exchanges.push(...run.exchanges);
    }
    const operations = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(exchanges.length).toBeGreaterThan(operations * 5);
    expect(exchanges.flatMap(defects)).toEqual([]);
  }, 240_000);
});
