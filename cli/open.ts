/** Reads a .budget (openBudgetFile) or, for check, a .budget or a workbook (openBudgetOrWorkbook) from disk. */
import { formatCount } from '../shared/money/money';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { budgetFromBytes, BudgetFileError, integrityWarning, MAX_FILE_BYTES, sniffFile } from '../shared/storage/index';
import type { Budget } from '../shared/model/types';
import type { Finding } from '../shared/rules/types';
import { importWorkbook, ImportError, type Absence } from '../shared/import/index';
import { loadSqlJsNode } from './sqljs-node';
import { zlibInflater } from './inflate-raw';
import { CliError } from './errors';

/** A file larger than any .budget or workbook of a department: refused before it is read into memory. */
export function tooLargeError(name: string, size: number): CliError {
  return new CliError(
    `文件“${name}”有 ${formatCount(size)} 字节，超过上限 ${formatCount(MAX_FILE_BYTES)} 字节，不像是一个部门的预算文件或公开表格，未读取`,
  );
}

export function readInputFile(path: string): Uint8Array {
  const name = basename(path);
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new CliError(`“${path}”是文件夹，不是文件`);
    size = st.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`找不到文件“${path}”`);
  }
  if (size === 0) throw new CliError(`文件“${name}”是空文件，不是部门预算文件`);
  if (size > MAX_FILE_BYTES) throw tooLargeError(name, size);
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new CliError(`无法读取文件“${name}”`, 2, (e as Error).message);
  }
}

/**
 * A .budget from disk. A file whose inputs no longer match the checksum of its last save is read
 * with a warning on stderr (reading is safe: nothing is written back), or refused when `strict`
 * (rollover, which would carry the changed numbers into a new clean file).
 */
export async function openBudgetFile(path: string, opts: { strict?: boolean } = {}): Promise<Budget> {
  const bytes = readInputFile(path);
  const name = basename(path);
  const kind = sniffFile(bytes);
  if (kind !== 'sqlite') {
    throw new CliError(
      kind === 'xlsx'
        ? `文件“${name}”是 Excel 工作簿，不是部门预算文件（.budget）`
        : `文件“${name}”不是部门预算文件（.budget，SQLite 格式）`,
    );
  }
  let opened;
  try {
    opened = budgetFromBytes(await loadSqlJsNode(), bytes, name);
  } catch (e) {
    if (e instanceof BudgetFileError) throw new CliError(e.message, 2, e.detail);
    throw e;
  }
  if (opened.integrity === 'mismatch') {
    if (opts.strict) throw new CliError(`${integrityWarning(name)}。未结转`);
    console.error(`警告：${integrityWarning(name)}`);
  }
  return opened.budget;
}

export interface OpenedInput {
  budget: Budget;
  kind: 'budget' | 'xlsx';
  /** A workbook's import findings (printed cells that differ from the derived ones …); [] for a .budget. */
  findings: Finding[];
  /** The import report; [] for a .budget. */
  report: string[];
  /** What a workbook does not contain (its checks are 无法核验); [] for a .budget. */
  absences: Absence[];
}

/**
 * `check FILE`: a .budget, or a seventeen-table workbook imported in memory (nothing is written).
 * A workbook the importer cannot use is a CliError (exit 2) with the importer's one-line reason.
 */
export async function openBudgetOrWorkbook(path: string): Promise<OpenedInput> {
  const bytes = readInputFile(path);
  const name = basename(path);
  const kind = sniffFile(bytes);
  if (kind !== 'xlsx' && !(kind === 'other' && /\.xls[xm]?$/i.test(name))) {
    return { budget: await openBudgetFile(path), kind: 'budget', findings: [], report: [], absences: [] };
  }
  try {
    const result = await importWorkbook(bytes, { fileName: name, inflate: await zlibInflater() });
    return { budget: result.budget, kind: 'xlsx', findings: result.findings, report: result.report, absences: result.absences };
  } catch (e) {
    if (e instanceof ImportError) throw new CliError(e.message.split('\n')[0], 2, e.detail);
    throw e;
  }
}
