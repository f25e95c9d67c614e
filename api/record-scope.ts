// Where a kind of record sits for scoping, declared once: the detail route reads a row's target for
// `authorise`, the list asks the same rule (domain/scope.ts `listScope`) as a query on its rows — so
// a list shows exactly what its detail route would let the caller read.
import type { Actor, Role } from '../domain/roles';
import { listScope, type ScopeCondition, type ScopeField, type ScopeTarget } from '../domain/scope';

/** For each scope field the record has: its value on a row, and the query for an id (regionCode: a prefix). */
export type ScopeColumns<Row, Where> = Partial<
  Record<ScopeField, { of(row: Row): string; where(value: string): Where }>
>;

export interface RecordScope<Row, Where> {
  /** The target of one row, for `authorise` (a detail route). */
  target(row: Row): ScopeTarget;
  /** The rows `actor` may read under one of `roles` (a list); matches nothing when no role covers any. */
  where(actor: Actor, roles: readonly Role[]): Where;
}

export function recordScope<Row, Where>(columns: ScopeColumns<Row, Where>): RecordScope<Row, Where> {
  const fields = Object.keys(columns) as ScopeField[];
  const clause = (c: ScopeCondition) => columns[c.field]!.where('prefix' in c ? c.prefix : c.equals);
  return {
    target: (row) => Object.fromEntries(fields.map((f) => [f, columns[f]!.of(row)])),
    // Prisma: an empty OR matches nothing, an empty AND everything.
    where: (actor, roles) =>
      ({ OR: listScope(actor, roles, fields).map((all) => ({ AND: all.map(clause) })) }) as Where,
  };
}
