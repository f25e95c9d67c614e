// Input an attacker would try, over HTTP against the real stack (issue #12 §1–§2). Each of these
// reached PostgreSQL before: a NUL wedged the process (its activity retried for ever) or got a 500;
// an extreme date or cursor got a 500; `%` and `_` matched everything. Now each is a 400 naming the
// field, nothing is written, and the same process takes its next legitimate action.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, complaintSubmission, UNKNOWN_ID, type World } from '../support/security/world';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
let w: World;
beforeAll(async () => {
  s = await startTestStack({
    env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '10000', COMPLAINT_INTAKE_RATE_LIMIT_PER_HOUR: '10000' },
  });
  w = await buildWorld(s);
});
afterAll(async () => {
  await s?.stop();
});

const NUL = 'a\u0000b';
const cursorOf = (v: string, id: string) => Buffer.from(JSON.stringify([v, id])).toString('base64url');

/** A 400 problem+json naming `field` (and answered at once: a wedged request never answers). */
async function refused(r: Promise<{ status: number; body: any; headers: Headers }>, field: string) {
  const a = await r;
  expect([a.status, a.headers.get('content-type')?.split(';')[0]], JSON.stringify(a.body)).toEqual([
    400,
    'application/problem+json',
  ]);
  expect(a.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  // The message says what is wrong, in Chinese, and never echoes the character.
  expect(a.body.errors.find((e: { field: string }) => e.field === field).message).not.toContain('\u0000');
}

describe('hostile text is refused where it enters, naming the field (§1)', () => {
  it('第六条: an application whose note holds a NUL → 400 body.note, nothing submitted; the same officer’s application is then accepted', async () => {
    const token = await w.token('agency_admin');
    const officer = await w.eligibleOfficer('xihu');
    await refused(
      s.call('POST', '/api/applications', { token, body: { officerId: officer.id, kind: 'INITIAL', note: NUL } }),
      'body.note',
    );
    expect(await s.t.db.application.count({ where: { officerId: officer.id } })).toBe(0);
    expect(
      (
        await s.call('POST', '/api/applications', {
          token,
          body: { officerId: officer.id, kind: 'INITIAL', note: '材料齐全' },
        })
      ).status,
    ).toBe(201);
  });

  it('第七条: a decision whose comment holds a NUL → 400 body.comment; the task is then decided', async () => {
    const app = await w.application('xihu');
    const token = await w.token('district_reviewer');
    await refused(
      s.call('POST', `/api/review-tasks/${app.taskId}/decision`, {
        token,
        body: { decision: 'RETURN', comment: `请补充${NUL}` },
      }),
      'body.comment',
    );
    expect(
      (await s.call('POST', `/api/review-tasks/${app.taskId}/decision`, { token, body: { decision: 'APPROVE' } }))
        .status,
    ).toBe(200);
  });

  it('第二十八条: information added by receipt code with a NUL (no login needed) → 400 body.text; the complaint still takes information and acceptance', async () => {
    const c = await w.complaint('AWAITING_ACCEPTANCE');
    await refused(
      s.call('POST', `/api/public/complaints/${c.receiptCode}/information`, { body: { text: `补充${NUL}` } }),
      'body.text',
    );
    expect(
      (
        await s.call('POST', `/api/public/complaints/${c.receiptCode}/information`, {
          body: { text: '现场有监控录像' },
        })
      ).status,
    ).toBe(201);
    const handler = await w.userId('complaint_handler');
    const accepted = await s.call('POST', `/api/complaints/${c.id}/accept`, {
      token: await w.token('complaint_handler'),
      body: { investigatorId: handler },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  });

  it('第二十九条 / 第三十二条: sanction facts and a 复核 reason with a NUL → 400 naming them', async () => {
    const card = await w.certificate('xihu');
    await refused(
      s.call('POST', '/api/sanctions', {
        token: await w.token('sanction_officer'),
        body: { certificateNumber: card.number, type: 'SUSPENSION', grounds: [1], facts: NUL },
      }),
      'body.facts',
    );
    await refused(
      s.call('POST', `/api/sanctions/${UNKNOWN_ID}/review`, {
        token: await w.token('officer'),
        body: { reason: `不服${NUL}` },
      }),
      'body.reason',
    );
    expect(await s.t.db.sanction.count({ where: { certificate: { number: card.number } } })).toBe(0);
  });

  it('bidi overrides, lone surrogates and control characters anywhere in a body; a file name with an RLO', async () => {
    const token = await w.token('agency_admin');
    const officer = await w.eligibleOfficer('xihu');
    for (const proof of ['\u202Egpj.exe', 'x\uD800', 'x\u001B[2J']) {
      await refused(
        s.call('POST', `/api/officers/${officer.id}/exemptions`, {
          token,
          body: { ground: 'LEGAL_PROFESSION', proof, grantedOn: '2024-01-01' },
        }),
        'body.proof',
      );
    }
    const upload = await fetch(`${s.baseUrl}/api/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/pdf',
        'x-file-name': encodeURIComponent('证明\u202Efdp.exe'),
      },
      body: Buffer.from('%PDF-1.4\n测试'),
    });
    expect([upload.status, ((await upload.json()) as { errors?: { field: string }[] }).errors?.[0]?.field]).toEqual([
      400,
      'header.X-File-Name',
    ]);
  });
});

describe('odd input that got a 500 (§2)', () => {
  it('a NUL in a path or a search parameter → 400 naming it', async () => {
    await refused(s.call('GET', '/api/public/certificates/a%00b'), 'params.number');
    await refused(s.call('GET', '/api/officers?q=a%00b', { token: await w.token('agency_admin') }), 'query.q');
    await refused(s.call('GET', '/api/review-tasks?q=a%00b', { token: await w.token('district_reviewer') }), 'query.q');
    await refused(s.call('GET', '/api/public/complaint-organs?q=a%00b'), 'query.q');
  });

  it('第十八条: a team check naming a number with a NUL → 400', async () => {
    await refused(
      s.call('POST', '/api/team-check', {
        token: await w.token('agency_admin'),
        body: { action: 'INVESTIGATION', members: [{ certificateNumber: NUL }, { certificateNumber: w.cert.zhang }] },
      }),
      'body.members.0.certificateNumber',
    );
  });

  it('第二十八条: a complaint that happened in the year 0 → 400 body.occurredAt, nothing stored', async () => {
    const before = await s.t.db.complaint.count();
    await refused(
      s.call('POST', '/api/public/complaints', {
        body: { ...complaintSubmission(w.org.xihu, w.cert.zhang), occurredAt: '0000-01-01T00:00:00Z' },
      }),
      'body.occurredAt',
    );
    expect(await s.t.db.complaint.count()).toBe(before);
  });

  it('a cursor whose instant PostgreSQL cannot store, or whose id is not an id → 400 query.cursor', async () => {
    const token = await w.token('district_reviewer');
    for (const cursor of [
      cursorOf('-271821-04-20T00:00:00.000Z', UNKNOWN_ID),
      cursorOf('2026-01-01T00:00:00.000Z', '\u0000'),
      cursorOf('2026-01-01T00:00:00.000Z', "x' OR 1=1 --"),
    ]) {
      await refused(s.call('GET', `/api/review-tasks?cursor=${cursor}`, { token }), 'query.cursor');
      await refused(
        s.call('GET', `/api/applications?cursor=${cursor}`, { token: await w.token('agency_admin') }),
        'query.cursor',
      );
    }
  });

  it('`%` and `_` in a search mean themselves, not "anything"', async () => {
    const token = await w.token('agency_admin');
    const all = (await s.call('GET', '/api/officers', { token })).body.items.length;
    expect(all).toBeGreaterThan(1);
    for (const q of ['%', '_', '%%', '\\']) {
      const r = await s.call('GET', `/api/officers?q=${encodeURIComponent(q)}`, { token });
      expect([q, r.status, r.body.items.length]).toEqual([q, 200, 0]);
    }
    const organs = await s.call('GET', `/api/public/complaint-organs?q=${encodeURIComponent('%')}`);
    expect([organs.status, organs.body.items?.length ?? organs.body.length]).toEqual([200, 0]);
  });
});
