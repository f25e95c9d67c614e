// The authorisation matrix: for every route of the OpenAPI document, which roles may call it and
// what each gets in and out of its scope (DESIGN.md "Who uses it", domain/scope.ts). The runner
// (test/integration/security-authz.test.ts) adds to every entry: no token → 401, and every role not
// listed → 403 — so an entry only states the allowed roles and their cells. A route without an
// entry fails the test by name: add one here (see README "Security tests"). A list answers with the
// same scope as its detail route: its cells say which fixtures must be in `items` and which must not.
import crypto from 'node:crypto';
import { ROLES, type Role } from '../../../domain/roles';
// 第二十七条第二款: supervision's fixtures.
import * as sup from './supervision-fixtures';
import { TINY_PNG } from '../photo';
import { qrCodeUrl } from '../verification';
import {
  CLEANUP_YEAR,
  UNKNOWN_ID,
  complaintSubmission,
  type Complaint,
  type ComplaintStage,
  type World,
} from './world';

export interface Req {
  path: string;
  body?: unknown;
  /** A binary upload instead of JSON. */
  file?: { contentType: string; fileName: string; data: Buffer };
}

export interface Cell {
  /** A seeded or fixture username; null: no token. */
  user: string | null;
  /** Defaults to the entry's request. */
  req?: Req;
  status: number;
  why: string;
  /**
   * For a list (an answer with `items`; every page is read): the ids of fixtures in the caller's
   * scope, which must be listed, and of fixtures out of it, which must not.
   */
  items?: { present?: string[]; absent?: string[] };
}

export interface Entry {
  roles: readonly Role[] | 'public';
  /** The request of the denial cells (no token, roles not listed): refused before it is read. */
  req(w: World): Promise<Req> | Req;
  /** What the allowed roles get, in and out of scope. Fixtures made here serve one cell each. */
  cells(w: World, req: Req): Promise<Cell[]> | Cell[];
  /** A list item's id, as the cells' `items` name it (default: `item.id`). */
  itemId?(item: any): string;
}

const REVIEWERS = ['DISTRICT_REVIEWER', 'CITY_REVIEWER', 'PROVINCE_REVIEWER'] as const;
const CERT_READERS = ['AGENCY_ADMIN', 'OFFICER', ...REVIEWERS, 'SANCTION_OFFICER', 'SUPERVISOR'] as const;

/** The demo user of each role (prisma/seed.ts); the city bureau's sanction officer for SANCTION_OFFICER. */
export const USER_OF: Record<Role, string> = {
  AGENCY_ADMIN: 'agency_admin',
  DISTRICT_REVIEWER: 'district_reviewer',
  CITY_REVIEWER: 'city_reviewer',
  PROVINCE_REVIEWER: 'province_reviewer',
  STAFFING_OFFICE: 'staffing_office',
  SANCTION_OFFICER: 'sanction_officer',
  COMPLAINT_HANDLER: 'complaint_handler',
  SUPERVISOR: 'supervisor',
  OFFICER: 'officer',
  SYSTEM_ADMIN: 'system_admin',
};

const get = (path: string): Req => ({ path });
const post = (path: string, body: unknown = {}): Req => ({ path, body });
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Every role of `roles` gets `status` for the entry's request (no scope applies). */
const each =
  (roles: readonly Role[], status: number, why = 'allowed, no scope applies') =>
  (_w: World, req: Req) =>
    roles.map((r): Cell => ({ user: USER_OF[r], req, status, why }));

/** An officer's record, read by the officer, their agency and the reviewers of its region. */
const officerRead = (sub: string): Entry => ({
  roles: ['AGENCY_ADMIN', 'OFFICER', ...REVIEWERS],
  req: (w) => get(`/api/officers/${w.officer.zhang}${sub}`),
  cells: (w, req) => [
    { user: 'agency_admin', req, status: 200, why: 'own agency' },
    { user: 'officer', req, status: 200, why: 'own record' },
    { user: 'district_reviewer', req, status: 200, why: 'own district' },
    { user: 'city_reviewer', req, status: 200, why: 'own city' },
    {
      user: 'province_reviewer',
      req: get(`/api/officers/${w.officer.ningbo}${sub}`),
      status: 200,
      why: 'the province covers 宁波',
    },
    { user: 'agency_admin', req: get(`/api/officers/${w.officer.wang}${sub}`), status: 403, why: 'another agency' },
    { user: 'officer', req: get(`/api/officers/${w.officer.li}${sub}`), status: 403, why: 'a colleague’s record' },
    {
      user: 'district_reviewer',
      req: get(`/api/officers/${w.officer.wang}${sub}`),
      status: 403,
      why: 'another district',
    },
    { user: 'city_reviewer', req: get(`/api/officers/${w.officer.ningbo}${sub}`), status: 403, why: 'another city' },
    { user: 'agency_admin', req: get(`/api/officers/${UNKNOWN_ID}${sub}`), status: 404, why: 'unknown officer' },
  ],
});

/** A record the agency admin adds to one of its own officers (第四条, 第五条, 第十二条, 第二十七条). */
const officerRecord = (sub: string, body: unknown): Entry => ({
  roles: ['AGENCY_ADMIN'],
  req: async (w) => post(`/api/officers/${(await w.eligibleOfficer('xihu')).id}${sub}`, body),
  cells: (w, req) => [
    { user: 'agency_admin', req, status: 201, why: 'own agency' },
    {
      user: 'agency_admin',
      req: post(`/api/officers/${w.officer.wang}${sub}`, body),
      status: 403,
      why: 'another agency',
    },
    { user: 'agency_admin', req: post(`/api/officers/${UNKNOWN_ID}${sub}`, body), status: 404, why: 'unknown officer' },
  ],
});

/** A POST on a review task: only the bureau owning it acts (第七条). */
const taskAction = (
  verb: string,
  body: (w: World) => Promise<unknown> | unknown,
  prepare?: (w: World, taskId: string) => Promise<void>,
  done = 200,
): Entry => ({
  roles: REVIEWERS,
  req: async (w) => post(`/api/review-tasks/${UNKNOWN_ID}/${verb}`, await body(w)),
  cells: async (w) => {
    const [own, other] = await Promise.all([w.application('xihu'), w.application('shangcheng')]);
    await prepare?.(w, own.taskId);
    const on = async (taskId: string) => post(`/api/review-tasks/${taskId}/${verb}`, await body(w));
    return [
      { user: 'city_reviewer', req: await on(own.taskId), status: 403, why: 'the district bureau owns the task' },
      { user: 'province_reviewer', req: await on(own.taskId), status: 403, why: 'the district bureau owns the task' },
      { user: 'district_reviewer', req: await on(other.taskId), status: 403, why: 'another district’s task' },
      { user: 'district_reviewer', req: await on(UNKNOWN_ID), status: 404, why: 'unknown task' },
      { user: 'district_reviewer', req: await on(own.taskId), status: done, why: 'own bureau’s task' },
    ];
  },
});

/** A POST on one application by the agency that submitted it. */
const applicationAction = (
  verb: string,
  body: unknown,
  prepare?: (w: World, app: { id: string; taskId: string }) => Promise<void>,
): Entry => ({
  roles: ['AGENCY_ADMIN'],
  req: () => post(`/api/applications/${UNKNOWN_ID}/${verb}`, body),
  cells: async (w) => {
    const [own, other] = await Promise.all([w.application('xihu'), w.application('shangcheng')]);
    await prepare?.(w, own);
    return [
      {
        user: 'agency_admin',
        req: post(`/api/applications/${other.id}/${verb}`, body),
        status: 403,
        why: 'another agency’s application',
      },
      {
        user: 'agency_admin',
        req: post(`/api/applications/${UNKNOWN_ID}/${verb}`, body),
        status: 404,
        why: 'unknown application',
      },
      {
        user: 'agency_admin',
        req: post(`/api/applications/${own.id}/${verb}`, body),
        status: 200,
        why: 'own application',
      },
    ];
  },
});

/** A POST on a certificate by its agency (第九条, 第十条). */
const certificateAction = (verb: string, body: () => unknown, status: number): Entry => ({
  roles: ['AGENCY_ADMIN'],
  req: (w) => post(`/api/certificates/${w.cert.wang}/${verb}`, body()),
  cells: async (w) => [
    {
      user: 'agency_admin',
      req: post(`/api/certificates/${w.cert.wang}/${verb}`, body()),
      status: 403,
      why: 'another agency’s card',
    },
    {
      user: 'agency_admin',
      req: post(`/api/certificates/NO-SUCH-CARD/${verb}`, body()),
      status: 404,
      why: 'unknown card',
    },
    {
      user: 'agency_admin',
      req: post(`/api/certificates/${(await w.certificate('xihu')).number}/${verb}`, body()),
      status,
      why: 'own agency’s card',
    },
  ],
});

/** A public route: anyone, no token. */
const open = (req: (w: World) => Req, status = 200): Entry => ({
  roles: 'public',
  req,
  cells: (_w, r) => [{ user: null, req: r, status, why: 'public' }],
});

/** A certificate (or its QR code: it carries the token that unlocks the holder's name), read by its scoped readers. */
const certificateRead = (sub: string): Entry => ({
  roles: CERT_READERS,
  req: (w) => get(`/api/certificates/${w.cert.zhang}${sub}`),
  cells: (w, req) => {
    const wang = get(`/api/certificates/${w.cert.wang}${sub}`);
    const ningbo = get(`/api/certificates/${w.cert.ningbo}${sub}`);
    return [
      ...each(CERT_READERS, 200, 'the holder, the agency, or the organs of its region')(w, req),
      { user: 'province_sanction_officer', req: ningbo, status: 200, why: 'the province covers 宁波' },
      { user: 'agency_admin', req: wang, status: 403, why: 'another agency' },
      { user: 'officer', req: wang, status: 403, why: 'someone else’s card' },
      { user: 'district_reviewer', req: wang, status: 403, why: 'another district' },
      { user: 'city_reviewer', req: ningbo, status: 403, why: 'another city' },
      { user: 'sanction_officer', req: ningbo, status: 403, why: 'another city' },
      { user: 'supervisor', req: ningbo, status: 403, why: 'another city' },
      { user: 'agency_admin', req: get(`/api/certificates/NO-SUCH-CARD${sub}`), status: 404, why: 'unknown card' },
    ];
  },
});

const sanctionCase = (certificateNumber: string) => ({
  certificateNumber,
  type: 'SUSPENSION',
  grounds: [1],
  facts: '玩忽职守',
});

const pdf = (path: string): Req => ({
  path,
  file: { contentType: 'application/pdf', fileName: 'a.pdf', data: Buffer.from('%PDF-1.4\n在编证明') },
});
const photo = (path: string): Req => ({
  path,
  file: { contentType: 'image/png', fileName: 'photo.png', data: TINY_PNG },
});
const WRONG_CODE = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01';

/** A complainant's route by receipt code (第二十八条): the code works; a wrong one is a 404 that tells nothing. */
const byReceiptCode = (send: (code: string) => Req, status: number): Entry => ({
  roles: 'public',
  req: async (w) => send((await w.complaint('AWAITING_ACCEPTANCE')).receiptCode),
  cells: (_w, req) => [
    { user: null, req: send(WRONG_CODE), status: 404, why: 'a wrong receipt code: nothing about existence' },
    { user: null, req, status, why: 'the complainant’s receipt code' },
  ],
});

/**
 * Reading a complaint and with it the complainant (第二十五条, domain/complaint.ts): the handling organ's
 * handler and head, and the supervisory organ over it; never another organ's handler, nor the
 * officer's agency when it does not handle the complaint. `sub`: the path under the complaint.
 */
const complaintRead = (sub?: (c: Complaint) => string): Entry => {
  const at = (c: Complaint) => get(`/api/complaints/${c.id}${sub?.(c) ?? ''}`);
  const unknown = at({ id: UNKNOWN_ID, receiptCode: '', attachmentId: UNKNOWN_ID });
  return {
    roles: ['COMPLAINT_HANDLER', 'SUPERVISOR'],
    req: () => unknown,
    cells: async (w) => {
      const opts = { attachment: !!sub };
      const [xihu, jianwei] = await Promise.all([
        w.complaint('AWAITING_ACCEPTANCE', opts),
        w.complaint('AWAITING_ACCEPTANCE', { ...opts, organ: 'jianwei' }),
      ]);
      return [
        { user: 'complaint_handler', req: at(xihu), status: 200, why: 'the handling organ’s handler' },
        { user: 'agency_head', req: at(xihu), status: 200, why: 'the handling organ’s head' },
        { user: 'supervisor', req: at(xihu), status: 200, why: 'the supervisory organ over the handling organ' },
        { user: 'supervisory_handler', req: at(jianwei), status: 200, why: 'the handling organ’s handler' },
        { user: 'supervisory_handler', req: at(xihu), status: 403, why: 'a handler of another organ' },
        {
          user: 'complaint_handler',
          req: at(jianwei),
          status: 403,
          why: 'the officer’s agency, not handling it (第二十五条)',
        },
        {
          user: 'agency_head',
          req: at(jianwei),
          status: 403,
          why: 'the head of the officer’s agency, not handling it (第二十五条)',
        },
        { user: 'complaint_handler', req: unknown, status: 404, why: 'unknown complaint' },
        ...(sub
          ? [
              {
                user: 'complaint_handler',
                req: at({ ...xihu, attachmentId: jianwei.attachmentId }),
                status: 404,
                why: 'material of another complaint',
              },
            ]
          : []),
      ];
    },
  };
};

/**
 * A step on a complaint at `stage` (handled by 西湖区执法局): only the handling organ acts
 * (第二十八条); `user` does it, `outsider` is refused with 403.
 */
const complaintAction = (
  verb: string,
  body: (w: World) => unknown,
  stage: ComplaintStage,
  by: { role: Role; user: string; outsider: string; why: string },
  done = 200,
): Entry => ({
  roles: [by.role],
  req: (w) => post(`/api/complaints/${UNKNOWN_ID}/${verb}`, body(w)),
  cells: async (w) => {
    const on = (id: string) => post(`/api/complaints/${id}/${verb}`, body(w));
    const { id } = await w.complaint(stage);
    return [
      { user: by.outsider, req: on(id), status: 403, why: by.why },
      { user: by.user, req: on(UNKNOWN_ID), status: 404, why: 'unknown complaint' },
      { user: by.user, req: on(id), status: done, why: `the handling organ’s ${by.role}` },
    ];
  },
});
const HANDLER = {
  role: 'COMPLAINT_HANDLER',
  user: 'complaint_handler',
  outsider: 'supervisory_handler',
  why: 'a handler of another organ (第二十八条)',
} as const;

/** A sanction proposal is the task of the city bureau it is addressed to (第二十九条). */
const proposalEntry = (send: (id: string) => Req): Entry => ({
  roles: ['SANCTION_OFFICER'],
  req: () => send(UNKNOWN_ID),
  cells: async (w) => {
    const { proposalId } = await w.complaint('AWAITING_FEEDBACK', { proposal: true });
    return [
      { user: 'province_sanction_officer', req: send(proposalId!), status: 403, why: 'addressed to the city bureau' },
      { user: 'sanction_officer', req: send(UNKNOWN_ID), status: 404, why: 'unknown proposal' },
      { user: 'sanction_officer', req: send(proposalId!), status: 200, why: 'addressed to its bureau' },
    ];
  },
});

// ── 第六条: exam registration fixtures ──
const addDaysTo = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const examSessionBody = () => ({
  examType: 'COMPREHENSIVE',
  examDate: addDaysTo(today(), 30),
  place: '考点',
  capacity: 100,
  registrationDeadline: addDaysTo(today(), 10),
});
/** A session published over HTTP by `reviewer`'s bureau. */
async function examSession(w: World, reviewer: string): Promise<string> {
  const r = await w.s.call('POST', '/api/exam-sessions', { token: await w.token(reviewer), body: examSessionBody() });
  if (r.status !== 201) throw new Error(`exam session: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}
/** A fresh 在编 officer of `org` without an exam: one an agency may register. */
async function examCandidate(w: World, org: 'xihu' | 'shangcheng'): Promise<string> {
  const i = w.identity();
  const o = await w.s.t.db.officer.create({
    data: {
      name: i.name,
      idNumber: i.idNumber,
      birthDate: new Date(`${i.birthDate}T00:00:00Z`),
      organisationId: w.org[org],
    },
  });
  return o.id;
}
const registrationBody = async (w: World, officerId: string) => ({
  officerId,
  attachmentIds: [await w.attachment('agency_admin')],
  declaration: true,
});
/** A 西湖区 officer registered by its agency for a session of 西湖区司法局 (refused by it when `refused`). */
async function examRegistration(w: World, refused = false): Promise<string> {
  const session = await examSession(w, 'district_reviewer');
  const r = await w.s.call('POST', `/api/exam-sessions/${session}/registrations`, {
    token: await w.token('agency_admin'),
    body: await registrationBody(w, await examCandidate(w, 'xihu')),
  });
  if (r.status !== 201) throw new Error(`exam registration: ${r.status} ${JSON.stringify(r.body)}`);
  if (refused)
    await w.s.call('POST', `/api/exam-registrations/${r.body.id}/decision`, {
      token: await w.token('district_reviewer'),
      body: { decision: 'REFUSE', reason: '材料不全' },
    });
  return r.body.id;
}
/** A POST on a registration by the bureau organising its session (第六条). */
const onRegistration = (sub: string, body: unknown, status: number): Entry => ({
  roles: ['DISTRICT_REVIEWER', 'CITY_REVIEWER'],
  req: async (w) => post(`/api/exam-registrations/${await examRegistration(w)}/${sub}`, body),
  cells: async (w, req) => [
    { user: 'district_reviewer', req, status, why: 'the organising bureau' },
    { user: 'city_reviewer', req, status: 403, why: 'another bureau’s session' },
    { user: 'district_reviewer_shangcheng', req, status: 403, why: 'another district’s bureau' },
    {
      user: 'district_reviewer',
      req: post(`/api/exam-registrations/${UNKNOWN_ID}/${sub}`, body),
      status: 404,
      why: 'unknown registration',
    },
  ],
});

/**
 * The bureaus' reviewers, who supervise (domain/supervision.ts) — the city first: security-fuzz
 * fuzzes each route under the first role listed, and the agency admin's run is the fullest.
 */
const SUPERVISORS = ['CITY_REVIEWER', 'DISTRICT_REVIEWER', 'PROVINCE_REVIEWER'] as const;

/** A plan read by the bureaus over its region (第二十七条第二款): its own, the city, the province; not another district. */
const planRead = (sub: string): Entry => ({
  roles: SUPERVISORS,
  req: () => get(`/api/spot-check-plans/${UNKNOWN_ID}${sub}`),
  cells: async (w) => {
    const p = (await sup.plan(w, 'district_reviewer')).id;
    const at = get(`/api/spot-check-plans/${p}${sub}`);
    return [
      { user: 'district_reviewer', req: at, status: 200, why: 'drawn by its bureau' },
      { user: 'city_reviewer', req: at, status: 200, why: 'a district of its city' },
      { user: 'province_reviewer', req: at, status: 200, why: 'its province' },
      { user: 'district_reviewer_shangcheng', req: at, status: 403, why: 'another district' },
      { user: 'district_reviewer', req: get(`/api/spot-check-plans/${UNKNOWN_ID}${sub}`), status: 404, why: 'unknown' },
    ];
  },
});

export const MATRIX: Record<string, Entry> = {
  'GET /healthz': open(() => get('/healthz')),
  'GET /readyz': open(() => get('/readyz')),
  'GET /api/me': { roles: ROLES, req: () => get('/api/me'), cells: each(ROLES, 200) },
  'GET /api/me/colleagues': {
    roles: ROLES,
    req: () => get('/api/me/colleagues'),
    cells: (w, req) =>
      Promise.all(
        ROLES.map(async (r): Promise<Cell> => ({
          user: USER_OF[r],
          req,
          status: 200,
          why: 'own organisation’s users only',
          items: { present: [await w.userId(USER_OF[r])], absent: [await w.userId('shangcheng_admin')] },
        })),
      ),
  },
  'GET /api/notifications': {
    roles: ROLES,
    req: () => get('/api/notifications?limit=200'),
    cells: async (w, req) => {
      // Each kind is for the roles that act on it (domain/notifications.ts), in the organisation it is sent to.
      const n = (org: string, kind: string, username?: string) => w.notification(org, kind, username);
      const { xihu, shangcheng } = w.org;
      const { bureau, staffing, jianwei } = w;
      // 第二十五条: what a complainant adds reaches the handling organ’s inbox, never the officer complained about.
      const c = await w.complaint('AWAITING_ACCEPTANCE');
      const added = await w.s.call('POST', `/api/public/complaints/${c.receiptCode}/information`, {
        body: { text: '补充：投诉人刘洋，电话13900001111' },
      });
      if (added.status !== 201) throw new Error(`information: ${added.status}`);
      const info = (
        await w.eventually(() =>
          w.s.t.db.notification.findFirst({ where: { kind: 'COMPLAINT_INFORMATION', link: `/complaints/${c.id}` } }),
        )
      ).id;
      const cell = (user: string, why: string, present: string[], absent: string[]): Cell => ({
        user,
        req,
        status: 200,
        why,
        items: { present, absent },
      });
      return [
        cell(
          'agency_admin',
          'its agency’s kinds, not the complaint handlers’',
          [await n(xihu, 'SANCTION_TRAINING')],
          [info, await n(xihu, 'COMPLAINT_ACCEPTANCE'), await n(shangcheng, 'SANCTION_TRAINING')],
        ),
        cell(
          'officer',
          'only what is addressed to the officer: no agency-wide notice, no complaint about them (第二十五条)',
          [await n(xihu, 'REVIEW_DECIDED', 'officer')],
          [
            info,
            await n(xihu, 'SANCTION_TRAINING'),
            await n(xihu, 'COMPLAINT_REMINDER'),
            await n(xihu, 'TASK_NEW', 'agency_admin'),
          ],
        ),
        cell(
          'complaint_handler',
          'its organ’s complaint notices',
          [info, await n(xihu, 'COMPLAINT_OVERDUE')],
          [await n(xihu, 'CERTIFICATE_ISSUED'), await n(jianwei, 'COMPLAINT_ACCEPTANCE')],
        ),
        cell(
          'agency_head',
          'its organ’s complaint notices (the head approves extensions)',
          [info, await n(xihu, 'COMPLAINT_EXTENSION_APPROVAL')],
          [await n(xihu, 'APPLICATION_RETURNED'), await n(jianwei, 'COMPLAINT_OVERDUE')],
        ),
        cell(
          'supervisory_handler',
          'its organ’s complaint notices',
          [await n(jianwei, 'COMPLAINT_ACCEPTANCE')],
          [info, await n(xihu, 'COMPLAINT_ACCEPTANCE')],
        ),
        cell(
          'supervisor',
          'escalations to its supervisory organ',
          [await n(jianwei, 'COMPLAINT_OVERDUE')],
          [info, await n(xihu, 'COMPLAINT_OVERDUE')],
        ),
        cell(
          'district_reviewer',
          'its bureau’s review tasks',
          [await n(bureau.xihu, 'TASK_NEW')],
          [await n(bureau.shangcheng, 'TASK_NEW')],
        ),
        cell(
          'city_reviewer',
          'the city bureau’s review notices, not its sanction officers’',
          [await n(bureau.city, 'TASK_OVERDUE'), await n(bureau.city, 'CLEANUP_REPORT')],
          [await n(bureau.city, 'REVIEW_FILED'), await n(bureau.xihu, 'TASK_NEW')],
        ),
        cell(
          'sanction_officer',
          'the city bureau’s sanction notices, not its reviewers’',
          [await n(bureau.city, 'REVIEW_FILED'), await n(bureau.city, 'SANCTION_PROPOSAL')],
          [await n(bureau.city, 'TASK_NEW'), await n(bureau.province, 'SANCTION_REFERRAL')],
        ),
        cell(
          'province_reviewer',
          'the province’s review notices',
          [await n(bureau.province, 'TASK_NEW')],
          [await n(bureau.province, 'SANCTION_REFERRAL')],
        ),
        cell(
          'province_sanction_officer',
          'referrals addressed to the province',
          [await n(bureau.province, 'SANCTION_REFERRAL')],
          [await n(bureau.province, 'TASK_REMINDER')],
        ),
        cell(
          'staffing_office',
          'consultations to its office',
          [await n(staffing.city, 'CONSULTATION')],
          [await n(staffing.shangcheng, 'CONSULTATION')],
        ),
        cell(
          'system_admin',
          'none of the city bureau’s review or sanction notices',
          [],
          [await n(bureau.city, 'TASK_OVERDUE'), await n(bureau.city, 'REVIEW_FILED')],
        ),
      ];
    },
  },

  'GET /api/notifications/unread-count': {
    roles: ROLES,
    req: () => get('/api/notifications/unread-count'),
    cells: each(ROLES, 200, 'a count of one’s own notifications only'),
  },
  // Marking read follows the list's rule: a notice one does not read answers 404, as if it did not exist.
  'POST /api/notifications/{id}/read': {
    roles: ROLES,
    req: async (w) => post(`/api/notifications/${await w.notification(w.org.xihu, 'SANCTION_TRAINING')}/read`, {}),
    cells: async (w) => [
      {
        user: 'agency_admin',
        req: post(`/api/notifications/${await w.notification(w.org.xihu, 'SANCTION_TRAINING')}/read`, {}),
        status: 200,
        why: 'its agency’s notice',
      },
      {
        user: 'agency_admin',
        req: post(`/api/notifications/${await w.notification(w.org.xihu, 'COMPLAINT_ACCEPTANCE')}/read`, {}),
        status: 404,
        why: 'a complaint handlers’ notice of its own organisation (第二十五条)',
      },
      {
        user: 'officer',
        req: post(`/api/notifications/${await w.notification(w.org.xihu, 'SANCTION_TRAINING')}/read`, {}),
        status: 404,
        why: 'an agency-wide notice is not the officer’s',
      },
      {
        user: 'district_reviewer',
        req: post(`/api/notifications/${await w.notification(w.bureau.shangcheng, 'TASK_NEW')}/read`, {}),
        status: 404,
        why: 'another bureau’s notice',
      },
      ...(await Promise.all(
        ROLES.filter((r) => !['AGENCY_ADMIN', 'OFFICER', 'DISTRICT_REVIEWER'].includes(r)).map(
          async (r): Promise<Cell> => ({
            user: USER_OF[r],
            req: post(`/api/notifications/${await w.notification(w.bureau.shangcheng, 'TASK_NEW')}/read`, {}),
            status: 404,
            why: 'another organisation’s notice',
          }),
        ),
      )),
    ],
  },
  'POST /api/notifications/read': {
    roles: ROLES,
    req: async (w) => post('/api/notifications/read', { ids: [await w.notification(w.org.xihu, 'SANCTION_TRAINING')] }),
    cells: each(ROLES, 200, 'marks those of the ids shown that are one’s own notifications only'),
  },
  'POST /api/officers': {
    roles: ['AGENCY_ADMIN'],
    req: (w) => post('/api/officers', w.identity()),
    cells: each(['AGENCY_ADMIN'], 201, 'registers into its own agency'),
  },
  'POST /api/officers/transfer-in': {
    roles: ['AGENCY_ADMIN'],
    req: async (w) => {
      const card = await w.certificate('shangcheng');
      return post('/api/officers/transfer-in', { idNumber: card.idNumber, certificateNumber: card.number });
    },
    cells: (w, req) => [
      {
        user: 'agency_admin',
        req: post('/api/officers/transfer-in', { idNumber: w.identity().idNumber, certificateNumber: w.cert.wang }),
        status: 404,
        why: 'ID number and card do not match: nothing revealed',
      },
      { user: 'agency_admin', req, status: 200, why: 'takes over on the original card (第八条)' },
    ],
  },
  'GET /api/officers': {
    roles: ['AGENCY_ADMIN'],
    req: () => get('/api/officers'),
    cells: (w, req) => [
      {
        user: 'agency_admin',
        req,
        status: 200,
        why: 'own agency’s staff',
        items: { present: [w.officer.zhang, w.officer.li], absent: [w.officer.wang, w.officer.ningbo] },
      },
      {
        user: 'shangcheng_admin',
        req,
        status: 200,
        why: 'own agency’s staff',
        items: { present: [w.officer.wang], absent: [w.officer.zhang] },
      },
    ],
  },
  'GET /api/officers/{id}': officerRead(''),
  'GET /api/officers/{id}/photo': {
    ...officerRead('/photo'),
    cells: async (w, req) => {
      await Promise.all([w.photo(w.officer.zhang), w.photo(w.officer.ningbo)]);
      const without = (await w.eligibleOfficer('xihu')).id;
      return [
        ...(await officerRead('/photo').cells(w, req)),
        { user: 'agency_admin', req: get(`/api/officers/${without}/photo`), status: 404, why: 'no photo yet' },
      ];
    },
  },
  'POST /api/officers/{id}/photo': {
    roles: ['AGENCY_ADMIN'],
    req: (w) => photo(`/api/officers/${w.officer.wang}/photo`),
    cells: async (w) => [
      { user: 'agency_admin', req: photo(`/api/officers/${w.officer.li}/photo`), status: 201, why: 'own agency' },
      { user: 'agency_admin', req: photo(`/api/officers/${w.officer.wang}/photo`), status: 403, why: 'another agency' },
      { user: 'agency_admin', req: photo(`/api/officers/${UNKNOWN_ID}/photo`), status: 404, why: 'unknown officer' },
    ],
  },
  'POST /api/officers/{id}/exam-results': officerRecord('/exam-results', {
    type: 'COMPREHENSIVE',
    passed: true,
    score: 80,
    takenOn: '2025-05-10',
  }),
  'POST /api/officers/{id}/exemptions': officerRecord('/exemptions', {
    ground: 'LEGAL_PROFESSION',
    proof: '法律职业资格证书 A2025',
    grantedOn: '2025-01-15',
  }),
  'POST /api/officers/{id}/assessments': officerRecord('/assessments', {
    kind: 'ANNUAL',
    year: 2025,
    assessedOn: '2025-12-20',
    grade: 'COMPETENT',
  }),
  'POST /api/officers/{id}/training-records': officerRecord('/training-records', {
    takenOn: '2025-03-01',
    hours: 8,
    category: 'PUBLIC_LAW',
    mode: 'CENTRALIZED',
    scope: 'COMPREHENSIVE',
    organiser: '市司法局',
  }),
  'GET /api/officers/{id}/training': officerRead('/training'),
  'GET /api/officers/{id}/eligibility': {
    roles: ['AGENCY_ADMIN', ...REVIEWERS],
    req: (w) => get(`/api/officers/${w.officer.zhang}/eligibility`),
    cells: async (w, req) => (await officerRead('/eligibility').cells(w, req)).filter((c) => c.user !== 'officer'),
  },
  'GET /api/officers/{id}/timeline': {
    roles: ['AGENCY_ADMIN', 'OFFICER', 'SANCTION_OFFICER', 'SUPERVISOR', ...REVIEWERS],
    req: (w) => get(`/api/officers/${w.officer.zhang}/timeline`),
    cells: async (w, req) => {
      const ningbo = get(`/api/officers/${w.officer.ningbo}/timeline`);
      return [
        ...(await officerRead('/timeline').cells(w, req)),
        { user: 'sanction_officer', req, status: 200, why: 'an officer of its city' },
        { user: 'province_sanction_officer', req: ningbo, status: 200, why: 'the province covers 宁波' },
        { user: 'sanction_officer', req: ningbo, status: 403, why: 'another city' },
        {
          user: 'supervisor',
          req,
          status: 200,
          why: 'the city’s 监察机关 reads officers of its region (with the complaints it may read)',
        },
        { user: 'supervisor', req: ningbo, status: 403, why: 'another city' },
      ];
    },
  },
  'GET /api/training/shortfall': {
    roles: ['AGENCY_ADMIN', ...REVIEWERS],
    req: () => get('/api/training/shortfall'),
    itemId: (item) => item.officer.id,
    cells: async (w, req) => {
      // Fresh holders without training: each is short of 60 hours (第十五条).
      const [xihu, market, shangcheng] = await Promise.all([
        w.certificate('xihu'),
        w.certificate('xihuMarket'),
        w.certificate('shangcheng'),
      ]);
      const ningbo = w.officer.ningbo;
      return [
        {
          user: 'agency_admin',
          req,
          status: 200,
          why: 'own agency',
          items: { present: [xihu.officerId], absent: [market.officerId, shangcheng.officerId, ningbo] },
        },
        {
          user: 'district_reviewer',
          req,
          status: 200,
          why: 'own district',
          items: { present: [xihu.officerId, market.officerId], absent: [shangcheng.officerId, ningbo] },
        },
        {
          user: 'city_reviewer',
          req,
          status: 200,
          why: 'own city',
          items: { present: [xihu.officerId, shangcheng.officerId], absent: [ningbo] },
        },
        {
          user: 'province_reviewer',
          req,
          status: 200,
          why: 'the province covers 宁波',
          items: { present: [xihu.officerId, ningbo] },
        },
      ];
    },
  },

  'POST /api/attachments': {
    roles: ['AGENCY_ADMIN'],
    req: () => pdf('/api/attachments'),
    cells: each(['AGENCY_ADMIN'], 201, 'stored for its own agency'),
  },
  'GET /api/attachments/{id}': {
    roles: ['AGENCY_ADMIN', ...REVIEWERS],
    req: async (w) => get(`/api/attachments/${await w.attachment('agency_admin')}`),
    cells: async (w, req) => {
      const [shangcheng, ningbo] = await Promise.all([w.attachment('shangcheng_admin'), w.attachment('ningbo_admin')]);
      return [
        ...each(['AGENCY_ADMIN', ...REVIEWERS], 200, 'own agency, or its reviewers')(w, req),
        { user: 'agency_admin', req: get(`/api/attachments/${shangcheng}`), status: 403, why: 'another agency’s file' },
        {
          user: 'district_reviewer',
          req: get(`/api/attachments/${shangcheng}`),
          status: 403,
          why: 'another district’s file',
        },
        { user: 'city_reviewer', req: get(`/api/attachments/${ningbo}`), status: 403, why: 'another city’s file' },
        { user: 'agency_admin', req: get(`/api/attachments/${UNKNOWN_ID}`), status: 404, why: 'unknown file' },
      ];
    },
  },

  'POST /api/applications': {
    roles: ['AGENCY_ADMIN'],
    req: async (w) => post('/api/applications', { officerId: (await w.eligibleOfficer('xihu')).id, kind: 'INITIAL' }),
    cells: async (w, req) => [
      {
        user: 'agency_admin',
        req: post('/api/applications', { officerId: (await w.eligibleOfficer('shangcheng')).id, kind: 'INITIAL' }),
        status: 403,
        why: 'another agency’s officer',
      },
      {
        user: 'agency_admin',
        req: post('/api/applications', { officerId: UNKNOWN_ID, kind: 'INITIAL' }),
        status: 404,
        why: 'unknown officer',
      },
      { user: 'agency_admin', req, status: 201, why: 'own officer' },
    ],
  },
  'GET /api/applications': {
    roles: ['AGENCY_ADMIN', ...REVIEWERS],
    req: () => get('/api/applications?limit=100'),
    cells: async (w, req) => {
      const [xihu, shangcheng] = (await Promise.all([w.application('xihu'), w.application('shangcheng')])).map(
        (a) => a.id,
      );
      const ningbo = await w.ningboApplication();
      return [
        {
          user: 'agency_admin',
          req,
          status: 200,
          why: 'own agency',
          items: { present: [xihu], absent: [shangcheng, ningbo] },
        },
        {
          user: 'shangcheng_admin',
          req,
          status: 200,
          why: 'own agency',
          items: { present: [shangcheng], absent: [xihu] },
        },
        {
          user: 'district_reviewer',
          req,
          status: 200,
          why: 'own district',
          items: { present: [xihu], absent: [shangcheng, ningbo] },
        },
        {
          user: 'city_reviewer',
          req,
          status: 200,
          why: 'own city',
          items: { present: [xihu, shangcheng], absent: [ningbo] },
        },
        {
          user: 'province_reviewer',
          req,
          status: 200,
          why: 'the province covers 宁波',
          items: { present: [xihu, ningbo] },
        },
      ];
    },
  },
  'GET /api/applications/{id}': {
    roles: ['AGENCY_ADMIN', 'OFFICER', ...REVIEWERS],
    req: async (w) => get(`/api/applications/${(await w.application('xihu')).id}`),
    cells: async (w, req) => {
      const other = get(`/api/applications/${(await w.application('shangcheng')).id}`);
      return [
        ...each(['AGENCY_ADMIN', ...REVIEWERS], 200, 'own agency, or the reviewers of its region')(w, req),
        { user: 'officer', req, status: 403, why: 'someone else’s application' },
        { user: 'agency_admin', req: other, status: 403, why: 'another agency' },
        { user: 'district_reviewer', req: other, status: 403, why: 'another district' },
        { user: 'agency_admin', req: get(`/api/applications/${UNKNOWN_ID}`), status: 404, why: 'unknown application' },
      ];
    },
  },
  'POST /api/applications/{id}/resubmit': applicationAction('resubmit', { note: '已补正' }, async (w, app) => {
    const r = await w.s.call('POST', `/api/review-tasks/${app.taskId}/decision`, {
      token: await w.token('district_reviewer'),
      body: { decision: 'RETURN', comment: '材料不全' },
    });
    if (r.status !== 200) throw new Error(`return: ${r.status}`);
  }),
  'POST /api/applications/{id}/withdraw': applicationAction('withdraw', { reason: '申请人撤回' }),

  'GET /api/dashboard': {
    roles: [...REVIEWERS, 'SYSTEM_ADMIN'],
    req: () => get('/api/dashboard'),
    cells: each([...REVIEWERS, 'SYSTEM_ADMIN'], 200, 'tables of its own region (and the calendar warning)'),
  },
  // 第三条: the statutory calendar is the city bureau's system admin's (民法典 第二百零三条).
  'GET /api/calendar': {
    roles: ['SYSTEM_ADMIN'],
    req: () => get('/api/calendar'),
    cells: (_w, req) => [
      {
        user: 'system_admin',
        req,
        status: 200,
        why: 'the calendar covers the whole deployment: every year',
        items: { present: ['2004', '2026'] },
      },
    ],
    itemId: (y: { year: number }) => String(y.year),
  },
  'GET /api/calendar/{year}': {
    roles: ['SYSTEM_ADMIN'],
    req: () => get('/api/calendar/2026'),
    cells: each(['SYSTEM_ADMIN'], 200, 'a seeded year'),
  },
  'PUT /api/calendar/{year}': {
    roles: ['SYSTEM_ADMIN'],
    // A year far ahead: no deadline of the other fixtures is computed over it.
    req: () => ({
      path: '/api/calendar/2099',
      body: { noticeReference: '测试', days: [{ date: '2099-01-01', kind: 'HOLIDAY', name: '元旦' }] },
    }),
    cells: each(['SYSTEM_ADMIN'], 200, 'enters a year of the whole deployment'),
  },
  'GET /api/review-tasks/counts': {
    roles: REVIEWERS,
    req: () => get('/api/review-tasks/counts'),
    cells: each(REVIEWERS, 200, 'counts of its own bureau’s inbox only (the inbox’s rule)'),
  },
  'GET /api/review-tasks': {
    roles: REVIEWERS,
    req: () => get('/api/review-tasks?limit=100'),
    cells: async (w, req) => {
      const [xihu, shangcheng] = (await Promise.all([w.application('xihu'), w.application('shangcheng')])).map(
        (a) => a.taskId,
      );
      const supervised = get('/api/review-tasks?scope=supervised&limit=100');
      return [
        {
          user: 'district_reviewer',
          req,
          status: 200,
          why: 'own bureau’s inbox',
          items: { present: [xihu], absent: [shangcheng] },
        },
        {
          user: 'district_reviewer_shangcheng',
          req,
          status: 200,
          why: 'own bureau’s inbox',
          items: { present: [shangcheng], absent: [xihu] },
        },
        {
          user: 'city_reviewer',
          req,
          status: 200,
          why: 'the district bureaus own these tasks (第七条)',
          items: { absent: [xihu, shangcheng] },
        },
        {
          user: 'city_reviewer',
          req: supervised,
          status: 200,
          why: 'the levels below, in its city',
          items: { present: [xihu, shangcheng] },
        },
        {
          user: 'province_reviewer',
          req,
          status: 200,
          why: 'the district bureaus own these tasks (第七条)',
          items: { absent: [xihu] },
        },
        {
          user: 'province_reviewer',
          req: supervised,
          status: 200,
          why: 'the levels below, in its province',
          items: { present: [xihu] },
        },
        { user: 'district_reviewer', req: supervised, status: 403, why: 'a district bureau supervises no lower level' },
      ];
    },
  },
  'GET /api/review-tasks/{id}': {
    roles: REVIEWERS,
    req: () => get(`/api/review-tasks/${UNKNOWN_ID}`),
    cells: async (w) => {
      const [own, other] = await Promise.all([w.application('xihu'), w.application('shangcheng')]);
      return [
        {
          user: 'district_reviewer',
          req: get(`/api/review-tasks/${own.taskId}`),
          status: 200,
          why: 'own bureau’s task',
        },
        {
          user: 'city_reviewer',
          req: get(`/api/review-tasks/${own.taskId}`),
          status: 403,
          why: 'the district bureau owns the task',
        },
        {
          user: 'province_reviewer',
          req: get(`/api/review-tasks/${own.taskId}`),
          status: 403,
          why: 'the district bureau owns the task',
        },
        {
          user: 'district_reviewer',
          req: get(`/api/review-tasks/${other.taskId}`),
          status: 403,
          why: 'another district’s task',
        },
        { user: 'district_reviewer', req: get(`/api/review-tasks/${UNKNOWN_ID}`), status: 404, why: 'unknown task' },
      ];
    },
  },
  'POST /api/review-tasks/{id}/claim': taskAction('claim', () => ({})),
  'POST /api/review-tasks/{id}/unclaim': taskAction(
    'unclaim',
    () => ({}),
    async (w, taskId) => {
      const r = await w.s.call('POST', `/api/review-tasks/${taskId}/claim`, {
        token: await w.token('district_reviewer'),
      });
      if (r.status !== 200) throw new Error(`claim: ${r.status}`);
    },
  ),
  'POST /api/review-tasks/{id}/assign': taskAction('assign', async (w) => ({
    userId: await w.userId('district_reviewer'),
  })),
  'POST /api/review-tasks/{id}/decision': taskAction('decision', () => ({ decision: 'APPROVE' })),
  'POST /api/review-tasks/{id}/recusal': taskAction(
    'recusal',
    () => ({ reason: '申请人是本人近亲属' }),
    undefined,
    201,
  ),

  'GET /api/consultations': {
    roles: ['STAFFING_OFFICE'],
    req: () => get('/api/consultations'),
    cells: async (w, req) => {
      const asked = await w.consultation();
      return [
        {
          user: 'staffing_office',
          req,
          status: 200,
          why: 'addressed to its own office (第七条第二款)',
          items: { present: [asked] },
        },
        {
          user: 'shangcheng_staffing_office',
          req,
          status: 200,
          why: 'addressed to another staffing office',
          items: { absent: [asked] },
        },
      ];
    },
  },
  'POST /api/consultations/{id}/answer': {
    roles: ['STAFFING_OFFICE'],
    req: () => post(`/api/consultations/${UNKNOWN_ID}/answer`, { answer: '在编' }),
    cells: async (w) => {
      const app = await w.application('xihu');
      const r = await w.s.call('POST', `/api/review-tasks/${app.taskId}/decision`, {
        token: await w.token('district_reviewer'),
        body: { decision: 'CONSULT', comment: '请核实编制' },
      });
      if (r.status !== 200) throw new Error(`consult: ${r.status}`);
      const req = post(`/api/consultations/${r.body.consultationId}/answer`, { answer: '在编' });
      return [
        {
          user: 'shangcheng_staffing_office',
          req,
          status: 403,
          why: 'addressed to another staffing office (第七条第二款)',
        },
        {
          user: 'staffing_office',
          req: post(`/api/consultations/${UNKNOWN_ID}/answer`, { answer: '在编' }),
          status: 404,
          why: 'unknown consultation',
        },
        { user: 'staffing_office', req, status: 200, why: 'addressed to its own office' },
      ];
    },
  },

  'GET /api/certificates/{number}': certificateRead(''),
  'GET /api/certificates/{number}/qr.svg': certificateRead('/qr.svg'),
  'GET /api/certificates/{number}/qr.png': certificateRead('/qr.png'),
  'GET /api/certificates/{number}/card.pdf': {
    roles: ['AGENCY_ADMIN', ...REVIEWERS],
    req: (w) => get(`/api/certificates/${w.cert.wang}/card.pdf`),
    cells: async (w) => {
      const [own, ningbo] = await Promise.all([w.certificate('xihu'), w.certificate('ningbo')]);
      const card = (n: string) => get(`/api/certificates/${n}/card.pdf`);
      return [
        ...each(
          ['AGENCY_ADMIN', 'DISTRICT_REVIEWER', 'CITY_REVIEWER'],
          200,
          'the agency, or the bureaus over it',
        )(w, card(own.number)),
        { user: 'province_reviewer', req: card(ningbo.number), status: 200, why: 'the province covers 宁波' },
        { user: 'agency_admin', req: card(w.cert.wang), status: 403, why: 'another agency' },
        { user: 'district_reviewer', req: card(w.cert.wang), status: 403, why: 'another district' },
        { user: 'city_reviewer', req: card(ningbo.number), status: 403, why: 'another city' },
        { user: 'agency_admin', req: card('NO-SUCH-CARD'), status: 404, why: 'unknown card' },
      ];
    },
  },
  'POST /api/certificates/{number}/cancellation': certificateAction(
    'cancellation',
    () => ({ ground: 'RESIGNATION', effectiveOn: today() }),
    200,
  ),
  'POST /api/certificates/{number}/loss-report': certificateAction('loss-report', () => ({ reason: 'DAMAGED' }), 201),
  'GET /api/public/certificates/{number}': open((w) => get(`/api/public/certificates/${w.cert.zhang}`)),
  'GET /api/public/certificates/{number}/qr.svg': open((w) => get(`/api/public/certificates/${w.cert.zhang}/qr.svg`)),
  'GET /api/public/certificates/{number}/photo': {
    roles: 'public',
    req: (w) => get(`/api/public/certificates/${w.cert.zhang}/photo?token=forged`),
    cells: async (w, req) => {
      const { number, officerId } = await w.certificate('xihu');
      await w.photo(officerId);
      const t = (await qrCodeUrl(w.s, await w.token('agency_admin'), number)).searchParams.get('t')!;
      return [
        {
          user: null,
          req: get(`/api/public/certificates/${number}/photo?token=${t}`),
          status: 200,
          why: 'the card’s QR code',
        },
        { user: null, req, status: 404, why: 'a forged token: nothing about the photo (第二十五条)' },
      ];
    },
  },
  'POST /api/public/certificates/{number}/holder-check': open((w) =>
    post(`/api/public/certificates/${w.cert.zhang}/holder-check`, { holderName: '张伟' }),
  ),
  'POST /api/team-check': {
    roles: ['AGENCY_ADMIN', 'OFFICER', 'SUPERVISOR', 'SANCTION_OFFICER'],
    req: (w) =>
      post('/api/team-check', {
        action: 'INVESTIGATION',
        members: [{ certificateNumber: w.cert.zhang }, { officerId: w.officer.li }],
      }),
    cells: each(
      ['AGENCY_ADMIN', 'OFFICER', 'SUPERVISOR', 'SANCTION_OFFICER'],
      200,
      '第十八条 check: a member out of scope reads as unknown (test/integration/verification.test.ts)',
    ),
  },

  'POST /api/sanctions': {
    roles: ['SANCTION_OFFICER'],
    req: async (w) =>
      post('/api/sanctions', {
        ...sanctionCase((await w.certificate('xihu')).number),
        deliveredAt: new Date().toISOString(),
      }),
    cells: async (w, req) => {
      const [proposed, referred] = await Promise.all([w.certificate('xihu'), w.certificate('xihu')]);
      const { proposalId } = await w.complaint('AWAITING_FEEDBACK', { card: proposed.number, proposal: true });
      const referralId = await w.referral(referred.number);
      return [
        {
          user: 'sanction_officer',
          req: post('/api/sanctions', sanctionCase(w.cert.ningbo)),
          status: 403,
          why: 'a card outside the city (第二十九条)',
        },
        {
          user: 'province_sanction_officer',
          req: post('/api/sanctions', sanctionCase((await w.certificate('xihu')).number)),
          status: 422,
          why: 'in scope, but the province decides only on a referral (第二十九条)',
        },
        {
          user: 'sanction_officer',
          req: post('/api/sanctions', sanctionCase('NO-SUCH-CARD')),
          status: 404,
          why: 'unknown card',
        },
        {
          user: 'sanction_officer',
          req: post('/api/sanctions', { ...sanctionCase(w.cert.zhang), proposalId: UNKNOWN_ID }),
          status: 404,
          why: 'unknown proposal',
        },
        {
          user: 'province_sanction_officer',
          req: post('/api/sanctions', { ...sanctionCase(referred.number), referralId, proposalId }),
          status: 403,
          why: 'a proposal addressed to the city bureau (第二十九条)',
        },
        {
          user: 'province_sanction_officer',
          req: post('/api/sanctions', { ...sanctionCase(referred.number), referralId }),
          status: 201,
          why: 'its referral, still open after that refusal',
        },
        { user: 'sanction_officer', req, status: 201, why: 'a card in its city' },
        {
          user: 'sanction_officer',
          req: post('/api/sanctions', { ...sanctionCase(proposed.number), proposalId }),
          status: 201,
          why: 'decides a complaint’s proposal addressed to it (第二十八条)',
        },
      ];
    },
  },
  'GET /api/sanctions': {
    roles: ['SANCTION_OFFICER', 'SUPERVISOR', 'AGENCY_ADMIN', 'OFFICER'],
    req: () => get('/api/sanctions?limit=100'),
    cells: async (w, req) => {
      const zhang = await w.sanction(w.cert.zhang);
      const colleague = await w.sanction((await w.certificate('xihu')).number);
      const neighbour = await w.sanction((await w.certificate('xihuMarket')).number); // same district, another agency
      const wang = await w.sanction(w.cert.wang);
      const ningbo = await w.ningboSanction();
      return [
        {
          user: 'sanction_officer',
          req,
          status: 200,
          why: 'the cards of its city',
          items: { present: [zhang, neighbour, wang], absent: [ningbo] },
        },
        {
          user: 'province_sanction_officer',
          req,
          status: 200,
          why: 'the province covers 宁波',
          items: { present: [zhang, ningbo] },
        },
        {
          user: 'supervisor',
          req,
          status: 200,
          why: 'the city’s 监察机关: its region',
          items: { present: [zhang, neighbour, wang], absent: [ningbo] },
        },
        {
          user: 'agency_head',
          req,
          status: 200,
          why: 'an agency’s head: its own agency only, as GET /api/sanctions/{id}',
          items: { present: [zhang, colleague], absent: [neighbour, wang, ningbo] },
        },
        {
          user: 'agency_admin',
          req,
          status: 200,
          why: 'own agency',
          items: { present: [zhang, colleague], absent: [neighbour, wang, ningbo] },
        },
        {
          user: 'officer',
          req,
          status: 200,
          why: 'own sanctions only',
          items: { present: [zhang], absent: [colleague, neighbour, wang, ningbo] },
        },
      ];
    },
  },
  'GET /api/sanctions/{id}': {
    roles: ['SANCTION_OFFICER', 'SUPERVISOR', 'AGENCY_ADMIN', 'OFFICER'],
    req: async (w) => get(`/api/sanctions/${await w.sanction(w.cert.zhang)}`),
    cells: async (w, req) => {
      const wang = get(`/api/sanctions/${await w.sanction(w.cert.wang)}`);
      const ningbo = get(`/api/sanctions/${await w.ningboSanction()}`);
      return [
        ...each(
          ['SANCTION_OFFICER', 'SUPERVISOR', 'AGENCY_ADMIN', 'OFFICER'],
          200,
          'the holder, the agency, or the organs of its region',
        )(w, req),
        { user: 'province_sanction_officer', req: ningbo, status: 200, why: 'the province covers 宁波' },
        { user: 'agency_admin', req: wang, status: 403, why: 'another agency' },
        { user: 'officer', req: wang, status: 403, why: 'someone else’s sanction' },
        { user: 'sanction_officer', req: ningbo, status: 403, why: 'another city' },
        { user: 'supervisor', req: ningbo, status: 403, why: 'another city' },
        { user: 'supervisor', req: get(`/api/sanctions/${UNKNOWN_ID}`), status: 404, why: 'unknown sanction' },
      ];
    },
  },
  'POST /api/sanctions/{id}/delivery': {
    roles: ['SANCTION_OFFICER'],
    req: () => post(`/api/sanctions/${UNKNOWN_ID}/delivery`, { deliveredAt: new Date().toISOString() }),
    cells: async (w) => {
      const [ningbo, pending] = [
        await w.ningboSanction(),
        await w.sanction((await w.certificate('xihu')).number, { pending: true }),
      ];
      const body = { deliveredAt: new Date().toISOString() }; // after the decisions
      return [
        {
          user: 'sanction_officer',
          req: post(`/api/sanctions/${ningbo}/delivery`, body),
          status: 403,
          why: 'another city',
        },
        {
          user: 'sanction_officer',
          req: post(`/api/sanctions/${UNKNOWN_ID}/delivery`, body),
          status: 404,
          why: 'unknown sanction',
        },
        {
          user: 'sanction_officer',
          req: post(`/api/sanctions/${pending}/delivery`, body),
          status: 200,
          why: 'its own decision',
        },
      ];
    },
  },
  'POST /api/sanctions/{id}/review': {
    roles: ['OFFICER', 'AGENCY_ADMIN'],
    req: () => post(`/api/sanctions/${UNKNOWN_ID}/review`, { reason: '事实不清' }),
    cells: async (w) => {
      const on = (id: string) => post(`/api/sanctions/${id}/review`, { reason: '事实不清' });
      const wang = on(await w.sanction(w.cert.wang));
      return [
        { user: 'agency_admin', req: wang, status: 403, why: 'another agency’s officer' },
        { user: 'officer', req: wang, status: 403, why: 'someone else’s sanction' },
        { user: 'officer', req: on(UNKNOWN_ID), status: 404, why: 'unknown sanction' },
        { user: 'officer', req: on(await w.sanction(w.cert.zhang)), status: 201, why: 'own sanction (第三十二条)' },
        {
          user: 'agency_admin',
          req: on(await w.sanction((await w.certificate('xihu')).number)),
          status: 201,
          why: 'own agency’s officer (第三十二条)',
        },
      ];
    },
  },
  'POST /api/sanctions/{id}/review/decision': {
    roles: ['SANCTION_OFFICER'],
    req: () => post(`/api/sanctions/${UNKNOWN_ID}/review/decision`, { outcome: 'UPHELD', comment: '维持' }),
    cells: async (w) => {
      const body = { outcome: 'UPHELD', comment: '维持' };
      const reviewed = await w.sanction((await w.certificate('xihu')).number);
      const filed = await w.s.call('POST', `/api/sanctions/${reviewed}/review`, {
        token: await w.token('agency_admin'),
        body: { reason: '事实不清' },
      });
      if (filed.status !== 201) throw new Error(`复核: ${filed.status}`);
      return [
        {
          user: 'sanction_officer',
          req: post(`/api/sanctions/${await w.ningboSanction()}/review/decision`, body),
          status: 403,
          why: 'another city',
        },
        {
          user: 'sanction_officer',
          req: post(`/api/sanctions/${UNKNOWN_ID}/review/decision`, body),
          status: 404,
          why: 'unknown sanction',
        },
        {
          user: 'sanction_officer',
          req: post(`/api/sanctions/${reviewed}/review/decision`, body),
          status: 200,
          why: 'its own decision’s 复核',
        },
      ];
    },
  },
  'GET /api/sanction-tasks': {
    roles: ['AGENCY_ADMIN'],
    req: () => get('/api/sanction-tasks'),
    cells: async (w, req) => {
      const task = async (o: 'xihu' | 'shangcheng') =>
        w.sanctionTask(await w.sanction((await w.certificate(o)).number));
      const [xihu, shangcheng] = [await task('xihu'), await task('shangcheng')];
      return [
        {
          user: 'agency_admin',
          req,
          status: 200,
          why: 'own agency’s tasks (第三十条)',
          items: { present: [xihu], absent: [shangcheng] },
        },
        {
          user: 'shangcheng_admin',
          req,
          status: 200,
          why: 'own agency’s tasks (第三十条)',
          items: { present: [shangcheng], absent: [xihu] },
        },
      ];
    },
  },
  'POST /api/sanction-tasks/{id}/complete': {
    roles: ['AGENCY_ADMIN'],
    req: () => post(`/api/sanction-tasks/${UNKNOWN_ID}/complete`, { note: '已培训' }),
    cells: async (w) => {
      const on = (id: string) => post(`/api/sanction-tasks/${id}/complete`, { note: '已培训' });
      return [
        {
          user: 'agency_admin',
          req: on(await w.sanctionTask(await w.sanction((await w.certificate('shangcheng')).number))),
          status: 403,
          why: 'another agency’s task (第三十条)',
        },
        { user: 'agency_admin', req: on(UNKNOWN_ID), status: 404, why: 'unknown task' },
        {
          user: 'agency_admin',
          req: on(await w.sanctionTask(await w.sanction((await w.certificate('xihu')).number))),
          status: 200,
          why: 'own agency’s task (第三十条)',
        },
      ];
    },
  },
  'POST /api/sanction-referrals': {
    roles: ['SANCTION_OFFICER'],
    req: async (w) => post('/api/sanction-referrals', sanctionCase((await w.certificate('xihu')).number)),
    cells: (w, req) => [
      { user: 'province_sanction_officer', req, status: 403, why: 'only the city bureau refers (第二十九条)' },
      {
        user: 'sanction_officer',
        req: post('/api/sanction-referrals', sanctionCase(w.cert.ningbo)),
        status: 403,
        why: 'a card outside the city',
      },
      {
        user: 'sanction_officer',
        req: post('/api/sanction-referrals', sanctionCase('NO-SUCH-CARD')),
        status: 404,
        why: 'unknown card',
      },
      { user: 'sanction_officer', req, status: 201, why: 'a card in its city' },
    ],
  },
  'GET /api/sanction-referrals': {
    roles: ['SANCTION_OFFICER'],
    req: () => get('/api/sanction-referrals'),
    cells: async (w, req) => {
      const made = await w.referral((await w.certificate('xihu')).number);
      const [ningbo, elsewhere] = [
        await w.foreignReferral(w.bureau.province),
        await w.foreignReferral(crypto.randomUUID()),
      ];
      return [
        {
          user: 'sanction_officer',
          req,
          status: 200,
          why: 'referrals it made (第二十九条)',
          items: { present: [made], absent: [ningbo, elsewhere] },
        },
        {
          user: 'province_sanction_officer',
          req,
          status: 200,
          why: 'referrals addressed to it',
          items: { present: [made, ningbo], absent: [elsewhere] },
        },
      ];
    },
  },
  'GET /api/sanction-referrals/{id}': {
    roles: ['SANCTION_OFFICER'],
    req: () => get(`/api/sanction-referrals/${UNKNOWN_ID}`),
    cells: async (w) => {
      const made = get(`/api/sanction-referrals/${await w.referral((await w.certificate('xihu')).number)}`);
      const ningbo = get(`/api/sanction-referrals/${await w.foreignReferral(w.bureau.province)}`);
      return [
        { user: 'sanction_officer', req: made, status: 200, why: 'a referral it made (第二十九条)' },
        { user: 'sanction_officer', req: ningbo, status: 403, why: 'another city bureau’s referral' },
        { user: 'province_sanction_officer', req: made, status: 200, why: 'addressed to it' },
        { user: 'province_sanction_officer', req: ningbo, status: 200, why: 'addressed to it, from another city' },
        {
          user: 'province_sanction_officer',
          req: get(`/api/sanction-referrals/${await w.foreignReferral(crypto.randomUUID())}`),
          status: 403,
          why: 'addressed to another province',
        },
      ];
    },
  },
  'POST /api/sanction-referrals/{id}/decline': {
    roles: ['SANCTION_OFFICER'],
    req: () => post(`/api/sanction-referrals/${UNKNOWN_ID}/decline`, { reason: '不予处理' }),
    cells: async (w) => {
      const req = post(`/api/sanction-referrals/${await w.referral((await w.certificate('xihu')).number)}/decline`, {
        reason: '不予处理',
      });
      return [
        { user: 'sanction_officer', req, status: 403, why: 'addressed to the province' },
        {
          user: 'province_sanction_officer',
          req: post(`/api/sanction-referrals/${UNKNOWN_ID}/decline`, { reason: '不予处理' }),
          status: 404,
          why: 'unknown referral',
        },
        { user: 'province_sanction_officer', req, status: 200, why: 'addressed to it' },
      ];
    },
  },

  'POST /api/cleanup-runs': {
    roles: ['CITY_REVIEWER'],
    req: () => post('/api/cleanup-runs', { year: CLEANUP_YEAR + 1 }),
    cells: (_w, req) => [
      {
        user: 'city_reviewer',
        req: post('/api/cleanup-runs', { year: CLEANUP_YEAR }),
        status: 409,
        why: 'that year’s clean-up has already run (第十条)',
      },
      { user: 'city_reviewer', req, status: 202, why: 'the city bureau starts it (第十条)' },
    ],
  },
  'GET /api/cleanup-runs/{year}': {
    roles: REVIEWERS,
    req: () => get(`/api/cleanup-runs/${CLEANUP_YEAR}`),
    cells: (w, req) => [
      ...each(REVIEWERS, 200, 'counts of its own region')(w, req),
      { user: 'city_reviewer', req: get('/api/cleanup-runs/2001'), status: 404, why: 'no clean-up that year' },
    ],
  },
  'GET /api/cleanup-tasks': {
    roles: ['AGENCY_ADMIN', ...REVIEWERS],
    req: () => get(`/api/cleanup-tasks?year=${CLEANUP_YEAR}&limit=100`),
    cells: (w, req) => {
      const { xihu, xihuMarket, shangcheng, ningbo } = w.cleanupTask;
      return [
        {
          user: 'agency_admin',
          req,
          status: 200,
          why: 'own agency’s task (第十条)',
          items: { present: [xihu], absent: [xihuMarket, shangcheng, ningbo] },
        },
        {
          user: 'district_reviewer',
          req,
          status: 200,
          why: 'own district',
          items: { present: [xihu, xihuMarket], absent: [shangcheng, ningbo] },
        },
        {
          user: 'district_reviewer_shangcheng',
          req,
          status: 200,
          why: 'own district',
          items: { present: [shangcheng], absent: [xihu] },
        },
        {
          user: 'city_reviewer',
          req,
          status: 200,
          why: 'own city',
          items: { present: [xihu, shangcheng], absent: [ningbo] },
        },
        {
          user: 'province_reviewer',
          req,
          status: 200,
          why: 'the province covers 宁波',
          items: { present: [xihu, shangcheng, ningbo] },
        },
      ];
    },
  },
  'GET /api/cleanup-tasks/{id}': {
    roles: ['AGENCY_ADMIN', ...REVIEWERS],
    req: (w) => get(`/api/cleanup-tasks/${w.cleanupTask.xihu}`),
    cells: (w, req) => {
      const task = (o: keyof World['org']) => get(`/api/cleanup-tasks/${w.cleanupTask[o]}`);
      return [
        ...each(['AGENCY_ADMIN', ...REVIEWERS], 200, 'own agency, or the reviewers of its region')(w, req),
        { user: 'province_reviewer', req: task('ningbo'), status: 200, why: 'the province covers 宁波' },
        { user: 'agency_admin', req: task('shangcheng'), status: 403, why: 'another agency’s task' },
        { user: 'district_reviewer_shangcheng', req, status: 403, why: 'another district’s task' },
        { user: 'city_reviewer', req: task('ningbo'), status: 403, why: 'another city’s task' },
        { user: 'agency_admin', req: get(`/api/cleanup-tasks/${UNKNOWN_ID}`), status: 404, why: 'unknown task' },
      ];
    },
  },
  'POST /api/cleanup-tasks/{id}/findings/{findingId}/resolution': {
    roles: ['AGENCY_ADMIN'],
    req: () =>
      post(`/api/cleanup-tasks/${UNKNOWN_ID}/findings/${UNKNOWN_ID}/resolution`, {
        action: 'KEEP',
        note: '已安排补训',
      }),
    cells: async (w) => {
      const resolve = (f: { taskId: string; findingId: string }) =>
        post(`/api/cleanup-tasks/${f.taskId}/findings/${f.findingId}/resolution`, {
          action: 'KEEP',
          note: '已安排补训',
        });
      const [own, other] = await Promise.all([w.cleanupFinding('xihu'), w.cleanupFinding('shangcheng')]);
      return [
        { user: 'agency_admin', req: resolve(other), status: 403, why: 'another agency’s task (第十条)' },
        {
          user: 'agency_admin',
          req: resolve({ taskId: UNKNOWN_ID, findingId: own.findingId }),
          status: 404,
          why: 'unknown task',
        },
        {
          user: 'agency_admin',
          req: resolve({ taskId: own.taskId, findingId: other.findingId }),
          status: 404,
          why: 'a finding of another task',
        },
        { user: 'agency_admin', req: resolve(own), status: 200, why: 'own agency’s finding (第十条)' },
      ];
    },
  },

  'POST /api/public/complaints': {
    roles: 'public',
    req: (w) => post('/api/public/complaints', complaintSubmission(w.org.xihu, w.cert.zhang)),
    cells: (w, req) => [
      {
        user: null,
        req: post('/api/public/complaints', complaintSubmission(w.org.shangcheng, w.cert.zhang)),
        status: 422,
        why: 'not an organ the complainant may address (第二十八条)',
      },
      { user: null, req, status: 201, why: 'anyone files, without login (第二十八条)' },
    ],
  },
  'GET /api/public/complaints/{code}': byReceiptCode((code) => get(`/api/public/complaints/${code}`), 200),
  'POST /api/public/complaints/{code}/information': byReceiptCode(
    (code) => post(`/api/public/complaints/${code}/information`, { text: '补充：有现场录音' }),
    201,
  ),
  'POST /api/public/complaints/{code}/attachments': byReceiptCode(
    (code) => pdf(`/api/public/complaints/${code}/attachments`),
    201,
  ),
  'GET /api/public/complaint-organs': open(() => get('/api/public/complaint-organs')),
  'GET /api/public/sign-in': open(() => get('/api/public/sign-in')),
  'POST /api/complaints': {
    roles: ['SUPERVISOR'],
    req: (w) => post('/api/complaints', complaintSubmission(w.jianwei, w.cert.zhang)),
    cells: (w, req) => [
      {
        user: 'supervisor',
        req: post('/api/complaints', complaintSubmission(w.org.shangcheng, w.cert.zhang)),
        status: 422,
        why: 'not an organ the complainant may address (第二十八条)',
      },
      { user: 'agency_head', req, status: 403, why: 'an agency’s head is not a supervising organ (第二十八条)' },
      { user: 'supervisor', req, status: 201, why: 'files a complaint it received (第二十八条)' },
    ],
  },
  'GET /api/complaint-tasks': {
    roles: ['COMPLAINT_HANDLER', 'SUPERVISOR'],
    req: () => get('/api/complaint-tasks?limit=100'),
    cells: async (w, req) => {
      const supervised = get('/api/complaint-tasks?scope=supervised&limit=100');
      const done = get('/api/complaint-tasks?status=DONE&limit=100');
      const filed = await Promise.all([
        w.complaint('AWAITING_ACCEPTANCE'),
        w.complaint('AWAITING_ACCEPTANCE', { organ: 'jianwei' }),
        w.complaint('AWAITING_ACCEPTANCE', { organ: 'ningbo', card: w.cert.ningbo }),
      ]);
      const [xihu, jianwei, ningbo] = await Promise.all(filed.map((c) => w.complaintTask(c.id)));
      // Past their due time: what a supervisor oversees (第二十八条).
      await w.s.t.db.complaintTask.updateMany({
        where: { id: { in: [xihu, jianwei, ningbo] } },
        data: { overdue: true },
      });
      // Transferred by 西湖区执法局 to 监察机关: its acceptance task is done, the complaint no longer its to read (第二十五条).
      const moved = await w.complaint('AWAITING_ACCEPTANCE');
      const movedTask = await w.complaintTask(moved.id);
      const t = await w.s.call('POST', `/api/complaints/${moved.id}/transfer`, {
        token: await w.token('complaint_handler'),
        body: { organisationId: w.jianwei, reason: '涉嫌违纪，转交监察机关' },
      });
      if (t.status !== 200) throw new Error(`transfer: ${t.status}`);
      return [
        {
          user: 'complaint_handler',
          req,
          status: 200,
          why: 'own organ’s inbox',
          items: { present: [xihu], absent: [jianwei, ningbo] },
        },
        {
          user: 'complaint_handler',
          req: done,
          status: 200,
          why: 'a complaint it transferred: read by the new organ only, as GET /api/complaints/{id}',
          items: { absent: [movedTask] },
        },
        {
          user: 'agency_head',
          req,
          status: 200,
          why: 'own organ’s inbox',
          items: { present: [xihu], absent: [jianwei, ningbo] },
        },
        {
          user: 'supervisory_handler',
          req,
          status: 200,
          why: 'own organ’s inbox',
          items: { present: [jianwei], absent: [xihu, ningbo] },
        },
        {
          user: 'supervisor',
          req: supervised,
          status: 200,
          why: 'overdue tasks of the organs in its region',
          items: { present: [xihu, jianwei], absent: [ningbo] },
        },
        { user: 'agency_head', req: supervised, status: 403, why: 'an agency’s head oversees its own organ only' },
        { user: 'complaint_handler', req: supervised, status: 403, why: 'a handler supervises no other organ' },
      ];
    },
  },
  'GET /api/complaints/statistics': {
    roles: ['COMPLAINT_HANDLER', 'SUPERVISOR'],
    req: () => get('/api/complaints/statistics'),
    itemId: (item) => item.organisationId,
    cells: async (w, req) => {
      await Promise.all([
        w.complaint('AWAITING_ACCEPTANCE'),
        w.complaint('AWAITING_ACCEPTANCE', { organ: 'jianwei' }),
        w.complaint('AWAITING_ACCEPTANCE', { organ: 'ningbo', card: w.cert.ningbo }),
      ]);
      const { xihu, ningbo } = w.org;
      return [
        {
          user: 'complaint_handler',
          req,
          status: 200,
          why: 'own organ',
          items: { present: [xihu], absent: [w.jianwei, ningbo] },
        },
        {
          user: 'agency_head',
          req,
          status: 200,
          why: 'own organ',
          items: { present: [xihu], absent: [w.jianwei, ningbo] },
        },
        {
          user: 'supervisory_handler',
          req,
          status: 200,
          why: 'own organ',
          items: { present: [w.jianwei], absent: [xihu] },
        },
        {
          user: 'supervisor',
          req,
          status: 200,
          why: 'the organs in its region',
          items: { present: [xihu, w.jianwei], absent: [ningbo] },
        },
      ];
    },
  },
  'GET /api/complaints/{id}': complaintRead(),
  'GET /api/complaints/{id}/attachments/{attachmentId}': complaintRead((c) => `/attachments/${c.attachmentId}`),
  'POST /api/complaints/{id}/accept': complaintAction('accept', () => ({}), 'AWAITING_ACCEPTANCE', HANDLER),
  'POST /api/complaints/{id}/transfer': {
    ...complaintAction(
      'transfer',
      (w) => ({ organisationId: w.jianwei, reason: '涉嫌违纪，转交监察机关' }),
      'AWAITING_ACCEPTANCE',
      HANDLER,
    ),
    cells: async (w, req) => {
      const { id } = await w.complaint('AWAITING_ACCEPTANCE');
      const to = (organisationId: string) =>
        post(`/api/complaints/${id}/transfer`, { organisationId, reason: '转交有权机关' });
      return [
        {
          user: 'complaint_handler',
          req: to(w.org.shangcheng),
          status: 422,
          why: 'an organ without competence over the officer (第二十八条)',
        },
        {
          user: 'complaint_handler',
          req: to(w.staffing.city),
          status: 422,
          why: 'a staffing office handles no complaint (第二十八条)',
        },
        ...(await complaintAction(
          'transfer',
          (w) => ({ organisationId: w.jianwei, reason: '涉嫌违纪，转交监察机关' }),
          'AWAITING_ACCEPTANCE',
          HANDLER,
        ).cells(w, req)),
      ];
    },
  },
  'POST /api/complaints/{id}/extension': complaintAction(
    'extension',
    () => ({ reason: '需调取执法记录仪视频' }),
    'INVESTIGATING',
    HANDLER,
  ),
  'POST /api/complaints/{id}/extension/decision': complaintAction(
    'extension/decision',
    () => ({ approve: true, comment: '同意延期' }),
    'EXTENSION_REQUESTED',
    {
      role: 'SUPERVISOR',
      user: 'agency_head',
      outsider: 'supervisor',
      why: 'a supervisory organ oversees; the handling organ’s head decides',
    },
  ),
  'POST /api/complaints/{id}/result': complaintAction(
    'result',
    () => ({ finding: 'NOT_SUBSTANTIATED', measures: '经查不属实' }),
    'INVESTIGATING',
    HANDLER,
  ),
  'POST /api/complaints/{id}/feedback': complaintAction(
    'feedback',
    () => ({ channel: 'PUBLISHED', content: '经查不属实' }),
    'AWAITING_FEEDBACK',
    HANDLER,
  ),
  'POST /api/complaints/{id}/close': complaintAction('close', () => ({ note: '办结' }), 'FEEDBACK_GIVEN', HANDLER),
  'POST /api/complaints/{id}/recusal': complaintAction(
    'recusal',
    () => ({ reason: '与被投诉人系同学关系' }),
    'INVESTIGATING',
    HANDLER,
    201,
  ),
  'POST /api/complaints/{id}/reopen': {
    roles: ['SUPERVISOR'],
    req: () => post(`/api/complaints/${UNKNOWN_ID}/reopen`, { reason: '投诉人提出异议' }),
    cells: async (w) => {
      const on = (c: Complaint) => post(`/api/complaints/${c.id}/reopen`, { reason: '投诉人提出异议' });
      const [closed, jianwei] = await Promise.all([
        w.complaint('CLOSED'),
        w.complaint('AWAITING_ACCEPTANCE', { organ: 'jianwei' }),
      ]);
      return [
        {
          user: 'agency_head',
          req: on(jianwei),
          status: 403,
          why: 'the head of the officer’s agency, not handling it (第二十五条)',
        },
        {
          user: 'agency_head',
          req: on(closed),
          status: 403,
          why: 'its own organ’s complaint: the head does not reopen it, the supervising organ does (第二十八条)',
        },
        { user: 'supervisor', req: on({ id: UNKNOWN_ID, receiptCode: '' }), status: 404, why: 'unknown complaint' },
        {
          user: 'supervisor',
          req: on(closed),
          status: 200,
          why: 'the supervisory organ over the handling organ (第二十八条)',
        },
      ];
    },
  },
  'GET /api/sanction-proposals': {
    roles: ['SANCTION_OFFICER'],
    req: () => get('/api/sanction-proposals'),
    cells: async (w, req) => {
      const { proposalId } = await w.complaint('AWAITING_FEEDBACK', { proposal: true });
      const elsewhere = await w.foreignProposal();
      return [
        {
          user: 'sanction_officer',
          req,
          status: 200,
          why: 'addressed to its bureau (第二十九条)',
          items: { present: [proposalId!], absent: [elsewhere] },
        },
        {
          user: 'province_sanction_officer',
          req,
          status: 200,
          why: 'addressed to the city bureau, not to it',
          items: { absent: [proposalId!, elsewhere] },
        },
      ];
    },
  },
  'GET /api/sanction-proposals/{id}': proposalEntry((id) => get(`/api/sanction-proposals/${id}`)),
  'POST /api/sanction-proposals/{id}/decline': proposalEntry((id) =>
    post(`/api/sanction-proposals/${id}/decline`, { reason: '证据不足' }),
  ),

  // 第三条: the city justice bureau runs the system, so it alone sees the processes in trouble.
  'GET /api/operations/stuck-processes': {
    roles: ['CITY_REVIEWER', 'SANCTION_OFFICER', 'SUPERVISOR'],
    req: () => get('/api/operations/stuck-processes'),
    cells: (_w, req) => [
      { user: 'city_reviewer', req, status: 200, why: 'the city justice bureau' },
      { user: 'sanction_officer', req, status: 200, why: 'the city justice bureau' },
      { user: 'province_sanction_officer', req, status: 403, why: 'the province does not run the city’s system' },
      { user: 'supervisor', req, status: 403, why: 'a supervisory organ, not the justice bureau' },
      { user: 'agency_head', req, status: 403, why: 'an agency’s head' },
    ],
  },

  // 第三条: the city bureau's system admin administers organisations and users; an agency admin its own officers' logins.
  'GET /api/admin/regions': {
    roles: ['SYSTEM_ADMIN'],
    req: () => get('/api/admin/regions'),
    cells: (_w, req) => [
      {
        user: 'system_admin',
        req,
        status: 200,
        why: 'every region',
        items: { present: ['330000', '330100', '330106'] },
      },
    ],
    itemId: (region) => region.code,
  },
  'GET /api/admin/organisations': {
    roles: ['SYSTEM_ADMIN'],
    req: () => get('/api/admin/organisations'),
    cells: (w, req) => [
      {
        user: 'system_admin',
        req,
        status: 200,
        why: 'the whole deployment, inside and outside the city',
        items: { present: [w.org.xihu, w.org.ningbo, w.bureau.province, w.staffing.shangcheng] },
      },
    ],
  },
  'GET /api/admin/organisations/{id}': {
    roles: ['SYSTEM_ADMIN'],
    req: (w) => get(`/api/admin/organisations/${w.org.xihu}`),
    cells: (w, req) => [
      { user: 'system_admin', req, status: 200, why: 'any organisation' },
      {
        user: 'system_admin',
        req: get(`/api/admin/organisations/${w.org.ningbo}`),
        status: 200,
        why: 'outside the city too',
      },
      { user: 'system_admin', req: get(`/api/admin/organisations/${UNKNOWN_ID}`), status: 404, why: 'unknown' },
    ],
  },
  'POST /api/admin/organisations': {
    roles: ['SYSTEM_ADMIN'],
    req: () =>
      post('/api/admin/organisations', {
        name: `矩阵测试执法局${crypto.randomUUID().slice(0, 8)}`,
        type: 'AGENCY',
        level: 'DISTRICT',
        regionCode: '330106',
        agencyKind: 'GOVERNMENT_BODY',
      }),
    cells: (_w, req) => [
      { user: 'system_admin', req, status: 201, why: 'registers an agency under an existing bureau' },
    ],
  },
  'PATCH /api/admin/organisations/{id}': {
    roles: ['SYSTEM_ADMIN'],
    req: (w) => post(`/api/admin/organisations/${w.org.xihuMarket}`, { system: '市场监管' }),
    cells: (w, req) => [
      { user: 'system_admin', req, status: 200, why: 'any organisation' },
      {
        user: 'system_admin',
        req: post(`/api/admin/organisations/${UNKNOWN_ID}`, { system: '市场监管' }),
        status: 404,
        why: 'unknown',
      },
    ],
  },
  'GET /api/admin/users': {
    roles: ['SYSTEM_ADMIN', 'AGENCY_ADMIN'],
    req: () => get('/api/admin/users'),
    cells: async (w, req) => [
      {
        user: 'system_admin',
        req,
        status: 200,
        why: 'every user',
        items: {
          present: await Promise.all(['agency_admin', 'officer', 'ningbo_admin', 'province_reviewer'].map(w.userId)),
        },
      },
      {
        user: 'agency_admin',
        req,
        status: 200,
        why: 'its own officers’ logins only',
        items: {
          present: [await w.userId('officer')],
          absent: await Promise.all(
            ['agency_admin', 'complaint_handler', 'shangcheng_admin', 'ningbo_admin'].map(w.userId),
          ),
        },
      },
    ],
  },
  'GET /api/admin/users/{id}': {
    roles: ['SYSTEM_ADMIN', 'AGENCY_ADMIN'],
    req: async (w) => get(`/api/admin/users/${await w.userId('officer')}`),
    cells: async (w, req) => [
      { user: 'agency_admin', req, status: 200, why: 'its own officer’s login' },
      {
        user: 'agency_admin',
        req: get(`/api/admin/users/${await w.userId('complaint_handler')}`),
        status: 403,
        why: 'a colleague who is not an officer login',
      },
      {
        user: 'agency_admin',
        req: get(`/api/admin/users/${await w.userId('shangcheng_admin')}`),
        status: 403,
        why: 'another agency',
      },
      {
        user: 'system_admin',
        req: get(`/api/admin/users/${await w.userId('ningbo_admin')}`),
        status: 200,
        why: 'any user',
      },
      { user: 'system_admin', req: get(`/api/admin/users/${UNKNOWN_ID}`), status: 404, why: 'unknown' },
    ],
  },
  'POST /api/admin/users': {
    roles: ['SYSTEM_ADMIN', 'AGENCY_ADMIN'],
    req: () => post('/api/admin/users', { username: 'matrix.denied', displayName: '矩阵' }),
    cells: async (w) => {
      const login = async (org: 'xihu' | 'shangcheng') => ({
        username: `m.${crypto.randomUUID().slice(0, 8)}`,
        displayName: '矩阵测试',
        officerId: (await w.eligibleOfficer(org)).id,
      });
      return [
        {
          user: 'agency_admin',
          req: post('/api/admin/users', await login('xihu')),
          status: 201,
          why: 'its own officer',
        },
        {
          user: 'agency_admin',
          req: post('/api/admin/users', { ...(await login('shangcheng')), organisationId: w.org.shangcheng }),
          status: 403,
          why: 'another agency’s officer',
        },
        {
          user: 'agency_admin',
          req: post('/api/admin/users', { ...(await login('xihu')), roles: ['COMPLAINT_HANDLER'] }),
          status: 403,
          why: 'a role other than OFFICER',
        },
        {
          user: 'system_admin',
          req: post('/api/admin/users', {
            username: `m.${crypto.randomUUID().slice(0, 8)}`,
            displayName: '矩阵测试审核员',
            organisationId: w.bureau.shangcheng,
            roles: ['DISTRICT_REVIEWER'],
          }),
          status: 201,
          why: 'any organisation, a role that fits it',
        },
      ];
    },
  },
  'PATCH /api/admin/users/{id}': {
    roles: ['SYSTEM_ADMIN', 'AGENCY_ADMIN'],
    req: async (w) => post(`/api/admin/users/${await w.userId('officer')}`, { active: true }),
    cells: async (w) => {
      const officerLogin = async () =>
        (
          await w.s.t.db.user.create({
            data: {
              username: `m.${crypto.randomUUID().slice(0, 8)}`,
              displayName: '矩阵测试',
              roles: ['OFFICER'],
              organisationId: w.org.xihu,
              officerId: (await w.eligibleOfficer('xihu')).id,
            },
          })
        ).id;
      const mine = await officerLogin();
      return [
        {
          user: 'agency_admin',
          req: post(`/api/admin/users/${mine}`, { active: false }),
          status: 200,
          why: 'deactivates its own officer’s login',
        },
        {
          user: 'agency_admin',
          req: post(`/api/admin/users/${mine}`, { displayName: '改名' }),
          status: 403,
          why: 'only activates or deactivates',
        },
        {
          user: 'agency_admin',
          req: post(`/api/admin/users/${await w.userId('complaint_handler')}`, { active: false }),
          status: 403,
          why: 'a colleague who is not an officer login',
        },
        {
          user: 'agency_admin',
          req: post(`/api/admin/users/${await w.userId('shangcheng_admin')}`, { active: false }),
          status: 403,
          why: 'another agency',
        },
        {
          user: 'system_admin',
          req: post(`/api/admin/users/${await officerLogin()}`, { displayName: '改名' }),
          status: 200,
          why: 'any user',
        },
        {
          user: 'system_admin',
          req: post(`/api/admin/users/${UNKNOWN_ID}`, { active: false }),
          status: 404,
          why: 'unknown',
        },
      ];
    },
  },
  'GET /api/admin/officer-candidates': {
    roles: ['SYSTEM_ADMIN', 'AGENCY_ADMIN'],
    req: (w) => get(`/api/admin/officer-candidates?organisationId=${w.org.xihu}`),
    cells: async (w, req) => {
      const fresh = (await w.eligibleOfficer('xihu')).id;
      return [
        {
          user: 'agency_admin',
          req,
          status: 200,
          why: 'its own officers without a login',
          items: { present: [fresh], absent: [w.officer.zhang] },
        },
        {
          user: 'agency_admin',
          req: get(`/api/admin/officer-candidates?organisationId=${w.org.shangcheng}`),
          status: 403,
          why: 'another agency',
        },
        {
          user: 'system_admin',
          req,
          status: 200,
          why: 'any organisation',
          items: { present: [fresh], absent: [w.officer.zhang] },
        },
      ];
    },
  },

  // Issue #14 §4: an agency imports and exports its own people; the city bureau's system admin any agency's.
  'POST /api/imports/{kind}': {
    roles: ['SYSTEM_ADMIN', 'AGENCY_ADMIN'],
    req: () => ({
      path: '/api/imports/officers?mode=check',
      file: { contentType: 'text/csv', fileName: 'people.csv', data: Buffer.from('姓名,身份证号\r\n', 'utf8') },
    }),
    cells: (_w, req) => [
      { user: 'agency_admin', req, status: 200, why: 'checks a file for its own agency' },
      { user: 'system_admin', req, status: 200, why: 'checks a file for any agency' },
    ],
  },
  'GET /api/exports/{kind}': {
    roles: ['SYSTEM_ADMIN', 'AGENCY_ADMIN'],
    req: () => get('/api/exports/officers?format=csv'),
    cells: (w, req) => [
      { user: 'agency_admin', req, status: 200, why: 'its own agency' },
      {
        user: 'agency_admin',
        req: get(`/api/exports/officers?format=csv&organisationId=${w.org.shangcheng}`),
        status: 403,
        why: 'another agency',
      },
      {
        user: 'system_admin',
        req: get(`/api/exports/officers?format=csv&organisationId=${w.org.shangcheng}`),
        status: 200,
        why: 'any agency',
      },
    ],
  },

  // 第六条: exam registration (考试申报). The justice bureau's staff publish and decide; agencies register.
  'POST /api/exam-sessions': {
    roles: ['DISTRICT_REVIEWER', 'CITY_REVIEWER'],
    req: () => post('/api/exam-sessions', examSessionBody()),
    cells: (_w, req) => [
      { user: 'district_reviewer', req, status: 201, why: 'a district bureau publishes for its district' },
      { user: 'city_reviewer', req, status: 201, why: 'the city bureau publishes for the city' },
    ],
  },
  'GET /api/exam-sessions': {
    roles: ['DISTRICT_REVIEWER', 'CITY_REVIEWER', 'AGENCY_ADMIN'],
    req: () => get('/api/exam-sessions'),
    cells: async (w, req) => {
      const [xihu, shangcheng, city] = await Promise.all([
        examSession(w, 'district_reviewer'),
        examSession(w, 'district_reviewer_shangcheng'),
        examSession(w, 'city_reviewer'),
      ]);
      return [
        {
          user: 'agency_admin',
          req,
          status: 200,
          why: 'its district’s and the city’s',
          items: { present: [xihu, city], absent: [shangcheng] },
        },
        {
          user: 'shangcheng_admin',
          req,
          status: 200,
          why: 'its district’s and the city’s',
          items: { present: [shangcheng, city], absent: [xihu] },
        },
        {
          user: 'district_reviewer',
          req,
          status: 200,
          why: 'its own district',
          items: { present: [xihu], absent: [shangcheng, city] },
        },
        {
          user: 'city_reviewer',
          req,
          status: 200,
          why: 'the city and its districts',
          items: { present: [xihu, shangcheng, city] },
        },
      ];
    },
  },
  'GET /api/exam-sessions/{id}': {
    roles: ['DISTRICT_REVIEWER', 'CITY_REVIEWER', 'AGENCY_ADMIN'],
    req: async (w) => get(`/api/exam-sessions/${await examSession(w, 'district_reviewer')}`),
    cells: async (w, req) => {
      const shangcheng = get(`/api/exam-sessions/${await examSession(w, 'district_reviewer_shangcheng')}`);
      return [
        { user: 'agency_admin', req, status: 200, why: 'a session of its district' },
        { user: 'district_reviewer', req, status: 200, why: 'its own bureau’s' },
        { user: 'city_reviewer', req, status: 200, why: 'a district of the city' },
        { user: 'agency_admin', req: shangcheng, status: 403, why: 'another district’s session' },
        { user: 'district_reviewer', req: shangcheng, status: 403, why: 'another district’s session' },
        { user: 'agency_admin', req: get(`/api/exam-sessions/${UNKNOWN_ID}`), status: 404, why: 'unknown session' },
      ];
    },
  },
  'POST /api/exam-sessions/{id}/results': {
    roles: ['DISTRICT_REVIEWER', 'CITY_REVIEWER'],
    req: async (w) => ({
      path: `/api/exam-sessions/${await examSession(w, 'district_reviewer')}/results`,
      file: {
        contentType: 'text/csv',
        fileName: 'results.csv',
        data: Buffer.from('身份证号,考试结果,分数\r\n', 'utf8'),
      },
    }),
    cells: (_w, req) => [
      { user: 'district_reviewer', req, status: 409, why: 'its own session, still open for registration' },
      { user: 'city_reviewer', req, status: 403, why: 'another bureau’s session' },
      { user: 'district_reviewer_shangcheng', req, status: 403, why: 'another district’s session' },
      {
        user: 'district_reviewer',
        req: { ...req, path: `/api/exam-sessions/${UNKNOWN_ID}/results` },
        status: 404,
        why: 'unknown session',
      },
    ],
  },
  'POST /api/exam-sessions/{id}/registrations': {
    roles: ['AGENCY_ADMIN'],
    req: async (w) =>
      post(
        `/api/exam-sessions/${await examSession(w, 'district_reviewer')}/registrations`,
        await registrationBody(w, await examCandidate(w, 'xihu')),
      ),
    cells: async (w, req) => {
      const shangcheng = await examSession(w, 'district_reviewer_shangcheng');
      return [
        { user: 'agency_admin', req, status: 201, why: 'its own 在编 officer, a session of its district' },
        {
          user: 'agency_admin',
          req: { ...req, path: `/api/exam-sessions/${shangcheng}/registrations` },
          status: 403,
          why: 'another district’s session',
        },
        {
          user: 'agency_admin',
          req: { ...req, path: `/api/exam-sessions/${UNKNOWN_ID}/registrations` },
          status: 404,
          why: 'unknown session',
        },
      ];
    },
  },
  'POST /api/exam-registrations/{id}/resubmit': {
    roles: ['AGENCY_ADMIN'],
    req: async (w) =>
      post(`/api/exam-registrations/${await examRegistration(w, true)}/resubmit`, {
        attachmentIds: [await w.attachment('agency_admin')],
        declaration: true,
      }),
    cells: (_w, req) => [
      { user: 'agency_admin', req, status: 200, why: 'its own refused registration' },
      { user: 'shangcheng_admin', req, status: 403, why: 'another agency’s registration' },
      {
        user: 'agency_admin',
        req: { ...req, path: `/api/exam-registrations/${UNKNOWN_ID}/resubmit` },
        status: 404,
        why: 'unknown registration',
      },
    ],
  },
  'POST /api/exam-registrations/{id}/decision': onRegistration(
    'decision',
    { decision: 'REFUSE', reason: '材料不全' },
    200,
  ),
  'POST /api/exam-registrations/{id}/false-declaration': onRegistration(
    'false-declaration',
    { evidence: '经核查申报不实' },
    200,
  ),

  'GET /api/dev/users': open(() => get('/api/dev/users')),
  'POST /api/dev/tokens': {
    roles: 'public',
    req: () => post('/api/dev/tokens', { username: 'officer' }),
    cells: (_w, req) => [
      { user: null, req, status: 201, why: 'dev mode: a token for a seeded user' },
      { user: null, req: post('/api/dev/tokens', { username: 'nobody' }), status: 404, why: 'unknown user' },
    ],
  },

  // ── Supervision (第二十七条第二款): spot checks by the bureaus of a region, correction orders to an agency ──
  'POST /api/spot-check-plans': {
    roles: SUPERVISORS,
    req: () => post('/api/spot-check-plans', sup.planBody()),
    cells: each(SUPERVISORS, 201, 'drawn over its own region'),
  },
  'GET /api/spot-check-plans': {
    roles: SUPERVISORS,
    req: () => get('/api/spot-check-plans'),
    cells: async (w, req) => {
      const [xihu, shangcheng] = await Promise.all([
        sup.plan(w, 'district_reviewer'),
        sup.plan(w, 'district_reviewer_shangcheng'),
      ]);
      const both = [xihu.id, shangcheng.id];
      return [
        {
          user: 'district_reviewer',
          req,
          status: 200,
          why: 'its district',
          items: { present: [xihu.id], absent: [shangcheng.id] },
        },
        { user: 'city_reviewer', req, status: 200, why: 'the districts of its city', items: { present: both } },
        { user: 'province_reviewer', req, status: 200, why: 'its province', items: { present: both } },
      ];
    },
  },
  'GET /api/spot-check-plans/{id}': planRead(''),
  'GET /api/spot-check-plans/{id}/verify': planRead('/verify'),
  'POST /api/spot-check-plans/{id}/checks': {
    roles: SUPERVISORS,
    req: (w) => post(`/api/spot-check-plans/${UNKNOWN_ID}/checks`, sup.findingOn(w.org.xihu)),
    cells: async (w) => {
      const [own, cityPlan] = await Promise.all([sup.plan(w, 'district_reviewer'), sup.plan(w, 'city_reviewer')]);
      const at = (p: string, body = sup.findingOn(w.org.xihu)) => post(`/api/spot-check-plans/${p}/checks`, body);
      return [
        { user: 'city_reviewer', req: at(own.id), status: 403, why: 'only the drawing bureau records findings' },
        { user: 'province_reviewer', req: at(own.id), status: 403, why: 'only the drawing bureau records findings' },
        { user: 'district_reviewer_shangcheng', req: at(own.id), status: 403, why: 'another district' },
        { user: 'district_reviewer', req: at(UNKNOWN_ID), status: 404, why: 'unknown plan' },
        {
          user: 'district_reviewer',
          req: at(own.id, sup.findingOn(w.org.shangcheng)),
          status: 422,
          why: 'not in the sample',
        },
        { user: 'district_reviewer', req: at(own.id), status: 201, why: 'its own plan: a breach opens an order' },
        { user: 'city_reviewer', req: at(cityPlan.id), status: 201, why: 'its own plan' },
      ];
    },
  },
  'GET /api/correction-orders': {
    roles: [...SUPERVISORS, 'AGENCY_ADMIN'],
    req: () => get('/api/correction-orders'),
    cells: async (w, req) => {
      const [xihu, shangcheng] = await Promise.all([sup.order(w, 'xihu'), sup.order(w, 'shangcheng')]);
      const only = (mine: string, other: string) => ({ present: [mine], absent: [other] });
      return [
        { user: 'agency_admin', req, status: 200, why: 'orders to its agency', items: only(xihu, shangcheng) },
        { user: 'shangcheng_admin', req, status: 200, why: 'orders to its agency', items: only(shangcheng, xihu) },
        { user: 'district_reviewer', req, status: 200, why: 'its district', items: only(xihu, shangcheng) },
        { user: 'city_reviewer', req, status: 200, why: 'its city', items: { present: [xihu, shangcheng] } },
        { user: 'province_reviewer', req, status: 200, why: 'its province', items: { present: [xihu, shangcheng] } },
      ];
    },
  },
  'GET /api/correction-orders/{id}': {
    roles: [...SUPERVISORS, 'AGENCY_ADMIN'],
    req: () => get(`/api/correction-orders/${UNKNOWN_ID}`),
    cells: async (w) => {
      const at = get(`/api/correction-orders/${await sup.order(w, 'xihu')}`);
      return [
        { user: 'agency_admin', req: at, status: 200, why: 'to its agency' },
        { user: 'shangcheng_admin', req: at, status: 403, why: 'to another agency' },
        { user: 'district_reviewer', req: at, status: 200, why: 'its district' },
        { user: 'district_reviewer_shangcheng', req: at, status: 403, why: 'another district' },
        { user: 'city_reviewer', req: at, status: 200, why: 'its city' },
        { user: 'province_reviewer', req: at, status: 200, why: 'its province' },
        { user: 'agency_admin', req: get(`/api/correction-orders/${UNKNOWN_ID}`), status: 404, why: 'unknown' },
      ];
    },
  },
  'POST /api/correction-orders/{id}/report': {
    roles: ['AGENCY_ADMIN'],
    req: () => post(`/api/correction-orders/${UNKNOWN_ID}/report`, { text: '已整改' }),
    cells: async (w) => {
      const [open, reported] = await Promise.all([sup.order(w, 'xihu'), sup.order(w, 'xihu', true)]);
      const at = (id: string) => post(`/api/correction-orders/${id}/report`, { text: '已整改，附制度文件' });
      return [
        { user: 'shangcheng_admin', req: at(open), status: 403, why: 'the order goes to another agency' },
        { user: 'agency_admin', req: at(UNKNOWN_ID), status: 404, why: 'unknown order' },
        { user: 'agency_admin', req: at(reported), status: 409, why: 'a report awaits the bureau’s decision' },
        { user: 'agency_admin', req: at(open), status: 200, why: 'the order goes to its agency' },
      ];
    },
  },
  'POST /api/correction-orders/{id}/decision': {
    roles: SUPERVISORS,
    req: () => post(`/api/correction-orders/${UNKNOWN_ID}/decision`, { accept: true }),
    cells: async (w) => {
      const [open, reported] = await Promise.all([sup.order(w, 'xihu'), sup.order(w, 'xihu', true)]);
      const at = (id: string) => post(`/api/correction-orders/${id}/decision`, { accept: true });
      return [
        { user: 'district_reviewer_shangcheng', req: at(reported), status: 403, why: 'another district' },
        { user: 'city_reviewer', req: at(reported), status: 403, why: 'issued by the district bureau' },
        { user: 'province_reviewer', req: at(reported), status: 403, why: 'issued by the district bureau' },
        { user: 'district_reviewer', req: at(UNKNOWN_ID), status: 404, why: 'unknown order' },
        { user: 'district_reviewer', req: at(open), status: 409, why: 'nothing reported yet' },
        { user: 'district_reviewer', req: at(reported), status: 200, why: 'issued by its bureau' },
      ];
    },
  },
};
