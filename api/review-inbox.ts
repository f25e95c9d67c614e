// Which review tasks a reviewer's inbox holds (第七条, 第二十条), as one SQL condition over
// `"ReviewTask" t`: the list, its total and the counts all ask it, so they never disagree. It is SQL,
// not a Prisma where, for the planner's sake at a million tasks (issue #17): the search is a set of
// application ids from the trigram indexes instead of an OR across joined tables (a scan of every
// application), and a total beyond the exact count can be estimated with EXPLAIN.
import type { Actor, OrgLevel } from '../domain/roles';
import { regionPrefix } from '../domain/scope';
import { Prisma, type Db } from '../infra/db';
import { listTotal, plannerEstimate, type ListTotal } from './list-total';
import { escapeLike, textContains } from './text-search';

export const ACTIVE_TASK_STATUSES = ['OPEN', 'WAITING_CONSULTATION'] as const;

export interface ReviewInboxFilter {
  scope: 'own' | 'supervised';
  status: 'ACTIVE' | 'OPEN' | 'WAITING_CONSULTATION' | 'DONE' | 'CANCELLED';
  level?: OrgLevel;
  kind?: string;
  agencyId?: string;
  district?: string;
  q?: string;
  overdue?: boolean;
  assigned?: 'me' | 'unassigned';
}

const LOWER_LEVELS: Record<OrgLevel, OrgLevel[]> = { DISTRICT: [], CITY: ['DISTRICT'], PROVINCE: ['DISTRICT', 'CITY'] };

/**
 * The tasks of `"ReviewTask" t` the actor's inbox lists under filter `f`. A search (`q`) is looked up
 * first: up to SEARCH_IDS_UP_TO matching applications become a list of ids, which the planner serves
 * from the task table's applicationId index whatever its guess about names; a term matching more is
 * left as a sub-query, and the sorted index finds its (dense) matches quickly.
 */
export async function reviewInboxCondition(db: Db, actor: Actor, f: ReviewInboxFilter): Promise<Prisma.Sql> {
  const org = actor.organisation;
  const and: Prisma.Sql[] =
    f.scope === 'own'
      ? [Prisma.sql`t."bureauId" = ${org.id}`]
      : [
          Prisma.sql`t.level = ANY(${LOWER_LEVELS[org.level]}::"OrgLevel"[])`,
          Prisma.sql`t."bureauId" IN (SELECT id FROM "Organisation" WHERE "regionCode" LIKE ${`${escapeLike(regionPrefix(org))}%`})`,
        ];
  const statuses = f.status === 'ACTIVE' ? [...ACTIVE_TASK_STATUSES] : [f.status];
  and.push(Prisma.sql`t.status = ANY(${statuses}::"TaskStatus"[])`);
  if (f.level) and.push(Prisma.sql`t.level = ${f.level}::"OrgLevel"`);
  if (f.overdue !== undefined) and.push(Prisma.sql`t.overdue = ${f.overdue}`);
  if (f.assigned === 'me') and.push(Prisma.sql`t."assigneeId" = ${actor.userId}`);
  if (f.assigned === 'unassigned') and.push(Prisma.sql`t."assigneeId" IS NULL`);
  // 第二十条: never the reviewer's own application, nor one they declared a conflict on.
  and.push(
    Prisma.sql`NOT EXISTS (SELECT 1 FROM "Recusal" r WHERE r."applicationId" = t."applicationId" AND r."userId" = ${actor.userId})`,
  );
  if (actor.officerId) {
    and.push(
      Prisma.sql`NOT EXISTS (SELECT 1 FROM "Application" own WHERE own.id = t."applicationId" AND own."officerId" = ${actor.officerId})`,
    );
  }
  const app: Prisma.Sql[] = [];
  if (f.kind) app.push(Prisma.sql`a.kind = ${f.kind}::"ApplicationKind"`);
  if (f.agencyId) app.push(Prisma.sql`a."organisationId" = ${f.agencyId}`);
  if (f.district) {
    app.push(Prisma.sql`a."organisationId" IN (SELECT id FROM "Organisation" WHERE "regionCode" = ${f.district})`);
  }
  if (app.length > 0) {
    and.push(Prisma.sql`t."applicationId" IN (SELECT a.id FROM "Application" a WHERE ${Prisma.join(app, ' AND ')})`);
  }
  if (f.q) {
    const ids = await db.$queryRaw<{ id: string }[]>`${applicationsMatching(f.q)} LIMIT ${SEARCH_IDS_UP_TO + 1}`;
    and.push(
      ids.length <= SEARCH_IDS_UP_TO
        ? Prisma.sql`t."applicationId" = ANY(${ids.map((r) => r.id)}::text[])`
        : Prisma.sql`EXISTS (SELECT 1 FROM "Application" a WHERE a.id = t."applicationId" AND (${applicationMatches(f.q)}))`,
    );
  }
  return Prisma.join(and, ' AND ');
}

const SEARCH_IDS_UP_TO = 1_000;

// A term under 3 characters has no trigram, so it is matched against officers' names only (a short
// table): one or two characters of an application number (SQ2026000123) match most numbers and would
// read every application.
const searchesNumbers = (term: string) => [...term].length >= 3;
const numberContains = (term: string) => textContains(Prisma.sql`a.number`, term);
const officerNameContains = (term: string) =>
  Prisma.sql`a."officerId" IN (SELECT o.id FROM "Officer" o WHERE ${textContains(Prisma.sql`o.name`, term)})`;

/** Whether application `a` matches `term` by number or officer's name. */
function applicationMatches(term: string): Prisma.Sql {
  return searchesNumbers(term)
    ? Prisma.sql`${numberContains(term)} OR ${officerNameContains(term)}`
    : officerNameContains(term);
}

/** The ids of the applications matching `term`, each part from its own index (an id may come twice). */
function applicationsMatching(term: string): Prisma.Sql {
  const byName = Prisma.sql`SELECT a.id FROM "Application" a WHERE ${officerNameContains(term)}`;
  if (!searchesNumbers(term)) return byName;
  return Prisma.sql`SELECT a.id FROM "Application" a WHERE ${numberContains(term)} UNION ALL ${byName}`;
}

/** The total of the tasks under `condition` (exact, then estimated: api/list-total.ts). */
export function reviewInboxTotal(db: Db, condition: Prisma.Sql): Promise<ListTotal> {
  const tasks = Prisma.sql`SELECT 1 FROM "ReviewTask" t WHERE ${condition}`;
  return listTotal(
    async (limit) =>
      (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (${tasks} LIMIT ${limit}) x`)[0].n,
    () => plannerEstimate(db, tasks),
  );
}
