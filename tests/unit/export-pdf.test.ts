/** PDF through the system's Chromium (skipped when there is none) and the CLI's export pipeline. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tablesToHtml } from '../../shared/export/html';
import { tablesJsonText } from '../../shared/export/files';
import { chromiumMissingMessage, findChromium, htmlToPdf } from '../../cli/pdf';
import { exportToDir } from '../../cli/commands/export';
import { sampleExport } from './export-fixture';

const { budget, templates, tables, json } = sampleExport();
const chromium = findChromium();
const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const dir = mkdtempSync(join(tmpdir(), 'export-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!chromium || !hasPoppler)('pdf export (system Chromium)', () => {
  let pdfPath = '';
  it('prints the HTML to PDF offline: A4, landscape pages where the table is wide, no request made', async () => {
    const t0 = performance.now();
    const { bytes, blocked } = await htmlToPdf(tablesToHtml(budget, tables, {}), chromium!);
    const ms = performance.now() - t0;
    expect(blocked).toEqual([]);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    pdfPath = join(dir, 'tables.pdf');
    writeFileSync(pdfPath, bytes);
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', pdfPath], { encoding: 'utf8' });
    const sizes = [...info.matchAll(/Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => ({
      page: Number(m[1]),
      landscape: Number(m[2]) > Number(m[3]),
      a4: [m[2], m[3]].sort().join(' ') === '594.96 841.92',
    }));
    // 目录 + one page per table or block at least; every page A4.
    expect(sizes.length).toBeGreaterThanOrEqual(tables.length + 1);
    expect(sizes.every((p) => p.a4)).toBe(true);
    const pageOf = (title: string, after = 0) => {
      for (const { page } of sizes) {
        if (page <= after) continue;
        const text = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdfPath, '-'], { encoding: 'utf8' });
        if (text.includes(title)) return page;
      }
      return -1;
    };
    const t5 = tables.find((t) => t.id === 't5')!;
    const p5 = pageOf(t5.title, 1);
    expect(sizes[p5 - 1].landscape).toBe(true);
    const p3 = pageOf(tables.find((t) => t.id === 't3')!.title, 1);
    expect(sizes[p3 - 1].landscape).toBe(false);
    expect(ms).toBeLessThan(15_000);
  });

  it('refuses every request a page tries to make (only the HTML handed over is printed)', async () => {
    const page = '<!DOCTYPE html><html><head><link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head><body><p>封面</p><img src="https://example.invalid/logo.png"></body></html>';
    const { bytes, blocked } = await htmlToPdf(page, chromium!);
    expect(bytes.length).toBeGreaterThan(500);
    expect(blocked.sort()).toEqual(['http://127.0.0.1:9/x.css', 'https://example.invalid/logo.png']);
  });

  it('pdftotext of the PDF contains every amount (and 增幅) of 表五', () => {
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    const t5 = json.tables.find((t) => t.no === '表五')!;
    const figures = t5.rows.flat().filter((s) => /^-?[\d,]+\.\d\d$|^-?\d+%$/.test(s));
    expect(figures.length).toBeGreaterThan(60);
    const missing = figures.filter((f) => !text.includes(f));
    expect(missing).toEqual([]);
    // Chinese renders as text (a CJK font was embedded), and the narrow tables too.
    expect(text).toContain('机关事业单位基本养老保险缴费支出');
    expect(text).toContain('部门全称：重庆市渝北区大数据应用发展管理局');
  });
});

describe('export pipeline of the CLI', () => {
  it('writes tables.json exactly as before, and the xlsx and html next to it', async () => {
    const out = join(dir, 'cli');
    const lines: string[] = [];
    const r = await exportToDir(budget, tables, templates, out, ['json', 'xlsx', 'html'], { explicit: true, log: (l) => lines.push(l) });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(join(out, 'tables.json'), 'utf8')).toBe(JSON.stringify(json, null, 1));
    expect(tablesJsonText(budget, tables, templates)).toBe(JSON.stringify(json, null, 1));
    expect(readFileSync(join(out, 'tables.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(join(out, 'tables.html'), 'utf8')).toContain('<!DOCTYPE html>');
    expect(existsSync(join(out, 'tables.pdf'))).toBe(false);
    expect(lines[0]).toBe(`已写出 ${join(out, 'tables.json')}（${tables.length} 张表/表块）`);
  });

  it('asked for PDF without a Chromium: a clear Chinese message, the other formats written, exit code 2', async () => {
    const out = join(dir, 'nochrome');
    const warnings: string[] = [];
    const r = await exportToDir(budget, tables, templates, out, ['xlsx', 'pdf'], {
      explicit: true,
      chromium: '/nonexistent/chromium',
      log: () => undefined,
      warn: (l) => warnings.push(l),
    });
    expect(r.exitCode).toBe(2);
    expect(r.written.map((w) => w.format)).toEqual(['xlsx']);
    expect(warnings).toEqual([chromiumMissingMessage('/nonexistent/chromium')]);
    expect(warnings[0]).toContain('未生成 PDF');
    expect(existsSync(join(out, 'tables.xlsx'))).toBe(true);
  });

  it.skipIf(!chromium)('by default writes every format that can run, PDF included when Chromium is there', async () => {
    const out = join(dir, 'all');
    const r = await exportToDir(budget, tables, templates, out, ['xlsx', 'html', 'pdf', 'json'], { explicit: false, log: () => undefined });
    expect(r.exitCode).toBe(0);
    expect(r.written.map((w) => w.format).sort()).toEqual(['html', 'json', 'pdf', 'xlsx']);
  });
});
