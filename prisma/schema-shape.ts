// What schema.prisma says the database must look like, what a live database looks like, and the
// difference (tables, columns, types, nullability, indexes). Used by the drift test because
// `prisma migrate diff` needs an engine these machines cannot download.
import fs from 'node:fs';
import path from 'node:path';
import { getDMMF } from '@prisma/internals';
import type pg from 'pg';

export interface Shape {
  /** table → column → "type NOT NULL" / "type NULL" */
  columns: Record<string, Record<string, string>>;
  /** index name → "table UNIQUE? (col, col)", with the method and operator classes when not the defaults */
  indexes: Record<string, string>;
}

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Bytes: 'bytea',
};
const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Date: () => 'date',
  Uuid: () => 'uuid',
  VarChar: (a) => `character varying(${a[0]})`,
  Timestamptz: (a) => `timestamp(${a[0] ?? 3}) with time zone`,
  Text: () => 'text',
};

export async function expectedShape(schemaPath = path.join(__dirname, 'schema.prisma')): Promise<Shape> {
  const dmmf = await getDMMF({ datamodel: fs.readFileSync(schemaPath, 'utf8') });
  const shape: Shape = { columns: {}, indexes: {} };
  const tableOf: Record<string, string> = {};
  const columnOf: Record<string, string> = {};
  for (const m of dmmf.datamodel.models) {
    const table = m.dbName ?? m.name;
    tableOf[m.name] = table;
    shape.columns[table] = {};
    for (const f of m.fields) {
      if (f.kind !== 'scalar' && f.kind !== 'enum') continue;
      const column = f.dbName ?? f.name;
      columnOf[`${m.name}.${f.name}`] = column;
      const native = f.nativeType as [string, string[]] | null | undefined;
      let type = f.kind === 'enum' ? f.type : native ? NATIVE_TYPES[native[0]]?.(native[1]) : SCALAR_TYPES[f.type];
      if (!type) throw new Error(`no PostgreSQL type known for ${m.name}.${f.name} (${f.type})`);
      // BigInt autoincrement is BIGSERIAL: a bigint column.
      if (f.isList) type += '[]';
      shape.columns[table][column] = `${type} ${f.isRequired && !f.isList ? 'NOT NULL' : 'NULL'}`;
    }
  }
  for (const ix of dmmf.datamodel.indexes) {
    const table = tableOf[ix.model];
    const fields = ix.fields as { name: string; operatorClass?: string }[];
    const cols = fields.map((f) => columnOf[`${ix.model}.${f.name}`] ?? f.name);
    const suffix = ix.type === 'id' ? 'pkey' : ix.type === 'unique' ? 'key' : 'idx';
    const name = ix.dbName ?? (ix.type === 'id' ? `${table}_pkey` : `${table}_${cols.join('_')}_${suffix}`);
    const keys = cols.map((c, i) => (fields[i].operatorClass ? `${c} ${fields[i].operatorClass}` : c));
    const method = (ix as { algorithm?: string }).algorithm?.toLowerCase() ?? 'btree';
    shape.indexes[name] =
      `${table} ${ix.type === 'normal' ? '' : 'UNIQUE '}(${keys.join(', ')})${method === 'btree' ? '' : ` USING ${method}`}`;
  }
  return shape;
}

export async function actualShape(client: pg.Client): Promise<Shape> {
  const shape: Shape = { columns: {}, indexes: {} };
  const cols = await client.query(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      AND c.relname <> '_prisma_migrations'`);
  for (const r of cols.rows) {
    (shape.columns[r.table] ??= {})[r.column] =
      `${String(r.type).replace(/"/g, '')} ${r.notnull ? 'NOT NULL' : 'NULL'}`;
  }
  const ixs = await client.query(`
    SELECT i.relname AS name, t.relname AS table, x.indisunique AS unique, am.amname AS method,
           array_agg(a.attname::text || CASE WHEN oc.opcdefault THEN '' ELSE ' ' || oc.opcname END ORDER BY k.ord) AS columns
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_am am ON am.oid = i.relam
    JOIN pg_namespace n ON n.oid = t.relnamespace
    CROSS JOIN LATERAL unnest(x.indkey::int2[], x.indclass::oid[]) WITH ORDINALITY AS k(attnum, opclass, ord)
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
    JOIN pg_opclass oc ON oc.oid = k.opclass
    WHERE n.nspname = current_schema() AND t.relname <> '_prisma_migrations'
    GROUP BY i.relname, t.relname, x.indisunique, am.amname`);
  for (const r of ixs.rows) {
    const method = r.method === 'btree' ? '' : ` USING ${r.method}`;
    shape.indexes[r.name] = `${r.table} ${r.unique ? 'UNIQUE ' : ''}(${r.columns.join(', ')})${method}`;
  }
  return shape;
}

/** Human-readable differences; empty when the database matches the schema. */
export function diffShapes(expected: Shape, actual: Shape): string[] {
  const out: string[] = [];
  const tables = new Set([...Object.keys(expected.columns), ...Object.keys(actual.columns)]);
  for (const t of [...tables].sort()) {
    const e = expected.columns[t];
    const a = actual.columns[t];
    if (!e) out.push(`table ${t} exists in the database but not in schema.prisma`);
    else if (!a) out.push(`table ${t} is in schema.prisma but not in the database`);
    else {
      for (const c of new Set([...Object.keys(e), ...Object.keys(a)])) {
        if (e[c] !== a[c])
          out.push(`${t}.${c}: schema.prisma says ${e[c] ?? 'nothing'}, database has ${a[c] ?? 'nothing'}`);
      }
    }
  }
  for (const i of new Set([...Object.keys(expected.indexes), ...Object.keys(actual.indexes)])) {
    if (expected.indexes[i] !== actual.indexes[i]) {
      out.push(
        `index ${i}: schema.prisma says ${expected.indexes[i] ?? 'nothing'}, database has ${actual.indexes[i] ?? 'nothing'}`,
      );
    }
  }
  return out;
}
