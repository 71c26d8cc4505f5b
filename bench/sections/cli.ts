/**
 * Bench section: the command line as a process (Issue 15). Each line is a fresh process, timed from
 * spawn to exit, median of RUNS after one unmeasured warm-up run (the OS file cache): `--help`
 * (through node and through npx), `check` of the sample as a .budget, `check` of the sample's
 * seventeen-table workbook, and, when `soffice` is installed, LibreOffice headless merely opening the
 * same workbook (opening it to write its first sheet as CSV, the least it can do and exit), with the
 * ratio. Also how exceljs reads that workbook, full load against the streaming reader (in process).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { buildCli, warmCodeCache } from '../../cli/build.mjs';
import { median } from '../stats';

const RUNS = 7;
const RATIO_TARGET = 5;
const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'cli/bin.mjs');

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);

/** Median wall time of a command (a warm-up run first); throws when it does not exit as expected. */
function timeProcess(cmd: string, args: readonly string[], okCodes: readonly number[] = [0], runs = RUNS, env: Record<string, string> = {}): number {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const t = performance.now() - t0;
    if (r.error || !okCodes.includes(r.status ?? -1)) {
      throw new Error(`${cmd} ${args.join(' ')} 退出码 ${r.status}：${r.error?.message ?? r.stderr.slice(0, 300)}`);
    }
    if (i > 0) times.push(t);
  }
  return median(times);
}

const hasSoffice = () => spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;

/** exceljs on the workbook in process: full load (what the importer uses) against the streaming reader. */
async function excelReaders(xlsx: Uint8Array): Promise<string> {
  const { default: excel } = await import('exceljs');
  const load = async () => {
    const wb = new excel.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    let n = 0;
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell(() => void n++));
    return n;
  };
  const stream = async () => {
    const reader = new excel.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(xlsx)]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    let n = 0;
    for await (const ws of reader) for await (const row of ws as unknown as AsyncIterable<{ eachCell(f: () => void): void }>) row.eachCell(() => void n++);
    return n;
  };
  const timeIt = async (f: () => Promise<number>) => {
    const times: number[] = [];
    let cells = 0;
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      cells = await f();
      if (i > 0) times.push(performance.now() - t0);
    }
    return { t: median(times), cells };
  };
  const full = await timeIt(load);
  const streamed = await timeIt(stream);
  return (
    `exceljs 读取该工作簿（进程内，中位数）：整体载入 ${ms(full.t)}（${full.cells} 格），流式读取 ${ms(streamed.t)}（${streamed.cells} 格）；` +
    `采用整体载入：流式读取不更快，且不给出合并单元格与被合并的格，而识别表头离不开它们`
  );
}

export const section = {
  name: '命令行启动与校验（Issue 15）',
  async run(): Promise<string[]> {
    await buildCli(); // the bundle of the current sources and its code cache, as `npm ci` builds them
    warmCodeCache();
    const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
    try {
      const budget = join(dir, 'sample.budget');
      const out = join(dir, 'out');
      for (const args of [['sample', budget], ['export', budget, '--out', out, '--format', 'xlsx']]) {
        const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`budget-workbench ${args[0]} 失败：${r.stderr}`);
      }
      const xlsx = join(out, 'tables.xlsx');
      // check exits 1 when it finds errors; the sample has none, but either is a completed check.
      const help = timeProcess(process.execPath, [bin, '--help']);
      const helpNpx = timeProcess('npx', ['--no-install', 'budget-workbench', '--help'], [0], 3);
      const checkBudget = timeProcess(process.execPath, [bin, 'check', budget], [0, 1]);
      const checkXlsx = timeProcess(process.execPath, [bin, 'check', xlsx], [0, 1]);
      const checkXlsxCold = timeProcess(process.execPath, [bin, 'check', xlsx], [0, 1], RUNS, { BUDGET_WORKBENCH_CODE_CACHE: 'off' });
      const lines = [
        `机器同上；每行为新进程从启动到退出的中位数（先热身一次，再测 ${RUNS} 次；npx 测 3 次）`,
        `budget-workbench --help：node cli/bin.mjs ${ms(help)}；npx budget-workbench ${ms(helpNpx)}`,
        `budget-workbench check 示例 .budget：${ms(checkBudget)}`,
        `budget-workbench check 示例的十七张表 .xlsx（${Math.round(readFileSync(xlsx).length / 1024)} KB）：${ms(checkXlsx)}（不用 V8 代码缓存时 ${ms(checkXlsxCold)}）`,
      ];
      if (hasSoffice()) {
        const profile = `file://${join(dir, 'lo-profile')}`;
        const lo = timeProcess(
          'soffice',
          [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'csv', '--outdir', join(dir, 'lo'), xlsx],
          [0],
          5,
        );
        const ratio = lo / checkXlsx;
        lines.push(
          `LibreOffice 无界面打开同一 .xlsx（soffice --headless --convert-to csv，同一用户配置，测 5 次）：${ms(lo)}`,
          `对比：check .xlsx ${ms(checkXlsx)} 对 LibreOffice 打开 ${ms(lo)}，快 ${ratio.toFixed(1)} 倍（目标 ≥ ${RATIO_TARGET} 倍：${ratio >= RATIO_TARGET ? 'PASS' : 'FAIL'}）`,
        );
      } else {
        lines.push('LibreOffice：未测，找不到 soffice（apt-get install libreoffice-calc-nogui 后可测）');
      }
      lines.push(await excelReaders(new Uint8Array(readFileSync(xlsx))));
      return lines;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default section;
