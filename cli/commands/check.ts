/**
 * `check FILE [--json]`: every rule on a .budget (or a seventeen-table workbook, imported in memory),
 * findings grouped by severity.
 * `check DIR|FILE... [--json] [--report summary.xlsx] [--shard K/N]`: many files at once, for a
 * reviewer — folders walked recursively, files checked in worker threads on all cores, one line per
 * file then totals (or `{"files":[…],"counts":{…}}`), progress on stderr.
 * Exit 0 no errors, 1 errors found, 2 unreadable input (any file).
 */
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { SEVERITIES, SEVERITY_LABELS } from '../../shared/rules/index';
import type { Counts } from '../../shared/rules/engine';
import { budgetChecker, checkEntry, checkerFor, worstOf, type FileEntry } from '../check-file';
import { CliError } from '../errors';
import { parseArgs, type Command } from '../command';

export { checkBudget, reportOf, renderText, type CheckReport } from '../check-file';

/** Every checkable file under the inputs, sorted (so that shards are stable). */
export function collectFiles(inputs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name.startsWith('~$')) continue; // hidden files, Office lock files
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (checkerFor(path)?.inFolders) out.push(path);
    }
  };
  for (const input of inputs) {
    let st;
    try {
      st = statSync(input);
    } catch {
      throw new CliError(`找不到文件或文件夹“${input}”`);
    }
    if (st.isDirectory()) walk(input);
    else out.push(input);
  }
  return [...new Set(out)].sort();
}

/** `--shard K/N`: the K-th (1-based) of N interleaved slices of the sorted list. */
export function shardOf<T>(items: readonly T[], spec: string): T[] {
  const m = /^(\d+)\/(\d+)$/.exec(spec);
  const k = m ? Number(m[1]) : 0;
  const n = m ? Number(m[2]) : 0;
  if (!m || n < 1 || k < 1 || k > n) throw new CliError(`--shard 应写作 K/N（1 ≤ K ≤ N），如 --shard 2/8，而不是“${spec}”`);
  return items.filter((_, i) => i % n === k - 1);
}

/**
 * The worker's script: next to the bundle in dist-cli/ (cli/build.mjs builds it), or, when this
 * module runs as TypeScript (tests, bench), the launcher that loads it through tsx.
 */
const WORKER_URL = import.meta.url.endsWith('.ts') ? new URL('../check-worker.mjs', import.meta.url) : new URL('./check-worker.cjs', import.meta.url);

/** Checks the files, in worker threads when there are several; entries in input order. */
export async function checkFiles(files: readonly string[], progress: (done: number, entry: FileEntry) => void = () => {}): Promise<FileEntry[]> {
  const entries: FileEntry[] = new Array(files.length);
  let done = 0;
  const workers = Math.min(files.length, Math.max(1, availableParallelism()));
  if (workers <= 1) {
    for (let i = 0; i < files.length; i++) {
      entries[i] = await checkEntry(files[i]);
      progress(++done, entries[i]);
    }
    return entries;
  }
  // Loaded here, not at start: node:worker_threads costs every other command's start a few ms.
  const { Worker } = await import('node:worker_threads');
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, () => new Promise<void>((resolveAll, reject) => {
      const worker = new Worker(WORKER_URL);
      const feed = () => {
        if (next >= files.length) {
          void worker.terminate().then(() => resolveAll());
          return;
        }
        const index = next++;
        worker.postMessage({ index, path: files[index] });
      };
      worker.on('message', (m: { ready?: boolean; index: number; entry: FileEntry }) => {
        if (!m.ready) {
          entries[m.index] = m.entry;
          progress(++done, m.entry);
        }
        feed();
      });
      worker.on('error', reject);
    })),
  );
  return entries;
}

export function totalsOf(entries: readonly FileEntry[]): Counts & { files: number; unreadable: number } {
  const counts = { error: 0, warning: 0, info: 0, unverifiable: 0, files: entries.length, unreadable: 0 };
  for (const e of entries) {
    if (e.error) counts.unreadable++;
    for (const s of SEVERITIES) counts[s] += e.counts[s];
  }
  return counts;
}

export function exitCodeOf(entries: readonly FileEntry[]): number {
  if (entries.some((e) => e.error)) return 2;
  return entries.some((e) => e.counts.error > 0) ? 1 : 0;
}


function lineOf(entry: FileEntry, base: string): string {
  const name = relative(base, entry.file) || entry.file;
  if (entry.error) return `${name}：无法读取：${entry.error}`;
  const c = entry.counts;
  const worst = worstOf(entry);
  const head = `${name}：${entry.department || '（未填部门名称）'} ${entry.year ?? ''}年 错误 ${c.error}，警告 ${c.warning}，提示 ${c.info}，无法核验 ${c.unverifiable}`;
  return worst && worst.severity !== 'info' ? `${head}；${SEVERITY_LABELS[worst.severity]} [${worst.id}] ${worst.message.length > 80 ? `${worst.message.slice(0, 80)}…` : worst.message}` : head;
}

export const check: Command = {
  name: 'check',
  usage: 'check FILE|DIR... [--json] [--report 汇总.xlsx] [--shard K/N]',
  summary: '校验部门预算文件（.budget）、十七张表工作簿（.xlsx）或单独一份情况说明（.txt/.docx/.html），可一次校验多个文件或文件夹',
  async run(args) {
    const { positional, options, on } = parseArgs(args, ['--report', '--shard'], ['--json']);
    if (positional.length === 0) throw new CliError(`用法：budget-workbench ${check.usage}`);
    const single = positional.length === 1 && !options['--report'] && !options['--shard'] && !isDirectory(positional[0]);
    if (single) {
      const file = positional[0];
      const { text, report } = await (checkerFor(file) ?? budgetChecker).check(file);
      console.log(on.has('--json') ? JSON.stringify(report, null, 1) : text);
      return report.counts.error > 0 ? 1 : 0;
    }
    let files = collectFiles(positional);
    if (options['--shard']) files = shardOf(files, options['--shard']);
    const started = Date.now();
    const entries = await checkFiles(files, (done, entry) => {
      if (files.length > 1) process.stderr.write(`\r已检查 ${done}/${files.length}（${Math.round((Date.now() - started) / 1000)} 秒）${entry.error ? '，有无法读取的文件' : ''}${done === files.length ? '\n' : ''}`);
    });
    const counts = totalsOf(entries);
    if (options['--report']) {
      // exceljs is loaded only when a report is asked for.
      const { writeSummaryXlsx } = await import('../check-summary');
      await writeSummaryXlsx(resolve(options['--report']), entries);
    }
    if (on.has('--json')) console.log(JSON.stringify({ files: entries, counts }, null, 1));
    else {
      const base = positional.length === 1 && isDirectory(positional[0]) ? positional[0] : process.cwd();
      console.log(
        [
          ...entries.map((e) => lineOf(e, base)),
          '',
          `共 ${counts.files} 个文件${counts.unreadable ? `（${counts.unreadable} 个无法读取）` : ''}：错误 ${counts.error} 项，警告 ${counts.warning} 项，提示 ${counts.info} 项，无法核验 ${counts.unverifiable} 项`,
          ...(options['--report'] ? [`汇总表已写入 ${options['--report']}`] : []),
        ].join('\n'),
      );
    }
    return exitCodeOf(entries);
  },
};

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

