/**
 * A .budget is opened as data, never as code. A SQLite file can carry triggers, views, virtual
 * tables and expression indexes that run when the product's own statements touch the tables; the
 * only defence is to look at `sqlite_master` (which parses, but runs nothing) before anything else
 * and accept exactly the objects the migrations of the file's version create, with the same SQL
 * text. Then every table's row count and longest value are bounded before a row is read into JS.
 */
import type { SqlDatabase, SqlJs } from './sqljs';
import { queryAll } from './db';
import { MIGRATIONS } from './migrations';
import { formatCount, MAX_ROWS, MAX_VALUE_CHARS, TABLE_LABELS } from './limits';

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

const SCHEMA_QUERY = 'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name';

function schemaObjects(db: SqlDatabase): SchemaObject[] {
  return queryAll(db, SCHEMA_QUERY).map((r) => ({
    type: String(r.type),
    name: String(r.name),
    tbl_name: String(r.tbl_name),
    sql: r.sql === null ? null : String(r.sql),
  }));
}

const known = new WeakMap<SqlJs, Map<number, SchemaObject[]>>();

/** sqlite_master of a fresh file after the first `version` steps: the only schema a file of that version may have. */
export function knownSchema(sql: SqlJs, version: number): SchemaObject[] {
  let byVersion = known.get(sql);
  if (!byVersion) known.set(sql, (byVersion = new Map()));
  let objects = byVersion.get(version);
  if (!objects) {
    const db = new sql.Database();
    try {
      for (const m of MIGRATIONS) if (m.version <= version) db.exec(m.sql);
      objects = schemaObjects(db);
    } finally {
      db.close();
    }
    byVersion.set(version, objects);
  }
  return objects;
}

/** Why a file's schema is not ours: `unsafe` when it adds objects (code may run), `damaged` when ours are missing. */
export interface SchemaProblem {
  kind: 'unsafe' | 'damaged';
  reason: string;
}

function describe(o: SchemaObject): string {
  if (o.type === 'table' && /^\s*CREATE\s+VIRTUAL\b/i.test(o.sql ?? '')) return `虚拟表“${o.name}”`;
  const word: Record<string, string> = { table: '表', view: '视图', trigger: '触发器', index: '索引' };
  return `${word[o.type] ?? `对象（${o.type}）`}“${o.name}”`;
}

/** Compares the file's sqlite_master with the known schema of `version`; null when identical. */
export function schemaProblem(sql: SqlJs, db: SqlDatabase, version: number): SchemaProblem | null {
  const expected = knownSchema(sql, version);
  const actual = schemaObjects(db);
  const key = (o: SchemaObject) => `${o.type}\u0000${o.name}`;
  const wanted = new Map(expected.map((o) => [key(o), o]));
  const extra: SchemaObject[] = [];
  const changed: SchemaObject[] = [];
  const seen = new Set<string>();
  for (const o of actual) {
    const w = wanted.get(key(o));
    seen.add(key(o));
    if (!w) extra.push(o);
    else if (w.sql !== o.sql || w.tbl_name !== o.tbl_name) changed.push(o);
  }
  const list = (items: SchemaObject[]) => items.slice(0, 3).map(describe).join('、') + (items.length > 3 ? ` 等 ${items.length} 个` : '');
  if (extra.length || changed.length) {
    const parts: string[] = [];
    if (extra.length) parts.push(`含有本程序不会建立的${list(extra)}`);
    if (changed.length) parts.push(`${list(changed)}的定义与本程序建立的不同`);
    return {
      kind: 'unsafe',
      reason: `文件结构与部门预算文件（文件版本 ${version}）不符：${parts.join('；')}。文件可能被其他工具改动过或来源不明，为免运行其中夹带的代码，未打开，文件未被修改`,
    };
  }
  const missing = expected.filter((o) => !seen.has(key(o)));
  if (missing.length) {
    return { kind: 'damaged', reason: `文件缺少${list(missing)}，文件可能被其他工具改动过。请从备份恢复` };
  }
  return null;
}

/**
 * Row counts and the longest value of every table, against the bounds of ./limits. Run only after
 * schemaProblem found nothing (so each name is one of our plain tables). Null when within bounds.
 */
export function boundsProblem(db: SqlDatabase): string | null {
  for (const [table, maxRows] of Object.entries(MAX_ROWS)) {
    const columns = queryAll(db, `SELECT name FROM pragma_table_info('${table}')`).map((r) => String(r.name));
    // Table and column names come from our own schema (verified above), never from the file's text.
    const lengths = columns.map((c) => `max(length("${c}"))`).join(', ');
    const stats = queryAll(db, `SELECT count(*), ${lengths} FROM "${table}"`)[0];
    const values = Object.values(stats).map(Number);
    const rows = values[0];
    const label = `表 ${table}（${TABLE_LABELS[table]}）`;
    if (rows > maxRows) {
      return `${label}有 ${formatCount(rows)} 行，超过一个部门可能有的 ${formatCount(maxRows)} 行`;
    }
    const longest = values.slice(1).reduce((m, v, i) => (v > values[m + 1] ? i : m), 0);
    if (values[longest + 1] > MAX_VALUE_CHARS) {
      return `${label}的 ${columns[longest]} 列有一个值长 ${formatCount(values[longest + 1])} 字符，超过上限 ${formatCount(MAX_VALUE_CHARS)}`;
    }
  }
  return null;
}
