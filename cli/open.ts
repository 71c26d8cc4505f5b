/** Reads a .budget (or, once the importer exists, a workbook) from disk into a Budget. */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { budgetFromBytes, BudgetFileError, sniffFile } from '../shared/storage/index';
import type { Budget } from '../shared/model/types';
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
