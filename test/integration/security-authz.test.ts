// The authorisation matrix over the live API: every route of /openapi.json, called with no token,
// with every role, and in and out of each role's scope (DESIGN.md "Who uses it"; a request outside
// one's scope is refused), and every list's contents against the scope of its detail route. The
// expectations are in test/support/security/authz-matrix.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../domain/roles';
import { MATRIX, USER_OF, type Cell, type Entry, type Req } from '../support/security/authz-matrix';
import type { Answer } from '../support/security/problem';
import { buildWorld, type World } from '../support/security/world';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
let w: World;
let documented: string[];
let rolesOf: Map<string, Role[]>;
beforeAll(async () => {
  // Complaint fixtures are filed through the public intake: no hourly limit gets in the way.
  s = await startTestStack({
    env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '10000', COMPLAINT_INTAKE_RATE_LIMIT_PER_HOUR: '10000' },
  });
  w = await buildWorld(s);
  const doc = (await s.call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );
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
    headers: {
      'content-type': req.file.contentType,
      'x-file-name': req.file.fileName,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
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

const isList = (r: Answer) => r.status === 200 && Array.isArray(r.body?.items);

/** Every item of a list, following `nextCursor` to the last page. */
async function allItems(user: string | null, req: Req, first: Answer): Promise<unknown[]> {
  const items = [...first.body.items];
  for (let next = first.body.nextCursor, pages = 1; next; pages++) {
    if (pages > 200) throw new Error(`${req.path}: more than 200 pages`);
    const r = await send('GET', user, {
      path: `${req.path}${req.path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(next)}`,
    });
    if (!isList(r)) throw new Error(`${req.path}: page ${pages + 1} answered ${r.status}`);
    items.push(...r.body.items);
    next = r.body.nextCursor;
  }
  return items;
}

/** What a list cell found wrong: an in-scope fixture missing, or an out-of-scope one listed. */
async function contentVerdicts(route: string, entry: Entry, c: Cell, req: Req, r: Answer): Promise<string[]> {
  if (!c.items || r.status !== c.status) return [];
  const at = `${route} as ${c.user ?? 'anonymous'} (${c.why})`;
  if (!isList(r)) return [`${at}: expected a list with items, got ${JSON.stringify(r.body).slice(0, 200)}`];
  const ids = new Set(
    (await allItems(c.user, req, r)).map((item) => (entry.itemId ? entry.itemId(item) : (item as { id: string }).id)),
  );
  return [
    ...(c.items.present ?? []).filter((id) => !ids.has(id)).map((id) => `${at}: in scope but not listed: ${id}`),
    ...(c.items.absent ?? []).filter((id) => ids.has(id)).map((id) => `${at}: out of scope but listed: ${id}`),
  ];
}

describe('authorisation matrix', () => {
  it('every route of the OpenAPI document has an entry, and every entry a route (a new route fails here until it has one)', () => {
    expect(
      documented.filter((k) => !(k in MATRIX)),
      'routes without an entry in test/support/security/authz-matrix.ts',
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((k) => !documented.includes(k)),
      'entries of routes that no longer exist',
    ).toEqual([]);
  });

  it.each(Object.keys(MATRIX))(
    '%s: no token → 401, roles not allowed → 403, allowed roles in and out of scope as listed (a list: its items too)',
    async (route) => {
      if (!documented.includes(route)) throw new Error(`${route} is not in /openapi.json`);
      const entry = MATRIX[route];
      const method = route.split(' ')[0];
      const req = await entry.req(w);
      const denials: Cell[] =
        entry.roles === 'public'
          ? []
          : [
              { user: null, status: 401, why: 'no token' },
              ...ROLES.filter((r) => !(entry.roles as readonly Role[]).includes(r)).map((r): Cell => ({
                user: USER_OF[r],
                status: 403,
                why: `${r} may not call it`,
              })),
            ];
      const cells = await entry.cells(w, req);
      if (entry.roles !== 'public') {
        const tested = new Set(cells.flatMap((c) => (c.user ? (rolesOf.get(c.user) ?? []) : [])));
        expect(
          entry.roles.filter((r) => !tested.has(r)),
          'allowed roles without a cell',
        ).toEqual([]);
      }
      const failures = (
        await Promise.all(
          denials.map(async (c) =>
            verdict(route, c.user ?? 'anonymous', c.why, c.status, await send(method, c.user, req)),
          ),
        )
      ).filter(Boolean);
      // In order: a fixture may be changed by its cell (a decision, a withdrawal) and is used last.
      let listed = false;
      for (const c of cells) {
        const r = await send(method, c.user, c.req ?? req);
        listed ||= isList(r);
        failures.push(
          verdict(route, c.user ?? 'anonymous', c.why, c.status, r),
          ...(await contentVerdicts(route, entry, c, c.req ?? req, r)),
        );
      }
      expect(failures.filter(Boolean)).toEqual([]);
      // A list states, for every role allowed to read it, which fixtures it shows and which it must not.
      if (listed && entry.roles !== 'public') {
        const checked = new Set(
          cells.filter((c) => c.items).flatMap((c) => (c.user ? (rolesOf.get(c.user) ?? []) : [])),
        );
        expect(
          entry.roles.filter((r) => !checked.has(r)),
          `${route}: allowed roles without a cell saying which items are listed`,
        ).toEqual([]);
      }
    },
  );
});
