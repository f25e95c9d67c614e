// The authorisation matrix over the live API: every route of /openapi.json, called with no token,
// with every role, and in and out of each role's scope (DESIGN.md "Who uses it"; a request outside
// one's scope is refused). The expectations are in test/support/security/authz-matrix.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../domain/roles';
import { MATRIX, USER_OF, type Cell, type Req } from '../support/security/authz-matrix';
import type { Answer } from '../support/security/problem';
import { buildWorld, type World } from '../support/security/world';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
let w: World;
let documented: string[];
let rolesOf: Map<string, Role[]>;
beforeAll(async () => {
  // Complaint fixtures are filed through the public intake: no hourly limit gets in the way.
  s = await startTestStack({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '10000', COMPLAINT_INTAKE_RATE_LIMIT_PER_HOUR: '10000' } });
  w = await buildWorld(s);
  const doc = (await s.call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  rolesOf = new Map((await s.t.db.user.findMany()).map((u) => [u.username, u.roles as Role[]]));
});
afterAll(async () => {
  await s?.stop();
});

async function send(method: string, user: string | null, req: Req): Promise<Answer> {
  const token = user ? await w.token(user) : undefined;
  if (!req.file) return s.call(method, req.path, { token, body: req.body ?? (method === 'GET' ? undefined : {}) });
  const res = await fetch(s.baseUrl + req.path, {
    method,
    headers: { 'content-type': req.file.contentType, 'x-file-name': req.file.fileName, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: req.file.data,
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

/** What went wrong with one cell, or nothing. */
function verdict(route: string, who: string, why: string, want: number, r: Answer): string | undefined {
  const problemJson = (r.headers.get('content-type') ?? '').includes('application/problem+json');
  if (r.status === want && (want < 400 || problemJson)) return undefined;
  return `${route} as ${who} (${why}): expected ${want}, got ${r.status} ${problemJson ? '' : '(not problem+json) '}${JSON.stringify(r.body).slice(0, 200)}`;
}

describe('authorisation matrix', () => {
  it('every route of the OpenAPI document has an entry, and every entry a route (a new route fails here until it has one)', () => {
    expect(documented.filter((k) => !(k in MATRIX)), 'routes without an entry in test/support/security/authz-matrix.ts').toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !documented.includes(k)), 'entries of routes that no longer exist').toEqual([]);
  });

  it.each(Object.keys(MATRIX))('%s: no token → 401, roles not allowed → 403, allowed roles in and out of scope as listed', async (route) => {
    if (!documented.includes(route)) throw new Error(`${route} is not in /openapi.json`);
    const entry = MATRIX[route];
    const method = route.split(' ')[0];
    const req = await entry.req(w);
    const denials: Cell[] =
      entry.roles === 'public'
        ? []
        : [
            { user: null, status: 401, why: 'no token' },
            ...ROLES.filter((r) => !(entry.roles as readonly Role[]).includes(r)).map((r): Cell => ({ user: USER_OF[r], status: 403, why: `${r} may not call it` })),
          ];
    const cells = await entry.cells(w, req);
    if (entry.roles !== 'public') {
      const tested = new Set(cells.flatMap((c) => (c.user ? rolesOf.get(c.user) ?? [] : [])));
      expect(entry.roles.filter((r) => !tested.has(r)), 'allowed roles without a cell').toEqual([]);
    }
    const failures = (await Promise.all(denials.map(async (c) => verdict(route, c.user ?? 'anonymous', c.why, c.status, await send(method, c.user, req))))).filter(Boolean);
    // In order: a fixture may be changed by its cell (a decision, a withdrawal) and is used last.
    for (const c of cells) failures.push(verdict(route, c.user ?? 'anonymous', c.why, c.status, await send(method, c.user, c.req ?? req)));
    expect(failures.filter(Boolean)).toEqual([]);
  });
});
