// The fixtures of the authorisation matrix: the seeded demo data, plus what the matrix needs to put
// each role in and out of scope — a second agency admin (上城区), a city outside 杭州 (宁波, where
// only the province reaches), a second staffing office — and fresh officers, certificates,
// applications and sanctions made for one cell each, so no cell depends on another's effect.
import crypto from 'node:crypto';
import { demoIdNumber } from '../../../prisma/seed';
import type { TestStack } from '../stack';

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

export interface Identity {
  name: string;
  idNumber: string;
  birthDate: string;
}

export interface World {
  s: TestStack;
  token(username: string): Promise<string>;
  userId(username: string): Promise<string>;
  org: { xihu: string; shangcheng: string; ningbo: string };
  officer: { zhang: string; li: string; wang: string; ningbo: string };
  cert: { zhang: string; wang: string; ningbo: string };
  /** A new, valid ID number and birth date (never registered yet). */
  identity(): Identity;
  /** A fresh officer of `org` with the comprehensive exam passed (第四条): eligible to apply. */
  eligibleOfficer(org: keyof World['org']): Promise<{ id: string } & Identity>;
  /** A fresh officer of `org` holding an ACTIVE certificate. */
  certificate(org: keyof World['org']): Promise<{ number: string; officerId: string } & Identity>;
  /** A submitted INITIAL application of `org` (by its agency admin) and its open first-level task. */
  application(org: 'xihu' | 'shangcheng'): Promise<{ id: string; taskId: string }>;
  /** A sanction decided by the city bureau over HTTP (delivered now unless `pending`); one delivered sanction per card. */
  sanction(certificateNumber: string, opts?: { pending?: boolean }): Promise<string>;
  /** A sanction row on the 宁波 certificate (outside the city bureau's region). */
  ningboSanction(): Promise<string>;
  /** The training/exam tasks (第三十条) of a suspension. */
  sanctionTask(sanctionId: string): Promise<string>;
  /** An attachment uploaded by the agency admin `username`. */
  attachment(username: string): Promise<string>;
  /** The first row `find` returns, waiting for the worker to write it. */
  eventually<T>(find: () => Promise<T | null>): Promise<T>;
}

export async function buildWorld(s: TestStack): Promise<World> {
  const db = s.t.db;
  const orgId = (name: string) => db.organisation.findUniqueOrThrow({ where: { name } }).then((o) => o.id);
  const officerId = (name: string) => db.officer.findFirstOrThrow({ where: { name } }).then((o) => o.id);

  // 宁波: a city outside 杭州, so that city-level roles have something out of their region.
  await db.region.create({ data: { code: '330200', name: '宁波市', level: 'CITY', parentCode: '330000' } });
  const ningbo = await db.organisation.create({ data: { name: '宁波市综合行政执法局', type: 'AGENCY', level: 'CITY', regionCode: '330200', agencyKind: 'GOVERNMENT_BODY', system: '综合行政执法' } });
  const shangcheng = await orgId('杭州市上城区卫生健康局');
  const shangchengStaffing = await db.organisation.create({ data: { name: '上城区委机构编制委员会办公室', type: 'STAFFING_OFFICE', level: 'DISTRICT', regionCode: '330102' } });
  await db.user.createMany({
    data: [
      { username: 'shangcheng_admin', displayName: '上城区卫健局管理员', roles: ['AGENCY_ADMIN'], organisationId: shangcheng },
      { username: 'ningbo_admin', displayName: '宁波执法局管理员', roles: ['AGENCY_ADMIN'], organisationId: ningbo.id },
      { username: 'shangcheng_staffing_office', displayName: '上城区编办联络员', roles: ['STAFFING_OFFICE'], organisationId: shangchengStaffing.id },
    ],
  });

  let seq = 200;
  const tokens = new Map<string, Promise<string>>();
  const token = (u: string) => tokens.get(u) ?? tokens.set(u, s.token(u)).get(u)!;
  const org = { xihu: await orgId('杭州市西湖区综合行政执法局'), shangcheng, ningbo: ningbo.id };
  const adminOf = { xihu: 'agency_admin', shangcheng: 'shangcheng_admin' } as const;

  const identity = (): Identity => {
    const n = seq++;
    const birthDate = '1990-01-01';
    return { name: `夹具${n}`, idNumber: demoIdNumber(birthDate, n), birthDate };
  };
  const newOfficer = async (o: keyof typeof org, exam: boolean) => {
    const who = identity();
    const row = await db.officer.create({
      data: {
        name: who.name,
        idNumber: who.idNumber,
        birthDate: new Date(`${who.birthDate}T00:00:00Z`),
        organisationId: org[o],
        examResults: exam ? { create: { type: 'COMPREHENSIVE', passed: true, takenOn: new Date('2025-05-10T00:00:00Z') } } : undefined,
      },
    });
    return { id: row.id, ...who };
  };
  const certificate = async (o: keyof typeof org) => {
    const officer = await newOfficer(o, true);
    const number = `FX-${officer.idNumber.slice(-6)}`;
    await db.certificate.create({
      data: { number, officerId: officer.id, organisationId: org[o], issuedOn: new Date('2024-06-01T00:00:00Z'), events: { create: { type: 'IMPORTED', toStatus: 'ACTIVE', reason: '测试夹具', article: '第四条' } } },
    });
    return { number, officerId: officer.id, ...officer };
  };
  const eventually = async <T>(find: () => Promise<T | null>): Promise<T> => {
    for (let i = 0; i < 200; i++) {
      const row = await find();
      if (row) return row;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('fixture never appeared');
  };
  const ok = (r: { status: number; body: any }, status: number, what: string) => {
    if (r.status !== status) throw new Error(`fixture ${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  const delivered = new Map<string, Promise<string>>();
  const decide = async (certificateNumber: string, opts: { pending?: boolean }) => {
    const body = { certificateNumber, type: 'SUSPENSION', grounds: [1], facts: '测试夹具', ...(opts.pending ? {} : { deliveredAt: new Date().toISOString() }) };
    return ok(await s.call('POST', '/api/sanctions', { token: await token('sanction_officer'), body }), 201, 'sanction').id as string;
  };

  const world: World = {
    s,
    token,
    userId: (u) => db.user.findUniqueOrThrow({ where: { username: u } }).then((x) => x.id),
    org,
    officer: { zhang: await officerId('张伟'), li: await officerId('李娜'), wang: await officerId('王强'), ningbo: '' },
    cert: { zhang: '330106-2023-00001', wang: '330102-2022-00007', ningbo: '' },
    identity,
    eligibleOfficer: (o) => newOfficer(o, true),
    certificate,
    eventually,
    async application(o) {
      const officer = await newOfficer(o, true);
      const r = ok(await s.call('POST', '/api/applications', { token: await token(adminOf[o]), body: { officerId: officer.id, kind: 'INITIAL' } }), 201, 'application');
      const task = await eventually(() => db.reviewTask.findFirst({ where: { applicationId: r.id, status: 'OPEN' } }));
      return { id: r.id, taskId: task.id };
    },
    sanction(certificateNumber, opts = {}) {
      if (!opts.pending && delivered.has(certificateNumber)) return delivered.get(certificateNumber)!;
      const made = decide(certificateNumber, opts);
      if (!opts.pending) delivered.set(certificateNumber, made);
      return made;
    },
    async ningboSanction() {
      const cert = await db.certificate.findUniqueOrThrow({ where: { number: world.cert.ningbo } });
      const id = crypto.randomUUID();
      await db.sanction.create({ data: { id, certificateId: cert.id, type: 'SUSPENSION', grounds: [1], facts: '测试夹具', decidedById: await world.userId('province_sanction_officer'), decidedAt: new Date(), workflowId: `sanction-fixture-${id}` } });
      return id;
    },
    sanctionTask: (sanctionId) => eventually(() => db.sanctionTask.findFirst({ where: { sanctionId } })).then((t) => t.id),
    async attachment(username) {
      const res = await fetch(`${s.baseUrl}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${await token(username)}`, 'content-type': 'application/pdf', 'x-file-name': 'fixture.pdf' }, body: Buffer.from('%PDF-1.4\n测试夹具') });
      return ok({ status: res.status, body: await res.json() }, 201, 'attachment').id;
    },
  };
  const ningboCard = await certificate('ningbo');
  world.cert.ningbo = ningboCard.number;
  world.officer.ningbo = ningboCard.officerId;
  return world;
}
