import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { budgetToBytes, BudgetSaveError, MAX_FILE_BYTES } from '../../shared/storage/index';
import type { Budget } from '../../shared/model/types';
import { writeWholeFile } from '../atomic-write';
import { tooLargeError } from '../open';
import { importWorkbook, ImportError } from '../../shared/import/index';
import type { Finding } from '../../shared/rules/types';
import { loadSqlJsNode } from '../sqljs-node';
import { CliError } from '../errors';
import { zlibInflater } from '../inflate-raw';
import { parseArgs, type Command } from '../command';
import { readNarrativeFile } from './check-narrative';

/** Refuses to replace an existing file unless forced: one Chinese line, exit 2. */
export function refuseExisting(out: string, force: boolean, what = '输出文件'): void {
  if (!force && existsSync(out)) throw new CliError(`${what}“${out}”已存在，未覆盖。确需覆盖请加 --force`);
  const dir = dirname(resolve(out));
  if (!existsSync(dir)) throw new CliError(`目录“${dir}”不存在，无法写出“${basename(out)}”`);
}

/**
 * Refuses an OUT that is the input file itself, however it is written: another spelling of the
 * path, a link to it, or (Windows, macOS) the same name in other letter case.
 */
export function refuseSameFile(input: string, out: string, message: string): void {
  const a = resolve(input);
  const b = resolve(out);
  if (a === b || (process.platform !== 'linux' && a.toLowerCase() === b.toLowerCase())) throw new CliError(message);
  let x, y;
  try {
    x = statSync(a);
    y = statSync(b);
  } catch {
    return; // one of them does not exist: not the same file
  }
  if (x.ino !== 0 && x.ino === y.ino && x.dev === y.dev) throw new CliError(message);
}

/** The .budget bytes of a budget about to be written as `out`; a budget that cannot be stored names the file. */
export async function budgetFileBytes(budget: Budget, out: string): Promise<Uint8Array> {
  try {
    return budgetToBytes(await loadSqlJsNode(), budget);
  } catch (e) {
    if (e instanceof BudgetSaveError) throw new CliError(`无法写出“${basename(out)}”：${e.reason}，未写出文件`);
    throw e;
  }
}

const LABEL: Record<Finding['severity'], string> = { error: '错误', warning: '警告', info: '提示', unverifiable: '无法核验' };

/** The message of an unusable workbook, with every problem found before giving up. */
export function importErrorText(e: ImportError): string {
  const extra = e.findings.filter((f) => f.severity === 'error' && !e.message.includes(f.message));
  return [e.message, ...extra.slice(0, 30).map((f) => `  [${f.id}] ${LABEL[f.severity]}：${f.message}`), ...(extra.length > 30 ? [`  …… 另有 ${extra.length - 30} 处`] : [])].join('\n');
}

/** Reads a workbook from disk for the importer (it explains an empty or foreign file itself). */
export function readWorkbookFile(path: string): Uint8Array {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new CliError(`“${path}”不是文件`);
    if (st.size > MAX_FILE_BYTES) throw tooLargeError(basename(path), st.size);
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    if (e instanceof CliError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`找不到文件“${path}”`);
    throw new CliError(`无法读取文件“${basename(path)}”`, 2, (e as Error).message);
  }
}

export const importCommand: Command = {
  name: 'import',
  usage: 'import WORKBOOK.xlsx OUT.budget [--narrative LAST.docx|.txt] [--force]',
  summary: '导入已公开的十七张表工作簿，核对表间数据，写出部门预算文件；可从上年情况说明填入职能职责等文字',
  async run(args) {
    const { positional, on, options } = parseArgs(args, ['--narrative'], ['--force']);
    const [workbook, out] = positional;
    if (!workbook || !out || positional.length > 2) throw new CliError(`用法：budget-workbench ${importCommand.usage}`);
    refuseSameFile(workbook, out, '输出文件不能与工作簿相同：工作簿必须保留');
    const force = on.has('--force');
    refuseExisting(out, force);
    const bytes = readWorkbookFile(workbook);
    const last = options['--narrative'];
    const narrative = last === undefined ? undefined : { file: basename(last), text: await readNarrativeFile(last) };
    let result;
    try {
      result = await importWorkbook(bytes, { fileName: basename(workbook), narrative, inflate: await zlibInflater() });
    } catch (e) {
      if (e instanceof ImportError) throw new CliError(importErrorText(e), 2, e.detail);
      throw e;
    }
    console.log(result.report.join('\n'));
    const file = await budgetFileBytes(result.budget, out);
    writeWholeFile(out, file, force);
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    console.log(`已写出 ${out}（${file.length} 字节）`);
    if (errors) {
      console.log(`导入成功，但发现 ${errors} 处错误（公开表格之间或与明细不一致，见上），请在工作台中核对`);
      return 1;
    }
    return 0;
  },
};
