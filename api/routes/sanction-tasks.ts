// The agency's training and exam tasks during a suspension (第三十条): its list, and the record that one
// took place.
import { writeAudit } from '../../store/audit';
import type { Prisma } from '../../infra/db';
import { problems } from '../problem';
import { recordScope } from '../record-scope';
import { defineRoute } from '../route';
import { iso, Uuid, z } from '../schemas';
import { RuleViolation } from '../../domain/errors';

/** The training and exam tasks of a suspension belong to the holder's agency (第三十条). */
const SANCTION_TASK_SCOPE = recordScope<{ organisationId: string }, Prisma.SanctionTaskWhereInput>({
  organisationId: { of: (t) => t.organisationId, where: (id) => ({ organisationId: id }) },
});

export const listSanctionTasks = defineRoute({
  method: 'get',
  path: '/api/sanction-tasks',
  summary: 'Training and exam tasks for your suspended officers (第三十条)',
  tags: ['sanctions'],
  auth: ['AGENCY_ADMIN'],
  query: z.object({
    open: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  }),
  responses: {
    200: {
      description: 'Tasks',
      schema: z.object({
        items: z.array(
          z.object({
            id: z.string(),
            sanctionId: z.string(),
            kind: z.string(),
            certificateNumber: z.string(),
            completedAt: z.string().nullable(),
          }),
        ),
      }),
    },
  },
  handler: async ({ deps, query, visible }) => {
    const rows = await deps.db.sanctionTask.findMany({
      where: {
        AND: [
          visible(SANCTION_TASK_SCOPE),
          query.open === undefined ? {} : { completedAt: query.open ? null : { not: null } },
        ],
      },
      orderBy: { createdAt: 'asc' },
      include: { sanction: { include: { certificate: true } } },
      take: 500,
    });
    return {
      status: 200,
      body: {
        items: rows.map((t) => ({
          id: t.id,
          sanctionId: t.sanctionId,
          kind: t.kind,
          certificateNumber: t.sanction.certificate.number,
          completedAt: iso(t.completedAt),
        })),
      },
    };
  },
});

export const completeSanctionTask = defineRoute({
  method: 'post',
  path: '/api/sanction-tasks/{id}/complete',
  summary: 'Record that the training or exam took place (第三十条)',
  tags: ['sanctions'],
  auth: ['AGENCY_ADMIN'],
  params: z.object({ id: Uuid }),
  body: z.object({ note: z.string().trim().min(1).max(2000) }),
  responses: {
    200: { description: 'Recorded' },
    404: { description: 'Unknown task' },
    409: { description: 'Recorded already' },
  },
  handler: async ({ deps, params, body, actor, authorise, requestId }) => {
    const task = await deps.db.sanctionTask.findUnique({ where: { id: params.id } });
    if (!task) throw problems.notFound(`sanction task ${params.id}`);
    await authorise(SANCTION_TASK_SCOPE.target(task));
    await deps.db.$transaction(async (tx) => {
      const done = await tx.sanctionTask.updateMany({
        where: { id: task.id, completedAt: null },
        data: { completedAt: new Date(), completedById: actor.userId, note: body.note },
      });
      if (done.count !== 1)
        throw new RuleViolation({
          code: 'TASK_ALREADY_COMPLETED',
          title: '已记录完成',
          detail: 'the task was recorded as completed already',
        });
      await writeAudit(tx, {
        actorId: actor.userId,
        actorRoles: actor.roles,
        action: 'sanction-task.complete',
        targetType: 'SanctionTask',
        targetId: task.id,
        outcome: 'DONE',
        requestId,
        detail: { kind: task.kind },
      });
    });
    return { status: 200, body: { id: task.id, completed: true } };
  },
});
