/** Reads a .budget (openBudgetFile) or, for check, a .budget or a workbook (openBudgetOrWorkbook) from disk. */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { budgetFromBytes, BudgetFileError, sniffFile } from '../shared/storage/index';
import type { Budget } from '../shared/model/types';
import type { Finding } from '../shared/rules/types';
import { importWorkbook, ImportError, type Absence } from '../shared/import/index';
import { loadSqlJsNode } from './sqljs-node';
import { CliError } from './errors';

export function readInputFile(path: string): Uint8Array {
  const name = basename(path);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new CliError(`找不到文件“${path}”`);
  }
  if (size === 0) throw new CliError(`文件“${name}”是空文件，不是部门预算文件`);
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new CliError(`无法读取文件“${name}”：${(e as Error).message}`);
  }
}

export async function openBudgetFile(path: string): Promise<Budget> {
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
  try {
    return budgetFromBytes(await loadSqlJsNode(), bytes, name).budget;
  } catch (e) {
    if (e instanceof BudgetFileError) throw new CliError(e.message);
    throw e;
  }
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
    const result = await importWorkbook(bytes, { fileName: name });
    return { budget: result.budget, kind: 'xlsx', findings: result.findings, report: result.report, absences: result.absences };
  } catch (e) {
    if (e instanceof ImportError) throw new CliError(e.message.split('\n')[0]);
    throw e;
  }
}
