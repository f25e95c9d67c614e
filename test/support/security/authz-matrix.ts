// The authorisation matrix: for every route of the OpenAPI document, which roles may call it and
// what each gets in and out of its scope (DESIGN.md "Who uses it", domain/scope.ts). The runner
// (test/integration/security-authz.test.ts) adds to every entry: no token → 401, and every role not
// listed → 403 — so an entry only states the allowed roles and their cells. A route without an
// entry fails the test by name: add one here (see README "Security tests").
import { ROLES, type Role } from '../../../domain/roles';
import { UNKNOWN_ID, type World } from './world';

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
}

export interface Entry {
  roles: readonly Role[] | 'public';
  /** The request of the denial cells (no token, roles not listed): refused before it is read. */
  req(w: World): Promise<Req> | Req;
  /** What the allowed roles get, in and out of scope. Fixtures made here serve one cell each. */
  cells(w: World, req: Req): Promise<Cell[]> | Cell[];
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
};

const get = (path: string): Req => ({ path });
const post = (path: string, body: unknown = {}): Req => ({ path, body });
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Every role of `roles` gets `status` for the entry's request (no scope applies). */
const each = (roles: readonly Role[], status: number, why = 'allowed, no scope applies') => (_w: World, req: Req) =>
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
    { user: 'province_reviewer', req: get(`/api/officers/${w.officer.ningbo}${sub}`), status: 200, why: 'the province covers 宁波' },
    { user: 'agency_admin', req: get(`/api/officers/${w.officer.wang}${sub}`), status: 403, why: 'another agency' },
    { user: 'officer', req: get(`/api/officers/${w.officer.li}${sub}`), status: 403, why: 'a colleague’s record' },
    { user: 'district_reviewer', req: get(`/api/officers/${w.officer.wang}${sub}`), status: 403, why: 'another district' },
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
    { user: 'agency_admin', req: post(`/api/officers/${w.officer.wang}${sub}`, body), status: 403, why: 'another agency' },
    { user: 'agency_admin', req: post(`/api/officers/${UNKNOWN_ID}${sub}`, body), status: 404, why: 'unknown officer' },
  ],
});

/** A POST on a review task: only the bureau owning it acts (第七条). */
const taskAction = (verb: string, body: (w: World) => Promise<unknown> | unknown, prepare?: (w: World, taskId: string) => Promise<void>): Entry => ({
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
      { user: 'district_reviewer', req: await on(own.taskId), status: 200, why: 'own bureau’s task' },
    ];
  },
});

/** A POST on one application by the agency that submitted it. */
const applicationAction = (verb: string, body: unknown, prepare?: (w: World, app: { id: string; taskId: string }) => Promise<void>): Entry => ({
  roles: ['AGENCY_ADMIN'],
  req: () => post(`/api/applications/${UNKNOWN_ID}/${verb}`, body),
  cells: async (w) => {
    const [own, other] = await Promise.all([w.application('xihu'), w.application('shangcheng')]);
    await prepare?.(w, own);
    return [
      { user: 'agency_admin', req: post(`/api/applications/${other.id}/${verb}`, body), status: 403, why: 'another agency’s application' },
      { user: 'agency_admin', req: post(`/api/applications/${UNKNOWN_ID}/${verb}`, body), status: 404, why: 'unknown application' },
      { user: 'agency_admin', req: post(`/api/applications/${own.id}/${verb}`, body), status: 200, why: 'own application' },
    ];
  },
});

/** A POST on a certificate by its agency (第九条, 第十条). */
const certificateAction = (verb: string, body: () => unknown, status: number): Entry => ({
  roles: ['AGENCY_ADMIN'],
  req: (w) => post(`/api/certificates/${w.cert.wang}/${verb}`, body()),
  cells: async (w) => [
    { user: 'agency_admin', req: post(`/api/certificates/${w.cert.wang}/${verb}`, body()), status: 403, why: 'another agency’s card' },
    { user: 'agency_admin', req: post(`/api/certificates/NO-SUCH-CARD/${verb}`, body()), status: 404, why: 'unknown card' },
    { user: 'agency_admin', req: post(`/api/certificates/${(await w.certificate('xihu')).number}/${verb}`, body()), status, why: 'own agency’s card' },
  ],
});

/** A public route: anyone, no token. */
const open = (req: (w: World) => Req, status = 200): Entry => ({ roles: 'public', req, cells: (_w, r) => [{ user: null, req: r, status, why: 'public' }] });

const sanctionCase = (certificateNumber: string) => ({ certificateNumber, type: 'SUSPENSION', grounds: [1], facts: '玩忽职守' });

export const MATRIX: Record<string, Entry> = {
  'GET /healthz': open(() => get('/healthz')),
  'GET /readyz': open(() => get('/readyz')),
  'GET /api/me': { roles: ROLES, req: () => get('/api/me'), cells: each(ROLES, 200) },
  'GET /api/notifications': { roles: ROLES, req: () => get('/api/notifications'), cells: each(ROLES, 200, 'own organisation’s notifications') },

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
      { user: 'agency_admin', req: post('/api/officers/transfer-in', { idNumber: w.identity().idNumber, certificateNumber: w.cert.wang }), status: 404, why: 'ID number and card do not match: nothing revealed' },
      { user: 'agency_admin', req, status: 200, why: 'takes over on the original card (第八条)' },
    ],
  },
  'GET /api/officers': { roles: ['AGENCY_ADMIN'], req: () => get('/api/officers'), cells: each(['AGENCY_ADMIN'], 200, 'own agency’s staff') },
  'GET /api/officers/{id}': officerRead(''),
  'POST /api/officers/{id}/exam-results': officerRecord('/exam-results', { type: 'COMPREHENSIVE', passed: true, score: 80, takenOn: '2025-05-10' }),
  'POST /api/officers/{id}/exemptions': officerRecord('/exemptions', { ground: 'LEGAL_PROFESSION', proof: '法律职业资格证书 A2025', grantedOn: '2025-01-15' }),
  'POST /api/officers/{id}/assessments': officerRecord('/assessments', { kind: 'ANNUAL', year: 2025, assessedOn: '2025-12-20', grade: 'COMPETENT' }),
  'POST /api/officers/{id}/training-records': officerRecord('/training-records', { takenOn: '2025-03-01', hours: 8, category: 'PUBLIC_LAW', mode: 'CENTRALIZED', scope: 'COMPREHENSIVE', organiser: '市司法局' }),
  'GET /api/officers/{id}/training': officerRead('/training'),
  'GET /api/officers/{id}/eligibility': {
    roles: ['AGENCY_ADMIN', ...REVIEWERS],
    req: (w) => get(`/api/officers/${w.officer.zhang}/eligibility`),
    cells: async (w, req) => (await officerRead('/eligibility').cells(w, req)).filter((c) => c.user !== 'officer'),
  },
  'GET /api/training/shortfall': { roles: ['AGENCY_ADMIN', ...REVIEWERS], req: () => get('/api/training/shortfall'), cells: each(['AGENCY_ADMIN', ...REVIEWERS], 200, 'lists only its own agency or region') },

  'POST /api/attachments': {
    roles: ['AGENCY_ADMIN'],
    req: () => ({ path: '/api/attachments', file: { contentType: 'application/pdf', fileName: 'a.pdf', data: Buffer.from('%PDF-1.4\n在编证明') } }),
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
        { user: 'district_reviewer', req: get(`/api/attachments/${shangcheng}`), status: 403, why: 'another district’s file' },
        { user: 'city_reviewer', req: get(`/api/attachments/${ningbo}`), status: 403, why: 'another city’s file' },
        { user: 'agency_admin', req: get(`/api/attachments/${UNKNOWN_ID}`), status: 404, why: 'unknown file' },
      ];
    },
  },

  'POST /api/applications': {
    roles: ['AGENCY_ADMIN'],
    req: async (w) => post('/api/applications', { officerId: (await w.eligibleOfficer('xihu')).id, kind: 'INITIAL' }),
    cells: async (w, req) => [
      { user: 'agency_admin', req: post('/api/applications', { officerId: (await w.eligibleOfficer('shangcheng')).id, kind: 'INITIAL' }), status: 403, why: 'another agency’s officer' },
      { user: 'agency_admin', req: post('/api/applications', { officerId: UNKNOWN_ID, kind: 'INITIAL' }), status: 404, why: 'unknown officer' },
      { user: 'agency_admin', req, status: 201, why: 'own officer' },
    ],
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
    const r = await w.s.call('POST', `/api/review-tasks/${app.taskId}/decision`, { token: await w.token('district_reviewer'), body: { decision: 'RETURN', comment: '材料不全' } });
    if (r.status !== 200) throw new Error(`return: ${r.status}`);
  }),
  'POST /api/applications/{id}/withdraw': applicationAction('withdraw', { reason: '申请人撤回' }),

  'GET /api/review-tasks': { roles: REVIEWERS, req: () => get('/api/review-tasks'), cells: each(REVIEWERS, 200, 'own bureau’s inbox') },
  'GET /api/review-tasks/{id}': {
    roles: REVIEWERS,
    req: () => get(`/api/review-tasks/${UNKNOWN_ID}`),
    cells: async (w) => {
      const [own, other] = await Promise.all([w.application('xihu'), w.application('shangcheng')]);
      return [
        { user: 'district_reviewer', req: get(`/api/review-tasks/${own.taskId}`), status: 200, why: 'own bureau’s task' },
        { user: 'city_reviewer', req: get(`/api/review-tasks/${own.taskId}`), status: 403, why: 'the district bureau owns the task' },
        { user: 'province_reviewer', req: get(`/api/review-tasks/${own.taskId}`), status: 403, why: 'the district bureau owns the task' },
        { user: 'district_reviewer', req: get(`/api/review-tasks/${other.taskId}`), status: 403, why: 'another district’s task' },
        { user: 'district_reviewer', req: get(`/api/review-tasks/${UNKNOWN_ID}`), status: 404, why: 'unknown task' },
      ];
    },
  },
  'POST /api/review-tasks/{id}/claim': taskAction('claim', () => ({})),
  'POST /api/review-tasks/{id}/unclaim': taskAction('unclaim', () => ({}), async (w, taskId) => {
    const r = await w.s.call('POST', `/api/review-tasks/${taskId}/claim`, { token: await w.token('district_reviewer') });
    if (r.status !== 200) throw new Error(`claim: ${r.status}`);
  }),
  'POST /api/review-tasks/{id}/assign': taskAction('assign', async (w) => ({ userId: await w.userId('district_reviewer') })),
  'POST /api/review-tasks/{id}/decision': taskAction('decision', () => ({ decision: 'APPROVE' })),

  'GET /api/consultations': { roles: ['STAFFING_OFFICE'], req: () => get('/api/consultations'), cells: each(['STAFFING_OFFICE'], 200, 'addressed to its own office') },
  'POST /api/consultations/{id}/answer': {
    roles: ['STAFFING_OFFICE'],
    req: () => post(`/api/consultations/${UNKNOWN_ID}/answer`, { answer: '在编' }),
    cells: async (w) => {
      const app = await w.application('xihu');
      const r = await w.s.call('POST', `/api/review-tasks/${app.taskId}/decision`, { token: await w.token('district_reviewer'), body: { decision: 'CONSULT', comment: '请核实编制' } });
      if (r.status !== 200) throw new Error(`consult: ${r.status}`);
      const req = post(`/api/consultations/${r.body.consultationId}/answer`, { answer: '在编' });
      return [
        { user: 'shangcheng_staffing_office', req, status: 403, why: 'addressed to another staffing office (第七条第二款)' },
        { user: 'staffing_office', req: post(`/api/consultations/${UNKNOWN_ID}/answer`, { answer: '在编' }), status: 404, why: 'unknown consultation' },
        { user: 'staffing_office', req, status: 200, why: 'addressed to its own office' },
      ];
    },
  },

  'GET /api/certificates/{number}': {
    roles: CERT_READERS,
    req: (w) => get(`/api/certificates/${w.cert.zhang}`),
    cells: (w, req) => {
      const wang = get(`/api/certificates/${w.cert.wang}`);
      const ningbo = get(`/api/certificates/${w.cert.ningbo}`);
      return [
        ...each(CERT_READERS, 200, 'the holder, the agency, or the organs of its region')(w, req),
        { user: 'province_sanction_officer', req: ningbo, status: 200, why: 'the province covers 宁波' },
        { user: 'agency_admin', req: wang, status: 403, why: 'another agency' },
        { user: 'officer', req: wang, status: 403, why: 'someone else’s card' },
        { user: 'district_reviewer', req: wang, status: 403, why: 'another district' },
        { user: 'city_reviewer', req: ningbo, status: 403, why: 'another city' },
        { user: 'sanction_officer', req: ningbo, status: 403, why: 'another city' },
        { user: 'supervisor', req: ningbo, status: 403, why: 'another city' },
        { user: 'agency_admin', req: get('/api/certificates/NO-SUCH-CARD'), status: 404, why: 'unknown card' },
      ];
    },
  },
  'POST /api/certificates/{number}/cancellation': certificateAction('cancellation', () => ({ ground: 'RESIGNATION', effectiveOn: today() }), 200),
  'POST /api/certificates/{number}/loss-report': certificateAction('loss-report', () => ({ reason: 'DAMAGED' }), 201),
  'GET /api/public/certificates/{number}': open((w) => get(`/api/public/certificates/${w.cert.zhang}`)),
  'GET /api/public/certificates/{number}/qr.svg': open((w) => get(`/api/public/certificates/${w.cert.zhang}/qr.svg`)),
  'GET /api/public/certificates/{number}/qr.png': open((w) => get(`/api/public/certificates/${w.cert.zhang}/qr.png`)),
  'POST /api/team-check': {
    roles: ['AGENCY_ADMIN', 'OFFICER', 'SUPERVISOR', 'SANCTION_OFFICER'],
    req: (w) => post('/api/team-check', { action: 'INVESTIGATION', members: [{ certificateNumber: w.cert.zhang }, { officerId: w.officer.li }] }),
    cells: each(['AGENCY_ADMIN', 'OFFICER', 'SUPERVISOR', 'SANCTION_OFFICER'], 200, '第十八条 check, no scope'),
  },

  'POST /api/sanctions': {
    roles: ['SANCTION_OFFICER'],
    req: async (w) => post('/api/sanctions', { ...sanctionCase((await w.certificate('xihu')).number), deliveredAt: new Date().toISOString() }),
    cells: async (w, req) => [
      { user: 'sanction_officer', req: post('/api/sanctions', sanctionCase(w.cert.ningbo)), status: 403, why: 'a card outside the city (第二十九条)' },
      { user: 'province_sanction_officer', req: post('/api/sanctions', sanctionCase((await w.certificate('xihu')).number)), status: 422, why: 'in scope, but the province decides only on a referral (第二十九条)' },
      { user: 'sanction_officer', req: post('/api/sanctions', sanctionCase('NO-SUCH-CARD')), status: 404, why: 'unknown card' },
      { user: 'sanction_officer', req, status: 201, why: 'a card in its city' },
    ],
  },
  'GET /api/sanctions': {
    roles: ['SANCTION_OFFICER', 'SUPERVISOR', 'AGENCY_ADMIN', 'OFFICER'],
    req: () => get('/api/sanctions'),
    cells: each(['SANCTION_OFFICER', 'SUPERVISOR', 'AGENCY_ADMIN', 'OFFICER'], 200, 'lists only what it may see'),
  },
  'GET /api/sanctions/{id}': {
    roles: ['SANCTION_OFFICER', 'SUPERVISOR', 'AGENCY_ADMIN', 'OFFICER'],
    req: async (w) => get(`/api/sanctions/${await w.sanction(w.cert.zhang)}`),
    cells: async (w, req) => {
      const wang = get(`/api/sanctions/${await w.sanction(w.cert.wang)}`);
      const ningbo = get(`/api/sanctions/${await w.ningboSanction()}`);
      return [
        ...each(['SANCTION_OFFICER', 'SUPERVISOR', 'AGENCY_ADMIN', 'OFFICER'], 200, 'the holder, the agency, or the organs of its region')(w, req),
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
      const [ningbo, pending] = [await w.ningboSanction(), await w.sanction((await w.certificate('xihu')).number, { pending: true })];
      const body = { deliveredAt: new Date().toISOString() }; // after the decisions
      return [
        { user: 'sanction_officer', req: post(`/api/sanctions/${ningbo}/delivery`, body), status: 403, why: 'another city' },
        { user: 'sanction_officer', req: post(`/api/sanctions/${UNKNOWN_ID}/delivery`, body), status: 404, why: 'unknown sanction' },
        { user: 'sanction_officer', req: post(`/api/sanctions/${pending}/delivery`, body), status: 200, why: 'its own decision' },
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
        { user: 'agency_admin', req: on(await w.sanction((await w.certificate('xihu')).number)), status: 201, why: 'own agency’s officer (第三十二条)' },
      ];
    },
  },
  'POST /api/sanctions/{id}/review/decision': {
    roles: ['SANCTION_OFFICER'],
    req: () => post(`/api/sanctions/${UNKNOWN_ID}/review/decision`, { outcome: 'UPHELD', comment: '维持' }),
    cells: async (w) => {
      const body = { outcome: 'UPHELD', comment: '维持' };
      const reviewed = await w.sanction((await w.certificate('xihu')).number);
      const filed = await w.s.call('POST', `/api/sanctions/${reviewed}/review`, { token: await w.token('agency_admin'), body: { reason: '事实不清' } });
      if (filed.status !== 201) throw new Error(`复核: ${filed.status}`);
      return [
        { user: 'sanction_officer', req: post(`/api/sanctions/${await w.ningboSanction()}/review/decision`, body), status: 403, why: 'another city' },
        { user: 'sanction_officer', req: post(`/api/sanctions/${UNKNOWN_ID}/review/decision`, body), status: 404, why: 'unknown sanction' },
        { user: 'sanction_officer', req: post(`/api/sanctions/${reviewed}/review/decision`, body), status: 200, why: 'its own decision’s 复核' },
      ];
    },
  },
  'GET /api/sanction-tasks': { roles: ['AGENCY_ADMIN'], req: () => get('/api/sanction-tasks'), cells: each(['AGENCY_ADMIN'], 200, 'own agency’s tasks') },
  'POST /api/sanction-tasks/{id}/complete': {
    roles: ['AGENCY_ADMIN'],
    req: () => post(`/api/sanction-tasks/${UNKNOWN_ID}/complete`, { note: '已培训' }),
    cells: async (w) => {
      const on = (id: string) => post(`/api/sanction-tasks/${id}/complete`, { note: '已培训' });
      return [
        { user: 'agency_admin', req: on(await w.sanctionTask(await w.sanction((await w.certificate('shangcheng')).number))), status: 403, why: 'another agency’s task (第三十条)' },
        { user: 'agency_admin', req: on(UNKNOWN_ID), status: 404, why: 'unknown task' },
        { user: 'agency_admin', req: on(await w.sanctionTask(await w.sanction((await w.certificate('xihu')).number))), status: 200, why: 'own agency’s task (第三十条)' },
      ];
    },
  },
  'POST /api/sanction-referrals': {
    roles: ['SANCTION_OFFICER'],
    req: async (w) => post('/api/sanction-referrals', sanctionCase((await w.certificate('xihu')).number)),
    cells: (w, req) => [
      { user: 'province_sanction_officer', req, status: 403, why: 'only the city bureau refers (第二十九条)' },
      { user: 'sanction_officer', req: post('/api/sanction-referrals', sanctionCase(w.cert.ningbo)), status: 403, why: 'a card outside the city' },
      { user: 'sanction_officer', req: post('/api/sanction-referrals', sanctionCase('NO-SUCH-CARD')), status: 404, why: 'unknown card' },
      { user: 'sanction_officer', req, status: 201, why: 'a card in its city' },
    ],
  },
  'GET /api/sanction-referrals': {
    roles: ['SANCTION_OFFICER'],
    req: () => get('/api/sanction-referrals'),
    cells: (_w, req) => [
      { user: 'sanction_officer', req, status: 200, why: 'referrals it made' },
      { user: 'province_sanction_officer', req, status: 200, why: 'referrals addressed to it' },
    ],
  },
  'POST /api/sanction-referrals/{id}/decline': {
    roles: ['SANCTION_OFFICER'],
    req: () => post(`/api/sanction-referrals/${UNKNOWN_ID}/decline`, { reason: '不予处理' }),
    cells: async (w) => {
      const referred = await w.s.call('POST', '/api/sanction-referrals', { token: await w.token('sanction_officer'), body: sanctionCase((await w.certificate('xihu')).number) });
      if (referred.status !== 201) throw new Error(`referral: ${referred.status}`);
      const req = post(`/api/sanction-referrals/${referred.body.id}/decline`, { reason: '不予处理' });
      return [
        { user: 'sanction_officer', req, status: 403, why: 'addressed to the province' },
        { user: 'province_sanction_officer', req: post(`/api/sanction-referrals/${UNKNOWN_ID}/decline`, { reason: '不予处理' }), status: 404, why: 'unknown referral' },
        { user: 'province_sanction_officer', req, status: 200, why: 'addressed to it' },
      ];
    },
  },

  'POST /api/dev/tokens': {
    roles: 'public',
    req: () => post('/api/dev/tokens', { username: 'officer' }),
    cells: (_w, req) => [
      { user: null, req, status: 201, why: 'dev mode: a token for a seeded user' },
      { user: null, req: post('/api/dev/tokens', { username: 'nobody' }), status: 404, why: 'unknown user' },
    ],
  },
};
