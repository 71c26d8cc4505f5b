/**
 * Small helpers over a sql.js Database: prepared statements with bound values only (never values
 * spliced into SQL text), transactions that roll back on error, and the migration runner.
 */
import type { SqlDatabase, SqlValue } from './sqljs';
import { MIGRATIONS, type Migration } from './migrations';

export type Row = Record<string, SqlValue>;

/** Runs fn inside BEGIN…COMMIT; any error rolls the whole transaction back and is rethrown. */
export function inTransaction<T>(db: SqlDatabase, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (e) {
    // ROLLBACK can itself fail when SQLite already rolled back (e.g. after SQLITE_FULL); the first error matters.
    try {
      db.exec('ROLLBACK');
    } catch {
      /* already rolled back */
    }
    throw e;
  }
}

/** All rows of a constant query, as objects keyed by column name. */
export function queryAll(db: SqlDatabase, sql: string, params: SqlValue[] = []): Row[] {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    const rows: Row[] = [];
    while (stmt.step()) rows.push(stmt.getAsObject());
    return rows;
  } finally {
    stmt.free();
  }
}

/** The first column of the first row, or undefined. */
export function queryValue(db: SqlDatabase, sql: string, params: SqlValue[] = []): SqlValue | undefined {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    return stmt.step() ? stmt.get()[0] : undefined;
  } finally {
    stmt.free();
  }
}

/** A prepared insert run for many rows, freed afterwards. */
export function insertMany(db: SqlDatabase, sql: string, rows: Iterable<SqlValue[]>): void {
  const stmt = db.prepare(sql);
  try {
    for (const row of rows) stmt.run(row);
  } finally {
    stmt.free();
  }
}

export function userVersion(db: SqlDatabase): number {
  return Number(queryValue(db, 'PRAGMA user_version'));
}

/** Runs one step and records it. The caller provides the transaction. */
export function applyMigration(db: SqlDatabase, m: Migration, appliedAt: string): void {
  db.exec(m.sql);
  const version = userVersion(db);
  if (version !== m.version) {
    // A step whose SQL forgot (or mistyped) its user_version would corrupt the history: stop here.
    throw new Error(`升级步骤 ${m.version}（${m.name}）设置的文件版本为 ${version}`);
  }
  insertMany(db, 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
    [m.version, m.name, appliedAt],
  ]);
}

/** Brings a database from `from` to the newest version, each step in its own transaction. */
export function migrateFrom(db: SqlDatabase, from: number, appliedAt: string): void {
  for (const m of MIGRATIONS) {
    if (m.version <= from) continue;
    inTransaction(db, () => applyMigration(db, m, appliedAt));
  }
}
