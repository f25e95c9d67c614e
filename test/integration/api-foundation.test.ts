// The API skeleton over real HTTP, with a real worker, Temporal dev server and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => {
  await s?.stop();
});

describe('system endpoints', () => {
  it('/healthz answers and /readyz reports PostgreSQL and Temporal ready', async () => {
    expect((await s.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await s.call('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ postgres: 'ok', temporal: 'ok' });
  });

  it('/openapi.json is an OpenAPI 3.1 document of every route, with a docs page', async () => {
    const doc = (await s.call('GET', '/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/healthz',
        '/readyz',
        '/api/me',
        '/api/certificates/{number}',
        '/api/sanctions',
        '/api/sanctions/{id}',
        '/api/dev/tokens',
      ]),
    );
    expect(doc.paths['/api/sanctions'].post.requestBody.content['application/json'].schema).toBeDefined();
    // A client learns from the document that any operation may answer 503 (a dependency down) as problem+json.
    const operations = Object.values(doc.paths as Record<string, Record<string, { responses: object }>>).flatMap(
      (ops) => Object.values(ops),
    );
    expect(operations.filter((op) => !('503' in op.responses))).toEqual([]);
    const docs = await fetch(`${s.baseUrl}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
  });

  it('/metrics exposes HTTP latency histograms and the worker’s Temporal SDK metrics in Prometheus format', async () => {
    await s.call('GET', '/healthz');
    const m = await s.call('GET', '/metrics');
    expect(m.headers.get('content-type')).toContain('text/plain');
    expect(m.body).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/healthz"/);
    expect(m.body).toMatch(/^temporal_\w+/m);
  });

  it('answers unknown routes and malformed JSON with problem+json, echoing a request id', async () => {
    const r = await s.call('GET', '/nope', { headers: { 'x-request-id': 'req-123' } });
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ status: 404, code: 'NOT_FOUND', title: '资源不存在', requestId: 'req-123' });
    const bad = await fetch(`${s.baseUrl}/api/dev/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'INVALID_JSON' });
  });
});

describe('field errors in Chinese (issue #16 §2)', () => {
  const HAN = /[\u4e00-\u9fff]/;
  it('a 400 names each wrong field with a Chinese message: an empty list, a missing field, an unknown choice', async () => {
    const sanction = await s.call('POST', '/api/sanctions', {
      token: await s.token('sanction_officer'),
      body: { certificateNumber: '330106-2023-00001', type: 'SUSPENSION', grounds: [], facts: '玩忽职守' },
    });
    expect(sanction.status).toBe(400);
    expect(sanction.body.errors).toContainEqual({ field: 'body.grounds', message: '至少 1 项' });
    const complaint = await s.call('POST', '/api/public/complaints', { body: { facts: '执法时态度恶劣，推搡群众。' } });
    expect(complaint.status).toBe(400);
    expect(complaint.body.errors).toContainEqual({ field: 'body.organisationId', message: '此项为必填项' });
    const application = await s.call('POST', '/api/applications', {
      token: await s.token('agency_admin'),
      body: { officerId: 'not-an-id', kind: 'PROMOTION' },
    });
    expect(application.status).toBe(400);
    expect(application.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'body.officerId', message: '编号无效' },
        { field: 'body.kind', message: '不在可选范围内' },
      ]),
    );
    for (const r of [sanction, complaint, application]) {
      expect(r.body.errors.length).toBeGreaterThan(0);
      for (const e of r.body.errors) expect(e.message, e.field).toMatch(HAN);
    }
  });
});

describe('web UI', () => {
  it('a browser gets the single-page app at any page path (QR links to /verify/<number>); assets are cached, the API keeps its problems', async () => {
    const page = await fetch(`${s.baseUrl}/verify/330106-2023-00001`, {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const js = await fetch(s.baseUrl + asset);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    const api = await fetch(`${s.baseUrl}/api/nope`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('authentication and scope', () => {
  it('a dev token for a seeded user identifies that user, role and organisation', async () => {
    const token = await s.token('district_reviewer');
    const me = await s.call('GET', '/api/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      username: 'district_reviewer',
      roles: ['DISTRICT_REVIEWER'],
      organisation: { regionCode: '330106', level: 'DISTRICT' },
    });
  });

  it('no token, a forged token or an expired one → 401 problem, and the refusal is audited', async () => {
    const before = await s.t.db.auditLog.count({ where: { outcome: 'DENIED' } });
    const none = await s.call('GET', '/api/me');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ code: 'UNAUTHENTICATED', title: '未登录或令牌无效' });
    const token = await s.token('officer');
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await s.call('GET', '/api/me', { token: forged })).status).toBe(401);
    const alien = await s.call('GET', '/api/me', { token: 'not-a-jwt' });
    expect(alien.status).toBe(401);
    expect(await s.t.db.auditLog.count({ where: { outcome: 'DENIED' } })).toBe(before + 3);
  });

  it('a role without the route → 403 OUT_OF_SCOPE, audited with the actor', async () => {
    const token = await s.token('officer');
    const r = await s.call('POST', '/api/sanctions', {
      token,
      body: { certificateNumber: '330106-2023-00001', type: 'SUSPENSION', grounds: [1], facts: 'x' },
    });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('OUT_OF_SCOPE');
    const officer = await s.t.db.user.findUniqueOrThrow({ where: { username: 'officer' } });
    expect(await s.t.db.auditLog.count({ where: { actorId: officer.id, outcome: 'DENIED' } })).toBe(1);
  });

  it('第二十五条: the full ID number only for the holder and the holder’s agency admin; masked for a reviewer', async () => {
    const full = (await s.call('GET', '/api/certificates/330106-2023-00002', { token: await s.token('agency_admin') }))
      .body.holder.idNumber;
    expect(full).toMatch(/^\d{17}[\dX]$/);
    const masked = (
      await s.call('GET', '/api/certificates/330106-2023-00002', { token: await s.token('district_reviewer') })
    ).body.holder.idNumber;
    expect(masked).toMatch(/^3301\*{12}[\dX]{2}$/);
  });

  it('a district reviewer reads certificates of its own district only (scope → 403)', async () => {
    const token = await s.token('district_reviewer'); // 西湖区司法局
    expect((await s.call('GET', '/api/certificates/330106-2023-00001', { token })).status).toBe(200);
    const other = await s.call('GET', '/api/certificates/330102-2022-00007', { token }); // 上城区
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('OUT_OF_SCOPE');
  });

  it('the audit log is append-only: the database refuses UPDATE and DELETE', async () => {
    await expect(s.t.db.$executeRawUnsafe('UPDATE "AuditLog" SET outcome = \'X\'')).rejects.toThrow(/append-only/);
    await expect(s.t.db.$executeRawUnsafe('DELETE FROM "AuditLog"')).rejects.toThrow(/append-only/);
  });
});
