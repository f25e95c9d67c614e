// The officer's record as one timeline (人员事件轨迹): exams, exemptions, applications and their steps,
// certificates and every status change, training, assessments (第二十七条), sanctions, the retention
// after a 调动 (第九条), clean-up findings (第十条) and — only for a role that may read them
// (第二十五条) — complaints about the officer (第二十八条), without the complainant; oldest first.
import { FINDING_RULES, type FindingKind } from '../../domain/cleanup';
import { complaintReaderRole } from '../../domain/complaint';
import { problems } from '../problem';
import { defineRoute } from '../route';
import { Uuid, z } from '../schemas';
import { REVIEWER_ROLES } from '../../domain/review-chain';
import { lastDayInWords } from '../../domain/time';
import { EXAM_TYPE_WORDS, examSessionName } from '../../domain/exam-registration';
import {
  APPLICATION_EVENT_LABELS,
  EXAM_REGISTRATION_EVENT_LABELS,
  EXEMPTION_LABELS,
  LABELS,
  type ApplicationEventType,
  type ExamRegistrationEventType,
} from '../../domain/labels';
import { supervisionEntries } from '../supervision-views';

interface Entry {
  at: string;
  type: string;
  title: string;
  article?: string | null;
  ref?: { kind: string; id: string; number?: string };
  detail?: Record<string, unknown>;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
// Records per kind: an officer's career stays far below this; `truncated` says when it did not (the
// newest are kept).
const PER_KIND = 1000;

export const officerTimeline = defineRoute({
  method: 'get',
  path: '/api/officers/{id}/timeline',
  summary: 'An officer’s whole record as one timeline (人员事件轨迹)',
  tags: ['officers'],
  auth: ['AGENCY_ADMIN', 'OFFICER', 'SANCTION_OFFICER', 'SUPERVISOR', ...REVIEWER_ROLES],
  params: z.object({ id: Uuid }),
  responses: { 200: { description: 'Entries, oldest first' }, 404: { description: 'Unknown officer' } },
  handler: async ({ deps, params, actor, authorise }) => {
    const officer = await deps.db.officer.findUnique({ where: { id: params.id }, include: { organisation: true } });
    if (!officer) throw problems.notFound(`officer ${params.id}`);
    await authorise({
      organisationId: officer.organisationId,
      regionCode: officer.organisation.regionCode,
      officerId: officer.id,
    });
    const db = deps.db;
    const take = PER_KIND;
    const [exams, exemptions, applications, certificates, training, assessments, retentions, findings, complaints] =
      await Promise.all([
        db.examResult.findMany({ where: { officerId: officer.id }, orderBy: { takenOn: 'desc' }, take }),
        db.exemption.findMany({ where: { officerId: officer.id }, orderBy: { grantedOn: 'desc' }, take }),
        db.application.findMany({
          where: { officerId: officer.id },
          include: { events: { orderBy: { occurredAt: 'desc' }, take } },
          orderBy: { submittedAt: 'desc' },
          take,
        }),
        db.certificate.findMany({
          where: { officerId: officer.id },
          include: { events: { orderBy: { occurredAt: 'desc' }, take }, sanctions: true },
          orderBy: { issuedOn: 'desc' },
          take,
        }),
        db.trainingRecord.findMany({ where: { officerId: officer.id }, orderBy: { takenOn: 'desc' }, take }),
        db.assessment.findMany({ where: { officerId: officer.id }, orderBy: { assessedOn: 'desc' }, take }),
        db.qualificationRetention.findMany({ where: { officerId: officer.id }, orderBy: { createdAt: 'desc' }, take }),
        db.cleanupFinding.findMany({
          where: { officerId: officer.id },
          include: { task: true },
          orderBy: { task: { createdAt: 'desc' } },
          take,
        }),
        db.complaint.findMany({
          where: { subjects: { some: { officerId: officer.id } }, status: { not: 'SUBMITTED' } },
          include: { subjects: true, handlingOrg: true, recusals: { select: { userId: true } } },
          orderBy: { createdAt: 'desc' },
          take,
        }),
      ]);
    const examRegistrations = await db.examRegistration.findMany({
      where: { officerId: officer.id },
      include: { session: true, events: { orderBy: { occurredAt: 'desc' }, take } },
      orderBy: { createdAt: 'desc' },
      take,
    });
    const readable = complaints.filter((c) =>
      complaintReaderRole(actor, {
        handlingOrgId: c.handlingOrgId,
        handlingRegionCode: c.handlingOrg.regionCode,
        subjectAgencyIds: c.subjects.map((x) => x.agencyId),
        subjectOfficerIds: c.subjects.map((x) => x.officerId),
        declaredUserIds: c.recusals.map((r) => r.userId),
      }),
    );
    // Records brought in from an earlier system say so, with the file and its row (issue #14 §4).
    const imported = (from: string | null) => (from ? `（导入：${from}）` : '');
    const entries: Entry[] = [
      ...(officer.importedFrom
        ? [
            {
              at: officer.createdAt.toISOString(),
              type: 'OFFICER_IMPORTED',
              title: `人员信息导入：${officer.importedFrom}`,
            },
          ]
        : []),
      ...exams.map((e) => ({
        at: day(e.takenOn),
        type: 'EXAM',
        title: `${EXAM_TYPE_WORDS[e.type]}${e.passed ? '合格' : '不合格'}${imported(e.importedFrom)}`,
        article: '第四条',
        detail: { score: e.score },
      })),
      ...exemptions.map((e) => ({
        at: day(e.grantedOn),
        type: 'EXEMPTION',
        title: `免考：${EXEMPTION_LABELS[e.ground]}`,
        article: '第五条',
      })),
      ...applications.flatMap((a) =>
        a.events.map((ev) => ({
          at: ev.occurredAt.toISOString(),
          type: `APPLICATION_${ev.type}`,
          title: `申请 ${a.number}（${LABELS[a.kind]}）：${APPLICATION_EVENT_LABELS[ev.type as ApplicationEventType]}`,
          article: '第七条',
          ref: { kind: 'application', id: a.id, number: a.number },
          detail: { level: ev.level, comment: ev.comment },
        })),
      ),
      ...certificates.flatMap((c) => [
        ...c.events.map((ev) => ({
          at: ev.occurredAt.toISOString(),
          type: `CERTIFICATE_${ev.type}`,
          title: `证件 ${c.number}：${ev.reason}`,
          article: ev.article,
          ref: { kind: 'certificate', id: c.id, number: c.number },
          detail: { from: ev.fromStatus, to: ev.toStatus },
        })),
        ...c.sanctions.map((s) => ({
          at: s.decidedAt.toISOString(),
          type: `SANCTION_${s.type}`,
          title: `${LABELS[s.type]}决定（${LABELS[s.status]}）`,
          article: '第二十九条',
          ref: { kind: 'sanction', id: s.id, number: c.number },
          detail: { grounds: s.grounds, termEndsAt: s.termEndsAt?.toISOString() ?? null },
        })),
      ]),
      ...training.map((t) => ({
        at: day(t.takenOn),
        type: 'TRAINING',
        title: `培训 ${t.hours} 学时（${t.organiser}）${imported(t.importedFrom)}`,
        article: '第十二条',
        detail: { hours: t.hours, category: t.category, mode: t.mode, scope: t.scope },
      })),
      ...assessments.map((a) => ({
        at: day(a.assessedOn),
        type: `ASSESSMENT_${a.kind}`,
        title: `${a.kind === 'ANNUAL' ? `${a.year}年度考核` : '日常考核'}：${LABELS[a.grade]}`,
        article: '第二十七条',
      })),
      ...retentions.map((r) => ({
        at: r.createdAt.toISOString(),
        type: 'QUALIFICATION_RETAINED',
        title: `调动后保留执法资格至 ${lastDayInWords(r.retainedUntil)}`,
        article: '第九条',
      })),
      ...findings.map((f) => ({
        at: f.task.createdAt.toISOString(),
        type: `CLEANUP_${f.kind}`,
        title: `${f.task.year}年度清理：${FINDING_RULES[f.kind as FindingKind].title}${f.resolution ? `（已处理：${LABELS[f.resolution]}）` : ''}`,
        article: FINDING_RULES[f.kind as FindingKind].article,
      })),
      ...readable.map((c) => ({
        at: c.createdAt.toISOString(),
        type: 'COMPLAINT',
        title: `投诉举报 ${c.number}（${c.handlingOrg.name}）：${LABELS[c.status]}${c.finding ? `，${LABELS[c.finding]}` : ''}`,
        article: '第二十八条',
        ref: { kind: 'complaint', id: c.id, number: c.number },
      })),
      // 第六条: registration for an exam session and its steps, the result, a declaration found false.
      ...examRegistrations.flatMap((r) =>
        r.events.map((ev) => ({
          at: ev.occurredAt.toISOString(),
          type: `EXAM_REGISTRATION_${ev.type}`,
          title: `${examSessionName(r.session)}报名：${EXAM_REGISTRATION_EVENT_LABELS[ev.type as ExamRegistrationEventType]}${ev.comment ? `（${ev.comment}）` : ''}`,
          article: ev.type === 'DECLARATION_FALSE' ? '第六条第二款' : '第六条',
          ref: { kind: 'exam-session', id: r.sessionId },
        })),
      ),
    ];
    // 第二十七条第二款: spot checks of the officer and the correction orders they led to.
    const supervision = await supervisionEntries(db, officer.id, take);
    entries.push(...supervision.entries);
    entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const lists = [
      exams,
      exemptions,
      applications,
      certificates,
      training,
      assessments,
      retentions,
      findings,
      complaints,
      examRegistrations,
      ...examRegistrations.map((r) => r.events),
      ...applications.map((a) => a.events),
      ...certificates.map((c) => c.events),
    ];
    const truncated = lists.some((l) => l.length === take) || supervision.truncated;
    return {
      status: 200,
      body: {
        truncated,
        officer: {
          id: officer.id,
          name: officer.name,
          agency: { id: officer.organisation.id, name: officer.organisation.name },
        },
        entries,
      },
    };
  },
});
