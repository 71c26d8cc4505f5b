/**
 * Our xlsx through LibreOffice (headless xlsx → PDF): it must open and convert without error and
 * show 增幅 exactly as printed ('-11%') from the number formatted '0%'. Needs libreoffice-calc
 * and poppler-utils; run with RUN_LIBREOFFICE=1 (CI may skip it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tablesToXlsx } from '../../shared/export/xlsx';
import { sampleExport } from './export-fixture';

const { budget, templates, tables, json } = sampleExport();
const enabled = process.env.RUN_LIBREOFFICE === '1';
const dir = mkdtempSync(join(tmpdir(), 'export-lo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!enabled)('xlsx in LibreOffice (RUN_LIBREOFFICE=1)', () => {
  it('converts our workbook to PDF headless without error, every sheet printed on A4', { timeout: 120_000 }, async () => {
    const xlsx = join(dir, 'tables.xlsx');
    writeFileSync(xlsx, await tablesToXlsx(budget, tables, templates));
    const run = spawnSync(
      'soffice',
      ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', dir, xlsx],
      { encoding: 'utf8', timeout: 110_000 },
    );
    expect(run.error).toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    const pdf = join(dir, 'tables.pdf');
    expect(existsSync(pdf)).toBe(true);

    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', pdf], { encoding: 'utf8' });
    const pages = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => Number(m[1]) > Number(m[2]));
    // 目录 + one page per sheet, and each 表十七 block on its own page (fit to one page wide).
    expect(pages.length).toBe(1 + tables.length);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const pageTexts = text.split('\f');
    const pageOf = (title: string) => pageTexts.findIndex((p) => p.includes(title) && !p.includes('（目录）'));
    const t5Page = pageOf('2024年渝北区部门一般公共预算财政拨款支出预算表');
    expect(pages[t5Page]).toBe(true); // 表五 landscape
    expect(pages[pageOf('2024年渝北区部门支出预算总表')]).toBe(false);

    // Every amount and 增幅 of 表五 as printed (numbers with '#,##0.00' and '0%'), codes as text.
    const t5 = json.tables.find((t) => t.no === '表五')!;
    const figures = t5.rows.flat().filter((s) => /^-?[\d,]+\.\d\d$|^-?\d+%$/.test(s));
    expect(figures.filter((f) => !pageTexts[t5Page].includes(f))).toEqual([]);
    expect(pageTexts[t5Page]).toMatch(/\s-11%\s/);
    expect(pageTexts[t5Page]).toMatch(/\s-100%\s/);
    expect(pageTexts[t5Page]).toContain('2080505');
    // Zero is blank: 表十 prints no '0.00' for 因公出国（境）费.
    expect(text).not.toMatch(/(^|\s)0\.00(\s|$)/);
  });
});
