// The fixtures of the authorisation matrix: the seeded demo data, plus what the matrix needs to put
// each role in and out of scope — a second agency admin (上城区), a city outside 杭州 (宁波, where
// only the province reaches), a second staffing office — and fresh officers, certificates,
// applications, sanctions, clean-up findings and complaints made for one cell each, so no cell
// depends on another's effect.
import crypto from 'node:crypto';
import { demoIdNumber } from '../../../prisma/seed';
import type { TestStack } from '../stack';
import { TINY_PNG } from '../photo';

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
/** The year of the clean-up run and tasks made directly in the database (its tasks: `World.cleanupTask`). */
export const CLEANUP_YEAR = 2019;

/** How far a complaint fixture is taken (its API status; EXTENSION_REQUESTED: investigating, extension asked). */
export type ComplaintStage =
  'AWAITING_ACCEPTANCE' | 'INVESTIGATING' | 'EXTENSION_REQUESTED' | 'AWAITING_FEEDBACK' | 'FEEDBACK_GIVEN' | 'CLOSED';
export interface Complaint {
  id: string;
  receiptCode: string;
  /** With `proposal`: the 暂扣 proposed to the city bureau with the result (第二十九条). */
  proposalId?: string;
  /** With `attachment`: a PDF the complainant added. */
  attachmentId?: string;
}

/** An anonymous complaint (第二十八条) to `organisationId` about the holder of `certificateNumber`. */
export const complaintSubmission = (organisationId: string, certificateNumber: string) => ({
  organisationId,
  complainant: { kind: 'PERSON', anonymous: true },
  subjects: [{ certificateNumber }],
  facts: '执法人员在检查中未出示执法证件',
  occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
  place: '西湖区文三路 100 号',
});
const PDF = Buffer.from('%PDF-1.4\n测试夹具');

export interface Identity {
  name: string;
  idNumber: string;
  birthDate: string;
}

export interface World {
  s: TestStack;
  token(username: string): Promise<string>;
  userId(username: string): Promise<string>;
  /** Agencies: 西湖区综合行政执法局 (the demo users'), 西湖区市场监督管理局 (same district, another agency), 上城区卫生健康局, 宁波. */
  org: { xihu: string; xihuMarket: string; shangcheng: string; ningbo: string };
  /** 杭州市监察委员会: the supervisory organ a complaint may be addressed or transferred to. */
  jianwei: string;
  /** Justice bureaus: 西湖区's and 上城区's district bureaus, 杭州市司法局, 浙江省司法厅. */
  bureau: { xihu: string; shangcheng: string; city: string; province: string };
  /** Staffing offices: the city's (the demo user's) and 上城区's. */
  staffing: { city: string; shangcheng: string };
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
  /** A case the city bureau refers to the province (提请, 第二十九条): the referral's id. */
  referral(certificateNumber: string): Promise<string>;
  /** A sanction row on the 宁波 certificate (outside the city bureau's region). */
  ningboSanction(): Promise<string>;
  /** The training/exam tasks (第三十条) of a suspension. */
  sanctionTask(sanctionId: string): Promise<string>;
  /** An attachment uploaded by the agency admin `username`. */
  attachment(username: string): Promise<string>;
  /** Gives the officer a 证件照 (a PNG, stored as its agency's attachment). */
  photo(officerId: string): Promise<void>;
  /** The clean-up task of `org` in CLEANUP_YEAR. */
  cleanupTask: Record<keyof World['org'], string>;
  /** A new open finding (TRAINING_SHORTFALL: KEEP resolves it) of a fresh officer in `org`'s clean-up task. */
  cleanupFinding(org: keyof World['org']): Promise<{ taskId: string; findingId: string }>;
  /**
   * A complaint about the holder of `card` (default 张伟's) filed through the public intake to
   * `organ` (default 西湖区执法局) and taken by that organ's complaint handler to `stage`.
   */
  complaint(
    stage: ComplaintStage,
    opts?: { organ?: 'xihu' | 'jianwei' | 'ningbo'; card?: string; proposal?: boolean; attachment?: boolean },
  ): Promise<Complaint>;
  /** The open task of a complaint (the acceptance task after intake). */
  complaintTask(complaintId: string): Promise<string>;
  /** A consultation of the city's staffing office on a new 西湖区 application (第七条第二款). */
  consultation(): Promise<string>;
  /** An application row of the 宁波 agency (outside 杭州: only the province reaches it). */
  ningboApplication(): Promise<string>;
  /** A referral by another city's bureau (宁波), addressed to `provinceOrgId` (第二十九条). */
  foreignReferral(provinceOrgId: string): Promise<string>;
  /** A sanction proposal addressed to another city's bureau (第二十九条). */
  foreignProposal(): Promise<string>;
  /** A notification row for `orgId` of `kind` (to one user of it when `username` is given). */
  notification(orgId: string, kind: string, username?: string): Promise<string>;
  /** The first row `find` returns, waiting for the worker to write it. */
  eventually<T>(find: () => Promise<T | null>): Promise<T>;
}

export async function buildWorld(s: TestStack): Promise<World> {
  const db = s.t.db;
  const orgId = (name: string) => db.organisation.findUniqueOrThrow({ where: { name } }).then((o) => o.id);
  const officerId = (name: string) => db.officer.findFirstOrThrow({ where: { name } }).then((o) => o.id);

  // 宁波: a city outside 杭州, so that city-level roles have something out of their region.
  await db.region.create({ data: { code: '330200', name: '宁波市', level: 'CITY', parentCode: '330000' } });
  const ningbo = await db.organisation.create({
    data: {
      name: '宁波市综合行政执法局',
      type: 'AGENCY',
      level: 'CITY',
      regionCode: '330200',
      agencyKind: 'GOVERNMENT_BODY',
      system: '综合行政执法',
    },
  });
  const shangcheng = await orgId('杭州市上城区卫生健康局');
  // Another agency of 西湖区: what an agency's own roles must not see, while the district's organs do.
  const xihuMarket = await db.organisation.create({
    data: {
      name: '杭州市西湖区市场监督管理局',
      type: 'AGENCY',
      level: 'DISTRICT',
      regionCode: '330106',
      agencyKind: 'GOVERNMENT_BODY',
      system: '市场监管',
    },
  });
  const shangchengStaffing = await db.organisation.create({
    data: { name: '上城区委机构编制委员会办公室', type: 'STAFFING_OFFICE', level: 'DISTRICT', regionCode: '330102' },
  });
  await db.user.createMany({
    data: [
      {
        username: 'shangcheng_admin',
        displayName: '上城区卫健局管理员',
        roles: ['AGENCY_ADMIN'],
        organisationId: shangcheng,
      },
      { username: 'ningbo_admin', displayName: '宁波执法局管理员', roles: ['AGENCY_ADMIN'], organisationId: ningbo.id },
      {
        username: 'ningbo_complaint_handler',
        displayName: '宁波执法局投诉受理员',
        roles: ['COMPLAINT_HANDLER'],
        organisationId: ningbo.id,
      },
      {
        username: 'shangcheng_staffing_office',
        displayName: '上城区编办联络员',
        roles: ['STAFFING_OFFICE'],
        organisationId: shangchengStaffing.id,
      },
    ],
  });

  let seq = 200;
  const tokens = new Map<string, Promise<string>>();
  const token = (u: string) => tokens.get(u) ?? tokens.set(u, s.token(u)).get(u)!;
  const org = {
    xihu: await orgId('杭州市西湖区综合行政执法局'),
    xihuMarket: xihuMarket.id,
    shangcheng,
    ningbo: ningbo.id,
  };
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
        examResults: exam
          ? { create: { type: 'COMPREHENSIVE', passed: true, takenOn: new Date('2025-05-10T00:00:00Z') } }
          : undefined,
      },
    });
    return { id: row.id, ...who };
  };
  const certificate = async (o: keyof typeof org) => {
    const officer = await newOfficer(o, true);
    const number = `FX-${officer.idNumber.slice(-6)}`;
    await db.certificate.create({
      data: {
        number,
        officerId: officer.id,
        organisationId: org[o],
        issuedOn: new Date('2024-06-01T00:00:00Z'),
        events: { create: { type: 'IMPORTED', toStatus: 'ACTIVE', reason: '测试夹具', article: '第四条' } },
      },
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
  const upload = async (path: string, username?: string) => {
    const auth: Record<string, string> = username ? { authorization: `Bearer ${await token(username)}` } : {};
    const res = await fetch(s.baseUrl + path, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/pdf', 'x-file-name': 'fixture.pdf' },
      body: PDF,
    });
    return ok({ status: res.status, body: await res.json() }, 201, `upload to ${path}`).id as string;
  };

  // The clean-up of CLEANUP_YEAR, as its workflow would have opened it: one task per agency.
  const dueAt = new Date(Date.now() + 30 * 86_400_000);
  await db.cleanupRun.create({
    data: { year: CLEANUP_YEAR, workflowId: 'cleanup-fixture', startedAt: new Date(), dueAt },
  });
  const cleanupTask = {} as World['cleanupTask'];
  for (const o of Object.keys(org) as Array<keyof typeof org>) {
    cleanupTask[o] = (
      await db.cleanupTask.create({
        data: { year: CLEANUP_YEAR, organisationId: org[o], dueAt, findingCount: 0, openCount: 0 },
      })
    ).id;
  }

  // 第二十八条: the handling organ's complaint handler takes each step.
  const complaintOrgans = {
    xihu: { id: org.xihu, handler: 'complaint_handler' },
    jianwei: { id: await orgId('杭州市监察委员会'), handler: 'supervisory_handler' },
    ningbo: { id: org.ningbo, handler: 'ningbo_complaint_handler' },
  };
  // Organs outside 杭州 that appear only as ids on rows (a referral's or a proposal's addressee).
  const ningboBureau = crypto.randomUUID();
  const complaintSteps = (card: string, proposal: boolean): Array<[ComplaintStage, string, object]> => [
    ['INVESTIGATING', 'accept', {}],
    [
      'AWAITING_FEEDBACK',
      'result',
      {
        finding: 'SUBSTANTIATED',
        measures: '批评教育',
        ...(proposal
          ? { sanctionProposal: { certificateNumber: card, type: 'SUSPENSION', grounds: [2], facts: '测试夹具' } }
          : {}),
      },
    ],
    ['FEEDBACK_GIVEN', 'feedback', { channel: 'PUBLISHED', content: '经查属实，已处理' }],
    ['CLOSED', 'close', {}],
  ];
  const EXTENSION_STEP: [ComplaintStage, string, object] = [
    'EXTENSION_REQUESTED',
    'extension',
    { reason: '需调取执法记录仪视频' },
  ];

  const decide = async (certificateNumber: string, opts: { pending?: boolean }) => {
    const body = {
      certificateNumber,
      type: 'SUSPENSION',
      grounds: [1],
      facts: '测试夹具',
      ...(opts.pending ? {} : { deliveredAt: new Date().toISOString() }),
    };
    return ok(await s.call('POST', '/api/sanctions', { token: await token('sanction_officer'), body }), 201, 'sanction')
      .id as string;
  };

  const world: World = {
    s,
    token,
    userId: (u) => db.user.findUniqueOrThrow({ where: { username: u } }).then((x) => x.id),
    org,
    jianwei: complaintOrgans.jianwei.id,
    bureau: {
      xihu: await orgId('杭州市西湖区司法局'),
      shangcheng: await orgId('杭州市上城区司法局'),
      city: await orgId('杭州市司法局'),
      province: await orgId('浙江省司法厅'),
    },
    staffing: { city: await orgId('中共杭州市委机构编制委员会办公室'), shangcheng: shangchengStaffing.id },
    officer: { zhang: await officerId('张伟'), li: await officerId('李娜'), wang: await officerId('王强'), ningbo: '' },
    cert: { zhang: '330106-2023-00001', wang: '330102-2022-00007', ningbo: '' },
    identity,
    eligibleOfficer: (o) => newOfficer(o, true),
    certificate,
    eventually,
    async application(o) {
      const officer = await newOfficer(o, true);
      const r = ok(
        await s.call('POST', '/api/applications', {
          token: await token(adminOf[o]),
          body: { officerId: officer.id, kind: 'INITIAL' },
        }),
        201,
        'application',
      );
      const task = await eventually(() => db.reviewTask.findFirst({ where: { applicationId: r.id, status: 'OPEN' } }));
      return { id: r.id, taskId: task.id };
    },
    sanction(certificateNumber, opts = {}) {
      if (!opts.pending && delivered.has(certificateNumber)) return delivered.get(certificateNumber)!;
      const made = decide(certificateNumber, opts);
      if (!opts.pending) delivered.set(certificateNumber, made);
      return made;
    },
    async referral(certificateNumber) {
      const body = { certificateNumber, type: 'SUSPENSION', grounds: [1], facts: '测试夹具' };
      return ok(
        await s.call('POST', '/api/sanction-referrals', { token: await token('sanction_officer'), body }),
        201,
        'referral',
      ).id;
    },
    async ningboSanction() {
      const cert = await db.certificate.findUniqueOrThrow({ where: { number: world.cert.ningbo } });
      const id = crypto.randomUUID();
      await db.sanction.create({
        data: {
          id,
          certificateId: cert.id,
          type: 'SUSPENSION',
          grounds: [1],
          facts: '测试夹具',
          decidedById: await world.userId('province_sanction_officer'),
          decidedAt: new Date(),
          workflowId: `sanction-fixture-${id}`,
        },
      });
      return id;
    },
    sanctionTask: (sanctionId) =>
      eventually(() => db.sanctionTask.findFirst({ where: { sanctionId } })).then((t) => t.id),
    attachment: (username) => upload('/api/attachments', username),
    async photo(officerId) {
      const officer = await db.officer.findUniqueOrThrow({ where: { id: officerId } });
      const data = TINY_PNG;
      const photo = await db.attachment.create({
        data: {
          organisationId: officer.organisationId,
          uploadedById: await world.userId('agency_admin'),
          fileName: 'photo.png',
          contentType: 'image/png',
          size: data.length,
          sha256: crypto.createHash('sha256').update(data).digest('hex'),
          data: new Uint8Array(data),
        },
      });
      await db.officer.update({ where: { id: officerId }, data: { photoId: photo.id } });
    },
    cleanupTask,
    async cleanupFinding(o) {
      const officer = await newOfficer(o, false);
      const taskId = cleanupTask[o];
      const finding = await db.cleanupFinding.create({
        data: { taskId, kind: 'TRAINING_SHORTFALL', officerId: officer.id, subjectKey: officer.id },
      });
      await db.cleanupTask.update({
        where: { id: taskId },
        data: { findingCount: { increment: 1 }, openCount: { increment: 1 } },
      });
      return { taskId, findingId: finding.id };
    },
    async complaint(stage, opts = {}) {
      const organ = complaintOrgans[opts.organ ?? 'xihu'];
      const card = opts.card ?? world.cert.zhang;
      const filed = ok(
        await s.call('POST', '/api/public/complaints', { body: complaintSubmission(organ.id, card) }),
        201,
        'complaint',
      );
      const c: Complaint = { id: filed.id, receiptCode: filed.receiptCode };
      if (opts.attachment) c.attachmentId = await upload(`/api/public/complaints/${c.receiptCode}/attachments`);
      const act = async (step: string, body: object) =>
        ok(
          await s.call('POST', `/api/complaints/${c.id}/${step}`, { token: await token(organ.handler), body }),
          200,
          `complaint ${step}`,
        );
      const steps = complaintSteps(card, !!opts.proposal);
      const path =
        stage === 'EXTENSION_REQUESTED'
          ? [steps[0], EXTENSION_STEP]
          : steps.slice(0, steps.findIndex(([reached]) => reached === stage) + 1);
      for (const [, step, body] of path) c.proposalId ??= (await act(step, body)).proposals[0]?.id;
      return c;
    },
    complaintTask: (complaintId) =>
      eventually(() => db.complaintTask.findFirst({ where: { complaintId, status: 'OPEN' } })).then((t) => t.id),
    async consultation() {
      const app = await world.application('xihu');
      const body = { decision: 'CONSULT', comment: '请核实编制' };
      return ok(
        await s.call('POST', `/api/review-tasks/${app.taskId}/decision`, {
          token: await token('district_reviewer'),
          body,
        }),
        200,
        'consultation',
      ).consultationId as string;
    },
    async ningboApplication() {
      const id = crypto.randomUUID();
      await db.application.create({
        data: {
          id,
          number: `NB-${id.slice(0, 8)}`,
          kind: 'INITIAL',
          officerId: world.officer.ningbo,
          organisationId: org.ningbo,
          eligibility: {},
          submittedById: await world.userId('ningbo_admin'),
          submittedAt: new Date(),
          workflowId: `application-fixture-${id}`,
        },
      });
      return id;
    },
    async foreignReferral(provinceOrgId) {
      const cert = await db.certificate.findUniqueOrThrow({ where: { number: world.cert.ningbo } });
      const r = await db.sanctionReferral.create({
        data: {
          certificateId: cert.id,
          type: 'SUSPENSION',
          grounds: [1],
          facts: '测试夹具',
          referredById: crypto.randomUUID(),
          referredByOrgId: ningboBureau,
          provinceOrgId,
        },
      });
      return r.id;
    },
    async foreignProposal() {
      const { id: complaintId } = await world.complaint('AWAITING_ACCEPTANCE', {
        organ: 'ningbo',
        card: world.cert.ningbo,
      });
      const cert = await db.certificate.findUniqueOrThrow({ where: { number: world.cert.ningbo } });
      const p = await db.sanctionProposal.create({
        data: {
          complaintId,
          certificateId: cert.id,
          type: 'SUSPENSION',
          grounds: [2],
          facts: '测试夹具',
          proposedById: crypto.randomUUID(),
          proposedByOrgId: org.ningbo,
          bureauOrgId: ningboBureau,
        },
      });
      return p.id;
    },
    async notification(orgId, kind, username) {
      const id = crypto.randomUUID();
      const recipientUserId = username ? await world.userId(username) : null;
      await db.notification.create({
        data: {
          id,
          recipientOrgId: orgId,
          recipientUserId,
          kind,
          subject: `测试通知 ${kind}`,
          body: '测试夹具',
          dedupeKey: `fixture:${id}`,
        },
      });
      return id;
    },
  };
  const ningboCard = await certificate('ningbo');
  world.cert.ningbo = ningboCard.number;
  world.officer.ningbo = ningboCard.officerId;
  return world;
}
