import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import compression from 'compression';
import crypto from 'node:crypto';
import express, { Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { writeAudit } from '../store/audit';
import type { Deps } from './deps';
import { createMetrics } from './metrics';
import { processWaits } from './process-waits';
import { Problem, problems, problemHandler, sendProblem } from './problem';
import { mountRoutes, type RouteSpec } from './route';
import { getCertificate } from './routes/certificates';
import { devToken, devUsers } from './routes/dev';
import { me, myColleagues } from './routes/me';
import { signInMethod } from './routes/sign-in';
import {
  getApplication,
  listApplications,
  officerEligibility,
  resubmitApplication,
  submitApplication,
  withdrawApplication,
} from './routes/applications';
import { downloadAttachment, uploadAttachment } from './routes/attachments';
import { answerConsultationRoute, listConsultations } from './routes/consultations';
import { listNotifications, readAllNotifications, readNotification, unreadNotifications } from './routes/notifications';
import {
  addAssessment,
  addExamResult,
  addExemption,
  getOfficer,
  listOfficers,
  registerOfficer,
} from './routes/officers';
import {
  assignTask,
  claimTask,
  decideTask,
  declareReviewRecusal,
  getReviewTask,
  listReviewTasks,
  reviewTaskCounts,
  unclaimTask,
} from './routes/review-tasks';
import { decideSanction } from './routes/sanction-decision';
import { completeSanctionTask, listSanctionTasks } from './routes/sanction-tasks';
import { decideSanctionReview, deliverSanction, fileSanctionReview } from './routes/sanction-updates';
import { getSanction, listSanctions } from './routes/sanction-views';
import { healthz, readyz } from './routes/system';
import { transferIn } from './routes/transfer';
import { addTrainingRecord, officerTraining, trainingShortfall } from './routes/training';
import { cancelCertificate, reportLostCard } from './routes/certificate-lifecycle';
import { certificateCardPdf } from './routes/certificate-card';
import { certificateQrPng, certificateQrSvg, publicCertificateQr } from './routes/certificate-qr';
import { getOfficerPhoto, uploadOfficerPhoto } from './routes/officer-photo';
import { checkHolder, publicHolderPhoto, teamCheck, verifyCertificate } from './routes/verification';
import { rateLimit } from 'express-rate-limit';
import { declineReferral, getReferral, listReferrals, referSanction } from './routes/referrals';
import {
  getCleanupRun,
  getCleanupTask,
  listCleanupTasks,
  resolveCleanupFinding,
  startCleanupRun,
} from './routes/cleanup';
import { officerTimeline } from './routes/officer-timeline';
import { dashboard } from './routes/dashboard';
import { getCalendarYear, listCalendar, putCalendarYear } from './routes/calendar';
import { serveWeb } from './web';
import {
  addPublicComplaintInformation,
  complaintOrgans,
  complaintStatus,
  submitPublicComplaint,
  uploadPublicComplaintAttachment,
} from './routes/complaint-public';
import { complaintStatistics, listComplaintTasks } from './routes/complaint-tasks';
import {
  acceptComplaint,
  closeComplaint,
  declareComplaintRecusal,
  decideComplaintExtension,
  downloadComplaintAttachment,
  fileComplaintBySupervisor,
  getComplaint,
  recordComplaintFeedback,
  recordComplaintResult,
  reopenComplaint,
  requestComplaintExtension,
  transferComplaint,
} from './routes/complaints';
import { declineSanctionProposal, getSanctionProposal, listSanctionProposals } from './routes/sanction-proposals';
import { stuckProcesses } from './routes/operations';
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  listRegions,
  updateOrganisation,
} from './routes/admin-organisations';
import { createUser, getUser, listUsers, officerCandidates, updateUser } from './routes/admin-users';
import { exportFile, importFile } from './routes/imports';
import { EXAM_ROUTES } from './routes/exams';
// 第二十七条第二款: supervision by spot checks and correction orders.
import {
  createSpotCheckPlan,
  getSpotCheckPlan,
  listSpotCheckPlans,
  recordSpotCheck,
  verifySpotCheckPlan,
} from './routes/spot-checks';
import {
  decideCorrectionRoute,
  getCorrectionOrder,
  listCorrectionOrders,
  reportCorrectionRoute,
} from './routes/correction-orders';

/** Every route of the API; dev-only routes are added in dev mode. */
export function routesFor(devMode: boolean): RouteSpec[] {
  return [
    healthz,
    readyz,
    me,
    myColleagues,
    listNotifications,
    unreadNotifications,
    readNotification,
    readAllNotifications,
    registerOfficer,
    transferIn,
    listOfficers,
    getOfficer,
    uploadOfficerPhoto,
    getOfficerPhoto,
    officerTimeline,
    addExamResult,
    addExemption,
    addAssessment,
    officerEligibility,
    addTrainingRecord,
    officerTraining,
    trainingShortfall,
    uploadAttachment,
    downloadAttachment,
    submitApplication,
    listApplications,
    getApplication,
    resubmitApplication,
    withdrawApplication,
    listReviewTasks,
    reviewTaskCounts, // before {id}
    getReviewTask,
    claimTask,
    unclaimTask,
    assignTask,
    decideTask,
    declareReviewRecusal,
    listConsultations,
    answerConsultationRoute,
    getCertificate,
    cancelCertificate,
    reportLostCard,
    verifyCertificate,
    checkHolder,
    publicHolderPhoto,
    publicCertificateQr,
    certificateQrSvg,
    certificateQrPng,
    certificateCardPdf,
    teamCheck,
    decideSanction,
    listSanctions,
    getSanction,
    deliverSanction,
    fileSanctionReview,
    decideSanctionReview,
    listSanctionTasks,
    completeSanctionTask,
    referSanction,
    listReferrals,
    getReferral,
    declineReferral,
    startCleanupRun,
    getCleanupRun,
    listCleanupTasks,
    getCleanupTask,
    resolveCleanupFinding,
    listCalendar,
    getCalendarYear,
    putCalendarYear,
    dashboard,
    // 第二十八条: complaints (statistics before {id}: both match /api/complaints/…).
    submitPublicComplaint,
    complaintStatus,
    addPublicComplaintInformation,
    uploadPublicComplaintAttachment,
    complaintOrgans,
    signInMethod,
    fileComplaintBySupervisor,
    listComplaintTasks,
    complaintStatistics,
    getComplaint,
    downloadComplaintAttachment,
    acceptComplaint,
    transferComplaint,
    requestComplaintExtension,
    decideComplaintExtension,
    recordComplaintResult,
    recordComplaintFeedback,
    closeComplaint,
    declareComplaintRecusal,
    reopenComplaint,
    listSanctionProposals,
    getSanctionProposal,
    declineSanctionProposal,
    stuckProcesses,
    // 第三条: administration.
    listRegions,
    listOrganisations,
    getOrganisation,
    createOrganisation,
    updateOrganisation,
    listUsers,
    getUser,
    createUser,
    updateUser,
    officerCandidates,
    // Bringing in what a city already has (issue #14 §4).
    importFile,
    exportFile,
    // 第六条: exam registration (考试申报).
    ...EXAM_ROUTES,
    // Supervision (第二十七条第二款): spot checks and correction orders.
    createSpotCheckPlan,
    listSpotCheckPlans,
    getSpotCheckPlan,
    verifySpotCheckPlan,
    recordSpotCheck,
    listCorrectionOrders,
    getCorrectionOrder,
    reportCorrectionRoute,
    decideCorrectionRoute,
    ...(devMode ? [devToken, devUsers] : []),
  ];
}

/** At most `limit` requests per client address and window, then 429 problem+json with Retry-After. */
function perClientLimit(
  windowMs: number,
  limit: number,
  title: string,
  detail: string,
  skip?: (req: express.Request) => boolean,
) {
  return rateLimit({
    windowMs,
    limit,
    ...(skip ? { skip } : {}),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Without TRUST_PROXY any client may send X-Forwarded-For; it is ignored (README "Public
    // routes"), not a misconfiguration worth the library's console warning.
    validate: { xForwardedForHeader: false },
    handler: (req, res) =>
      sendProblem(
        res,
        new Problem(429, 'TOO_MANY_REQUESTS', title, detail, { retryAfterSeconds: windowMs / 1000 }),
        req.originalUrl,
        String(req.id),
      ),
  });
}

export function createApp(deps: Deps) {
  const app = express();
  app.disable('x-powered-by');
  // Who the client is behind a load balancer: only the proxies TRUST_PROXY names (default: none).
  app.set('trust proxy', deps.config.trustProxy);
  const waits = processWaits();
  app.locals.processWaits = waits;
  const metrics = createMetrics({ db: deps.db, waits, stuckUpdateSeconds: deps.config.STUCK_UPDATE_SECONDS });

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : crypto.randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
    }),
  );
  // With OpenID Connect the web UI talks to the provider itself (discovery, token, JWKS): its origin
  // joins the pages' connect-src. Materials are previewed from blob: URLs the page makes of what it
  // fetched with the reader's token (web/src/materials.tsx): blob: joins img-src, frame-src and object-src.
  // Everything else keeps helmet's defaults.
  const auth = deps.config.auth;
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          imgSrc: ["'self'", 'data:', 'blob:'],
          frameSrc: ["'self'", 'blob:'],
          // A blob: document inherits this policy, and the browser's PDF viewer in it is an object.
          objectSrc: ['blob:'],
          ...(auth.mode === 'oidc' ? { connectSrc: ["'self'", new URL(auth.issuer).origin] } : {}),
        },
      },
    }),
  );
  // gzip or brotli by the client's Accept-Encoding, for text types only (compressible's list: not
  // PNG, ZIP or XLSX, which are compressed already); bodies under 1 kB go as they are.
  app.use(compression());
  app.use(metrics.measure);
  app.use(express.json({ limit: '256kb' }));
  // Public endpoints are rate-limited per client address; the answer to too many is problem+json.
  app.use(
    '/api/public',
    perClientLimit(
      60_000,
      deps.config.PUBLIC_RATE_LIMIT_PER_MINUTE,
      '请求过于频繁，请稍后再试',
      'too many requests; retry later',
    ),
  );
  // 第二十八条 intake is open to anyone: writes to complaints get a stricter hourly limit on top.
  app.use(
    '/api/public/complaints',
    perClientLimit(
      3_600_000,
      deps.config.COMPLAINT_INTAKE_RATE_LIMIT_PER_HOUR,
      '提交过于频繁，请稍后再试',
      'too many complaint submissions from this client; retry later',
      (req) => req.method !== 'POST',
    ),
  );

  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  const router = Router();
  mountRoutes(router, registry, deps, routesFor(deps.config.devMode), waits);
  app.use(router);

  const openapi = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: '杭州市行政执法证管理 API',
      version: '0.1.0',
      description: 'Certificates, reviews, sanctions and complaints under 杭州市行政执法人员执法活动管理办法.',
    },
    servers: [{ url: '/' }],
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openapi, { customSiteTitle: '执法证 API 文档' }));
  const serveMetrics: express.RequestHandler = async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.render(deps.config.WORKER_METRICS_URL));
  };
  // With METRICS_PORT (always in production) /metrics is only on that port (`metricsApp`), which
  // Prometheus reaches and the public does not; without it (development, tests) on the API port.
  if (deps.config.METRICS_PORT === undefined) app.get('/metrics', serveMetrics);
  const metricsApp = express();
  metricsApp.disable('x-powered-by');
  metricsApp.get('/metrics', serveMetrics);

  serveWeb(app);
  app.use((req, _res, next) => next(problems.notFound(`route ${req.method} ${req.path}`)));
  app.use(
    problemHandler(deps.logger, (req, res, p) =>
      writeAudit(deps.db, {
        actorId: res.locals.actor.userId,
        actorRoles: res.locals.actor.roles,
        action: `${req.method} ${res.locals.route ?? req.path}`,
        targetType: 'Route',
        targetId: req.originalUrl,
        outcome: 'REFUSED',
        requestId: String(req.id),
        detail: {
          status: p.status,
          code: p.code,
          article: p.extra.article ?? null,
          organisationId: res.locals.actor.organisation.id,
        },
      }),
    ),
  );
  return { app, openapi, metricsApp };
}
