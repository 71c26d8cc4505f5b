/**
 * Bench section: a reviewer's `check DIR` over a folder of 500 published workbooks (the real-style
 * fixtures, clean and with four slips, alternately), through the CLI as a reviewer runs it (worker
 * threads on all cores): the whole run and per file. `BENCH_CHECK_FILES=N` for another count.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../tests/fixtures/import/', import.meta.url));
const BIN = fileURLToPath(new URL('../../cli/bin.mjs', import.meta.url));

export const section = {
  name: '审核：check 一个文件夹的工作簿',
  async run(): Promise<string[]> {
    const n = Number(process.env.BENCH_CHECK_FILES ?? 500);
    const dir = mkdtempSync(join(tmpdir(), 'bw-bench-check-'));
    try {
      for (let i = 0; i < n; i++) copyFileSync(join(FIXTURES, i % 2 ? 'real-style-slips.xlsx' : 'real-style.xlsx'), join(dir, `${String(i).padStart(4, '0')}.xlsx`));
      const one = performance.now();
      spawnSync(process.execPath, [BIN, 'check', join(FIXTURES, 'real-style-slips.xlsx'), '--json'], { encoding: 'utf8' });
      const single = performance.now() - one;
      const t0 = performance.now();
      const run = spawnSync(process.execPath, [BIN, 'check', dir, '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
      const total = performance.now() - t0;
      const report = JSON.parse(run.stdout) as { counts: { files: number; error: number; unreadable: number } };
      return [
        `单个工作簿（含启动、加载 HiGHS）${(single / 1000).toFixed(2)} s`,
        `${report.counts.files} 个工作簿（${availableParallelism()} 个工作线程）共 ${(total / 1000).toFixed(1)} s，平均每个 ${(total / report.counts.files).toFixed(0)} ms；` +
          `错误 ${report.counts.error} 项（应为 ${(n >> 1) * 4}），无法读取 ${report.counts.unreadable} 个，退出码 ${run.status}`,
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default section;
