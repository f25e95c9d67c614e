// Bearer tokens (api/auth.ts): every way a token can be wrong is refused with problem+json, and
// only a token of an existing, active user in its organisation, with roles that organisation can
// hold, is accepted.
import { SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack';
import { expectProblem } from '../support/security/problem';

let s: TestStack;
let officer: { id: string; organisationId: string };
beforeAll(async () => {
  s = await startTestStack();
  officer = await s.t.db.user.findUniqueOrThrow({ where: { username: 'officer' } });
});
afterAll(async () => {
  await s?.stop();
});

const now = () => Math.floor(Date.now() / 1000);

/** A token for the seeded officer, with `claims` changed (undefined removes one) and signed as told. */
async function token(
  claims: Partial<Record<keyof JWTPayload | 'roles' | 'org', unknown>> = {},
  sign: { secret?: string; alg?: string } = {},
) {
  const payload: Record<string, unknown> = {
    sub: officer.id,
    roles: ['OFFICER'],
    org: officer.organisationId,
    iss: s.config.JWT_ISSUER,
    aud: s.config.JWT_AUDIENCE,
    iat: now(),
    exp: now() + 3600,
    ...claims,
  };
  for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
  return new SignJWT(payload)
    .setProtectedHeader({ alg: sign.alg ?? 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(sign.secret ?? s.config.jwtSecret));
}

const me = (bearer: string) => s.call('GET', '/api/me', { headers: { authorization: `Bearer ${bearer}` } });

describe('tokens: each defect is a 401 problem+json (api/auth.ts)', () => {
  it('a well-formed token of the seeded officer is accepted (the baseline of the cases below)', async () => {
    const r = await me(await token());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ username: 'officer', roles: ['OFFICER'] });
  });

  it.each([
    ['expired', { exp: now() - 60 }],
    ['not yet valid (nbf in the future)', { nbf: now() + 600 }],
    ['without a roles claim', { roles: undefined }],
    ['without an organisation claim', { org: undefined }],
    ['without a subject', { sub: undefined }],
    ['without an expiry', { exp: undefined }],
    ['with an empty roles claim', { roles: [] }],
    ['with a role that does not exist', { roles: ['ROOT'] }],
    ['of a user not in the database', { sub: '00000000-0000-4000-8000-000000000000' }],
    ['naming another organisation than the user’s', { org: '00000000-0000-4000-8000-000000000000' }],
    ['claiming a role the user does not hold', { roles: ['SANCTION_OFFICER'] }],
    ['from another issuer', { iss: 'someone-else' }],
    ['for another audience', { aud: 'another-api' }],
  ])('a token %s → 401', async (_name, claims) => {
    expectProblem(await me(await token(claims)), 401, 'UNAUTHENTICATED');
  });

  it('a token signed with another secret → 401', async () => {
    expectProblem(
      await me(await token({}, { secret: 'another-secret-of-at-least-thirty-two-characters' })),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('an unsigned token (alg: none) → 401', async () => {
    const unsigned = new UnsecuredJWT({ roles: ['OFFICER'], org: officer.organisationId })
      .setSubject(officer.id)
      .setIssuer(s.config.JWT_ISSUER)
      .setAudience(s.config.JWT_AUDIENCE)
      .setExpirationTime('1h')
      .encode();
    expect(unsigned.split('.')[2]).toBe('');
    expectProblem(await me(unsigned), 401, 'UNAUTHENTICATED');
  });

  it('a token signed with the right secret but another algorithm (HS512) → 401: only HS256 is accepted', async () => {
    expectProblem(await me(await token({}, { alg: 'HS512' })), 401, 'UNAUTHENTICATED');
  });

  it('a token of a deactivated user → 401, though it is signed and unexpired', async () => {
    const t = await token();
    await s.t.db.user.update({ where: { id: officer.id }, data: { active: false } });
    try {
      expectProblem(await me(t), 401, 'UNAUTHENTICATED');
    } finally {
      await s.t.db.user.update({ where: { id: officer.id }, data: { active: true } });
    }
  });

  it('a token that is not a bearer token, or not a JWT → 401', async () => {
    for (const authorization of [
      'Basic b2ZmaWNlcjpwYXNzd29yZA==',
      `Token ${await token()}`,
      'Bearer',
      'Bearer not.a.jwt',
    ]) {
      expectProblem(await s.call('GET', '/api/me', { headers: { authorization } }), 401, 'UNAUTHENTICATED');
    }
  });

  it('a token in the query string is not a credential → 401', async () => {
    expectProblem(await s.call('GET', `/api/me?access_token=${await token()}`), 401, 'UNAUTHENTICATED');
  });
});

describe('roles and organisations (domain/roles.ts)', () => {
  it('a role the user’s organisation can never hold (CITY_REVIEWER at a district bureau) → 403, though the user row holds it', async () => {
    const bureau = await s.t.db.organisation.findFirstOrThrow({
      where: { type: 'JUSTICE_BUREAU', level: 'DISTRICT', regionCode: '330106' },
    });
    const misissued = await s.t.db.user.create({
      data: {
        username: 'misissued_reviewer',
        displayName: '错配角色',
        roles: ['CITY_REVIEWER'],
        organisationId: bureau.id,
      },
    });
    const t = await token({ sub: misissued.id, roles: ['CITY_REVIEWER'], org: bureau.id });
    expectProblem(await me(t), 403, 'OUT_OF_SCOPE');
  });

  it('every refusal of a token is written to the audit log as DENIED', async () => {
    const before = await s.t.db.auditLog.count({ where: { outcome: 'DENIED', action: 'GET /api/me' } });
    await me(await token({ exp: now() - 60 }));
    await me('not.a.jwt');
    expect(await s.t.db.auditLog.count({ where: { outcome: 'DENIED', action: 'GET /api/me' } })).toBe(before + 2);
  });
});
