/**
 * One department-year = one plain SQLite 3 file (`.budget`), readable with any SQLite tool.
 *
 * - budgetToBytes: a fresh database, every schema step and all data in one transaction, exported.
 * - budgetFromBytes: checks that the bytes are ours and intact, upgrades old files in memory only
 *   (the caller still holds the original bytes and keeps them as the backup before the first save
 *   over them), and reads the Budget. Anything else is a BudgetFileError naming the file.
 *
 * sql.js is injected (see ./sqljs.ts): this module uses no Node or DOM API.
 */
import type { Budget } from '../model/types';
import type { SqlDatabase, SqlJs } from './sqljs';
import { applyMigration, inTransaction, insertMany, migrateFrom, queryAll, queryValue, userVersion } from './db';
import { CHECKSUM_KEY, inputsChecksum } from './checksum';
import { BudgetFileError, BudgetSaveError, type BudgetFileErrorCode } from './errors';
import { APPLICATION_ID, CURRENT_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { readBudget, UnreadableContent } from './read';
import { describeOther, sniffFile } from './sniff';
import { writeBudget } from './write';
import { boundsProblem, schemaProblem } from './verify';
import { formatCount, MAX_FILE_BYTES } from './limits';

export type { SqlJs } from './sqljs';
export { BudgetFileError, BudgetSaveError, type BudgetFileErrorCode } from './errors';
export { APPLICATION_ID, CURRENT_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';
export { sniffFile, SQLITE_MAGIC, type FileKind } from './sniff';
export { MAX_FILE_BYTES, MAX_ROWS, MAX_VALUE_CHARS } from './limits';

export const BUDGET_FILE_EXTENSION = '.budget';

export interface WriteOptions {
  /** Clock for schema_migrations.applied_at (tests freeze it). */
  now?: () => string;
}

const isoNow = (): string => new Date().toISOString();

/** The whole budget as the bytes of a new .budget file. Throws BudgetSaveError if it can't be stored. */
export function budgetToBytes(sql: SqlJs, budget: Budget, options: WriteOptions = {}): Uint8Array {
  const appliedAt = (options.now ?? isoNow)();
  const db = new sql.Database();
  try {
    // Checked at write time so a project_amounts row can never point at a missing project.
    db.exec('PRAGMA foreign_keys = ON');
    inTransaction(db, () => {
      for (const m of MIGRATIONS) applyMigration(db, m, appliedAt);
      writeBudget(db, budget);
      // Never write a file that opening would refuse.
      const tooBig = boundsProblem(db);
      if (tooBig) throw new BudgetSaveError(tooBig);
      // Rows and values within their bounds can still add up to more than a file may have.
      const size = Number(queryValue(db, 'SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()'));
      if (size > MAX_FILE_BYTES) {
        throw new BudgetSaveError(`文件将有 ${formatCount(size)} 字节，超过部门预算文件的上限 ${formatCount(MAX_FILE_BYTES)} 字节`);
      }
      // Over the rows as they will be read back, so the next open hashes exactly the same thing.
      insertMany(db, 'INSERT INTO meta (key, value) VALUES (?, ?)', [[CHECKSUM_KEY, inputsChecksum(readBudget(db))]]);
    });
    return db.export();
  } catch (e) {
    if (e instanceof BudgetSaveError) throw e;
    throw new BudgetSaveError(`写入数据库时出错（${errorText(e)}）`);
  } finally {
    db.close();
  }
}

/**
 * The inputs checksum of meta against the rows: 'ok', 'mismatch' (changed outside the workbench or
 * damaged: warn, and offer to open read-only), or 'absent' (a file saved before checksums existed).
 */
export type Integrity = 'ok' | 'mismatch' | 'absent';

export interface OpenedBudget {
  budget: Budget;
  /** The file's schema version when it was older than CURRENT_SCHEMA_VERSION, else null. */
  migratedFrom: number | null;
  integrity: Integrity;
}

/** The warning for a mismatch, naming the file. */
export function integrityWarning(fileName: string): string {
  return `“${fileName}”的内容与上次保存时的校验值不符：文件在工作台之外被改动过，或已损坏。其中的数字可能不是录入的数字，请核对或从备份恢复`;
}

/** Reads a .budget file. Never changes `bytes`; throws BudgetFileError with a Chinese message. */
export function budgetFromBytes(sql: SqlJs, bytes: Uint8Array, fileName: string, options: WriteOptions = {}): OpenedBudget {
  const fail = (code: BudgetFileErrorCode, reason: string, detail?: string): never => {
    throw new BudgetFileError(code, fileName, reason, detail);
  };

  const kind = sniffFile(bytes);
  if (kind === 'empty') fail('empty', '这是一个空文件（0 字节），不是部门预算文件。可能保存时被中断，请从备份恢复');
  if (kind !== 'sqlite') {
    const what = describeOther(bytes);
    const hint = kind === 'xlsx' ? '。如需从上年公开的工作簿开始，请使用“导入工作簿”' : '';
    fail('not-sqlite', `不是部门预算文件（${what}，而部门预算文件是 SQLite 数据库）${hint}`);
  }
  const truncated = headerProblem(bytes);
  if (truncated) fail('damaged', `${truncated}。请从备份恢复`);

  if (bytes.length > MAX_FILE_BYTES) {
    fail('too-large', `文件有 ${formatCount(bytes.length)} 字节，超过部门预算文件的上限 ${formatCount(MAX_FILE_BYTES)} 字节，不像是部门预算文件，未打开`);
  }

  let db: SqlDatabase;
  try {
    db = new sql.Database(bytes);
  } catch (e) {
    return fail('damaged', '文件已损坏，SQLite 无法读取它。请从备份恢复', errorText(e));
  }
  try {
    // Nothing the file defines may run: functions marked unsafe are refused inside its schema.
    db.exec('PRAGMA trusted_schema = OFF');
    checkIdentity(db, fail);
    const from = userVersion(db);
    if (from > CURRENT_SCHEMA_VERSION) {
      fail(
        'newer',
        `此文件由更新版本的工作台创建（文件版本 ${from}，本程序支持 ${CURRENT_SCHEMA_VERSION}），请升级工作台后再打开，文件未被修改`,
      );
    }
    if (from < 1) fail('damaged', '文件里没有部门预算的数据结构（文件版本 0），可能创建时被中断。请从备份恢复');
    // Before any statement touches a table: the schema must be exactly the one of its version.
    const schema = guarded(fail, () => schemaProblem(sql, db, from));
    if (schema) fail(schema.kind, schema.reason);
    checkIntact(db, fail);
    const tooBig = guarded(fail, () => boundsProblem(db));
    if (tooBig) fail('too-large', `${tooBig}，不像是部门预算文件，未打开`);
    checkHistory(db, from, fail);

    if (from < CURRENT_SCHEMA_VERSION) {
      try {
        migrateFrom(db, from, (options.now ?? isoNow)());
      } catch (e) {
        fail('migration', `从文件版本 ${from} 升级时出错，文件未被修改`, errorText(e));
      }
    }
    try {
      const budget = readBudget(db);
      const stored = queryValue(db, 'SELECT value FROM meta WHERE key = ?', [CHECKSUM_KEY]);
      const integrity: Integrity = stored === undefined ? 'absent' : stored === inputsChecksum(budget) ? 'ok' : 'mismatch';
      return { budget, migratedFrom: from < CURRENT_SCHEMA_VERSION ? from : null, integrity };
    } catch (e) {
      if (e instanceof BudgetFileError) throw e;
      // Our reader's reasons name the table and column; anything else is SQLite's text, for --debug.
      const what = e instanceof UnreadableContent ? `：${e.message}` : '';
      return fail('damaged', `文件内容无法读取${what}。文件可能被其他工具改动过，请从备份恢复`, errorText(e));
    }
  } finally {
    db.close();
  }
}

type Fail = (code: BudgetFileErrorCode, reason: string, detail?: string) => never;

/** A SQLite error while looking at the file's structure means a damaged file. */
function guarded<T>(fail: Fail, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    return fail('damaged', '文件已损坏，SQLite 无法读取它。请从备份恢复', errorText(e));
  }
}

/** Ours (application_id), before anything reads its tables. */
function checkIdentity(db: SqlDatabase, fail: Fail): void {
  let appId: number;
  try {
    appId = Number(queryValue(db, 'PRAGMA application_id'));
  } catch (e) {
    return fail('damaged', '文件已损坏，SQLite 无法读取它。请从备份恢复', errorText(e));
  }
  if (appId !== APPLICATION_ID) {
    let tables = '';
    try {
      const names = queryAll(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name LIMIT 6").map((r) =>
        String(r.name),
      );
      if (names.length) tables = `，包含表 ${names.slice(0, 5).join('、')}${names.length > 5 ? ' 等' : ''}`;
    } catch {
      /* the id alone says enough */
    }
    const what =
      appId === 0
        ? '这是一个普通的 SQLite 数据库，没有本工作台的文件标识'
        : `这是其他程序的 SQLite 数据库，application_id = 0x${(appId >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
    fail('foreign', `不是部门预算文件（${what}${tables}），文件未被修改`);
  }
}

/** Intact pages (quick_check), once the schema is known to be ours. */
function checkIntact(db: SqlDatabase, fail: Fail): void {
  let problems: string[];
  try {
    problems = queryAll(db, 'PRAGMA quick_check').map((r) => String(Object.values(r)[0]));
  } catch (e) {
    return fail('damaged', '文件已损坏，SQLite 无法读取它。请从备份恢复', errorText(e));
  }
  if (problems.length !== 1 || problems[0] !== 'ok') {
    fail('damaged', `文件已损坏（SQLite 检查发现：${problems.slice(0, 3).join('；')}）。请从备份恢复`);
  }
}

/** The steps recorded in the file must be exactly the first `version` steps this program knows. */
function checkHistory(db: SqlDatabase, version: number, fail: Fail): void {
  let recorded: Record<string, unknown>[];
  try {
    recorded = queryAll(db, 'SELECT version, name FROM schema_migrations ORDER BY version');
  } catch (e) {
    return fail('migration', '文件缺少升级记录，无法确认其结构，为免损坏数据未打开，文件未被修改', errorText(e));
  }
  for (let i = 0; i < Math.max(recorded.length, version); i++) {
    const known = MIGRATIONS[i];
    const got = recorded[i];
    if (!got) {
      fail('migration', `文件版本为 ${version}，但升级记录只有 ${recorded.length} 步，无法确认其结构，为免损坏数据未打开，文件未被修改`);
    }
    if (i >= version || !known || got.version !== known.version || got.name !== known.name) {
      const knownText = known && i < version ? `本程序的第 ${i + 1} 步为“${known.version} ${known.name}”` : `本程序没有这一步`;
      fail(
        'migration',
        `文件的升级记录与本程序不一致：第 ${i + 1} 步为“${String(got.version)} ${String(got.name)}”，${knownText}。` +
          '文件可能由其他分支的工作台创建或被改动过，为免损坏数据未打开，文件未被修改',
      );
    }
  }
}

/** Cheap checks on the 100-byte header that catch a truncated copy before SQLite reads garbage. */
function headerProblem(bytes: Uint8Array): string | null {
  if (bytes.length < 100) return `文件不完整：只有 ${bytes.length} 字节，SQLite 文件头就需要 100 字节`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const raw = view.getUint16(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return `文件头已损坏（页大小 ${raw} 无效）`;
  if (bytes.length % pageSize !== 0) {
    return `文件不完整：长度 ${bytes.length} 字节不是页大小 ${pageSize} 的整数倍，可能在复制或保存时被截断`;
  }
  // The page count in the header is only trusted when its "valid-for" counter matches (SQLite's own rule).
  const pages = view.getUint32(28);
  if (pages > 0 && view.getUint32(24) === view.getUint32(92) && bytes.length < pages * pageSize) {
    return `文件不完整：应有 ${pages * pageSize} 字节，实际只有 ${bytes.length} 字节，可能在复制或保存时被截断`;
  }
  return null;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
