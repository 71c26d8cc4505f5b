/**
 * Bench section: publication export of the sample (Issue 5): every format but PDF under 1 s,
 * PDF under 5 s (system Chromium through playwright-core; skipped, and said so, without one).
 * Also the same formats for the large synthetic department, for information.
 */
import { builtinCatalog } from '../../shared/catalog/index';
import { deriveTables } from '../../shared/tables/derive';
import { templatesFor } from '../../shared/tables/registry';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import type { Budget } from '../../shared/model/types';
import { tablesToHtml } from '../../shared/export/html';
import { tablesToXlsx } from '../../shared/export/xlsx';
import { tablesJsonText } from '../../shared/export/files';
import { findChromium, htmlToPdf } from '../../cli/pdf';
import { syntheticBudget } from '../synthetic';
import { readFileSync } from 'node:fs';

const LIMIT_MS = { json: 1000, xlsx: 1000, html: 1000, pdf: 5000 } as const;

async function time(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * CPU time of this thread in ms (Linux: /proc/thread-self, 10 ms ticks), else of the process: on a
 * loaded machine the wall time says more about the neighbours than about the export.
 */
function threadCpuMs(): number {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}

/** First (cold) run and the median of five warm runs. */
async function measure(fn: () => unknown): Promise<{ cold: number; warm: number }> {
  const cold = await time(fn);
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) runs.push(await time(fn));
  runs.sort((a, b) => a - b);
  return { cold, warm: runs[2] };
}

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);
const verdict = (v: number, limit: number) => (v < limit ? '通过' : '超时');

function exporters(budget: Budget) {
  const catalog = builtinCatalog();
  const templates = templatesFor(budget.meta.templateId);
  const tables = deriveTables(budget, { catalog, templates });
  return {
    tables,
    json: () => tablesJsonText(budget, tables, templates),
    xlsx: () => tablesToXlsx(budget, tables, templates),
    html: () => tablesToHtml(budget, tables, {}),
  };
}

export const section = {
  name: '导出（十七张表：xlsx / html / pdf / json）',
  async run(): Promise<string[]> {
    const lines: string[] = [];
    const sample = exporters(yubeiBigData2024());
    for (const f of ['json', 'xlsx', 'html'] as const) {
      const { cold, warm } = await measure(sample[f]);
      lines.push(`示例 ${f.padEnd(4)} 首次 ${ms(cold)}，其后 ${ms(warm)}（要求 < ${ms(LIMIT_MS[f])}）${verdict(cold, LIMIT_MS[f])}`);
    }
    const chromium = findChromium();
    if (chromium) {
      const html = sample.html();
      const t = await time(() => htmlToPdf(html, chromium));
      lines.push(`示例 pdf  ${ms(t)}，含启动 Chromium（要求 < ${ms(LIMIT_MS.pdf)}）${verdict(t, LIMIT_MS.pdf)}`);
    } else {
      lines.push('示例 pdf  未测：未找到 Chromium（/usr/bin/chromium）');
    }
    // A large department (600 projects with indicators → 600 表十七 blocks): xlsx under 1 s (Issue 15).
    const large = exporters(syntheticBudget(builtinCatalog()));
    const parts: string[] = [];
    for (const f of ['json', 'html'] as const) parts.push(`${f} ${ms(await time(large[f]))}`);
    const cpu0 = threadCpuMs();
    const xlsx = await measure(large.xlsx);
    const cpuPerRun = (threadCpuMs() - cpu0) / 6; // the cold run and five warm ones
    lines.push(
      `大型部门（${large.tables.length} 张表/表块）xlsx 首次 ${ms(xlsx.cold)}，其后 ${ms(xlsx.warm)}（要求 < ${ms(LIMIT_MS.xlsx)}）${verdict(xlsx.cold, LIMIT_MS.xlsx)}；` +
        `主线程 CPU 平均每次 ${ms(cpuPerRun)}；${parts.join('，')}（仅供参考）`,
    );
    return lines;
  },
};

export default section;
