// Issue #12 §6 "plausible values only", over HTTP against the real stack: impossible dates, more than
// 24 training hours on one day (also when the records race), and names with nothing visible in them
// are refused naming the field, and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckDigit } from '../../domain/id-number';
import { addDays, localDateOf } from '../../domain/time';
import { startTestStack, type TestStack } from '../support/stack';
import { complaintSubmission } from '../support/security/world';

let s: TestStack;
let admin: string;
let seq = 700;

beforeAll(async () => {
  s = await startTestStack({
    env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '1000', COMPLAINT_INTAKE_RATE_LIMIT_PER_HOUR: '1000' },
  });
  admin = await s.token('agency_admin');
});
afterAll(async () => {
  await s?.stop();
});

const today = () => localDateOf(new Date()); // Asia/Shanghai
const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

function idNumber(birth: string): string {
  const first17 = `330106${birth.replace(/-/g, '')}${String(seq++).padStart(3, '0')}`;
  return first17 + idNumberCheckDigit(first17);
}

/** A new officer of 西湖区综合行政执法局, registered over HTTP. */
async function newOfficer(): Promise<string> {
  const birth = '1990-03-01';
  const r = await s.call('POST', '/api/officers', {
    token: admin,
    body: { name: `合理${seq}`, idNumber: idNumber(birth), birthDate: birth },
  });
  expect(r.status).toBe(201);
  return r.body.id;
}

// Invisible on their own: zero-width space / non-joiner / joiner, word joiner, soft hyphen, Hangul
// filler, braille blank, combining grapheme joiner, variation selector; and plain whitespace.
const INVISIBLE = [
  '\u200B',
  '\u200C\u200D',
  '\u2060\u2060',
  '\u00AD',
  '\u3164',
  '\u2800',
  '\u034F',
  '\uFE0F',
  ' \u200B ',
  '\u3000\u200B',
];

describe('dates that cannot be true (Asia/Shanghai days)', () => {
  it('a birth date in the future or before 1900 → 400 naming body.birthDate; nothing registered', async () => {
    const before = await s.t.db.officer.count();
    for (const birthDate of [addDays(today(), 1), '1899-12-31']) {
      const r = await s.call('POST', '/api/officers', {
        token: admin,
        body: { name: '未来人', idNumber: idNumber(birthDate), birthDate },
      });
      expect(r.status, birthDate).toBe(400);
      expect(fields(r.body), birthDate).toEqual(['body.birthDate']);
    }
    expect(await s.t.db.officer.count()).toBe(before);
    // The edges themselves are plausible.
    for (const birthDate of ['1900-01-01', today()]) {
      const r = await s.call('POST', '/api/officers', {
        token: admin,
        body: { name: '边界', idNumber: idNumber(birthDate), birthDate },
      });
      expect(r.status, birthDate).toBe(201);
    }
  });

  it('第四条: an exam taken tomorrow → 400 naming body.takenOn, and it does not make the officer eligible', async () => {
    const officerId = await newOfficer();
    const r = await s.call('POST', `/api/officers/${officerId}/exam-results`, {
      token: admin,
      body: { type: 'COMPREHENSIVE', passed: true, score: 90, takenOn: addDays(today(), 1) },
    });
    expect(r.status).toBe(400);
    expect(fields(r.body)).toEqual(['body.takenOn']);
    expect(await s.t.db.examResult.count({ where: { officerId } })).toBe(0);
    const eligibility = await s.call('GET', `/api/officers/${officerId}/eligibility?kind=INITIAL`, { token: admin });
    expect(eligibility.status).toBe(200);
    expect(eligibility.body.eligible).toBe(false);
    // Taken today is fine.
    expect(
      (
        await s.call('POST', `/api/officers/${officerId}/exam-results`, {
          token: admin,
          body: { type: 'COMPREHENSIVE', passed: true, score: 90, takenOn: today() },
        })
      ).status,
    ).toBe(201);
  });

  it('第五条: an exemption granted tomorrow → 400 naming body.grantedOn', async () => {
    const officerId = await newOfficer();
    const r = await s.call('POST', `/api/officers/${officerId}/exemptions`, {
      token: admin,
      body: { ground: 'LEGAL_PROFESSION', proof: '法律职业资格证书 A2026', grantedOn: addDays(today(), 1) },
    });
    expect(r.status).toBe(400);
    expect(fields(r.body)).toEqual(['body.grantedOn']);
    expect(await s.t.db.exemption.count({ where: { officerId } })).toBe(0);
  });
});

describe('第十五条: at most 24 training hours per officer and day', () => {
  const record = (officerId: string, takenOn: string, hours: number) =>
    s.call('POST', `/api/officers/${officerId}/training-records`, {
      token: admin,
      body: {
        takenOn,
        hours,
        category: 'PUBLIC_LAW',
        mode: 'CENTRALIZED',
        scope: 'COMPREHENSIVE',
        organiser: '西湖区司法局',
      },
    });
  const hoursOn = async (officerId: string, takenOn: string) =>
    (await s.t.db.trainingRecord.findMany({ where: { officerId, takenOn: new Date(`${takenOn}T00:00:00Z`) } })).reduce(
      (sum, r) => sum + r.hours,
      0,
    );

  it('records adding up to more than 24 hours on one day → 422 naming body.hours and 第十五条; another day is fine', async () => {
    const officerId = await newOfficer();
    const day = addDays(today(), -3);
    expect((await record(officerId, day, 20)).status).toBe(201);
    const over = await record(officerId, day, 4.5);
    expect(over.status).toBe(422);
    expect(over.headers.get('content-type')).toContain('application/problem+json');
    expect(over.body).toMatchObject({ code: 'TRAINING_DAY_OVER_24_HOURS', article: '第十五条' });
    expect(fields(over.body)).toEqual(['body.hours']);
    expect(await hoursOn(officerId, day)).toBe(20);
    expect((await record(officerId, day, 4)).status).toBe(201); // exactly 24
    expect((await record(officerId, addDays(day, 1), 24)).status).toBe(201);
  });

  it('concurrent records of one officer and day cannot pass 24 hours together (checked under a lock)', async () => {
    const officerId = await newOfficer();
    const day = addDays(today(), -1);
    const answers = await Promise.all(Array.from({ length: 12 }, () => record(officerId, day, 2.5)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((x) => x === 201)).toHaveLength(9); // 9 × 2.5 = 22.5; a 10th would make 25
    expect(statuses.filter((x) => x === 422)).toHaveLength(3);
    expect(await hoursOn(officerId, day)).toBe(22.5);
  });
});

describe('names with nothing visible in them', () => {
  it('an officer’s name → 400 naming body.name; nothing registered', async () => {
    const before = await s.t.db.officer.count();
    for (const name of INVISIBLE) {
      const r = await s.call('POST', '/api/officers', {
        token: admin,
        body: { name, idNumber: idNumber('1991-01-01'), birthDate: '1991-01-01' },
      });
      expect(r.status, JSON.stringify(name)).toBe(400);
      expect(fields(r.body), JSON.stringify(name)).toEqual(['body.name']);
    }
    expect(await s.t.db.officer.count()).toBe(before);
    const visible = await s.call('POST', '/api/officers', {
      token: admin,
      body: { name: ' 王\u200B芳 ', idNumber: idNumber('1991-01-01'), birthDate: '1991-01-01' },
    });
    expect(visible.status).toBe(201);
    expect(visible.body.name).toBe('王\u200B芳');
  });

  it('第二十八条: a complainant’s name and an officer named in a complaint → 400 naming the field; nothing filed', async () => {
    const agency = await s.t.db.organisation.findFirstOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } });
    const submission = (extra: object) => ({ ...complaintSubmission(agency.id, '330106-2023-00001'), ...extra });
    const before = await s.t.db.complaint.count();
    for (const name of INVISIBLE) {
      const complainant = await s.call('POST', '/api/public/complaints', {
        body: submission({ complainant: { kind: 'ORGANISATION', anonymous: false, name, contact: '13900001111' } }),
      });
      expect(complainant.status, JSON.stringify(name)).toBe(400);
      expect(fields(complainant.body), JSON.stringify(name)).toContain('body.complainant.name');
      const subject = await s.call('POST', '/api/public/complaints', {
        body: submission({ subjects: [{ name, agencyId: agency.id }] }),
      });
      expect(subject.status, JSON.stringify(name)).toBe(400);
      expect(fields(subject.body), JSON.stringify(name)).toContain('body.subjects.0.name');
    }
    expect(await s.t.db.complaint.count()).toBe(before);
  });

  it('第十三条: a training’s organiser → 400 naming body.organiser', async () => {
    const officerId = await newOfficer();
    for (const organiser of INVISIBLE) {
      const r = await s.call('POST', `/api/officers/${officerId}/training-records`, {
        token: admin,
        body: {
          takenOn: today(),
          hours: 1,
          category: 'PUBLIC_LAW',
          mode: 'CENTRALIZED',
          scope: 'COMPREHENSIVE',
          organiser,
        },
      });
      expect(r.status, JSON.stringify(organiser)).toBe(400);
      expect(fields(r.body), JSON.stringify(organiser)).toEqual(['body.organiser']);
    }
    expect(await s.t.db.trainingRecord.count({ where: { officerId } })).toBe(0);
  });
});
