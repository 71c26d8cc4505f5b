/** `check DIR|FILE... [--json] [--report summary.xlsx] [--shard K/N]`: a reviewer's folder at once. */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { main } from '../../cli/main';
import { collectFiles, shardOf } from '../../cli/commands/check';

const FIXTURES = join(__dirname, '../fixtures/import');

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-folder-'));
  mkdirSync(join(dir, '区县', '渝北'), { recursive: true });
  copyFileSync(join(FIXTURES, 'real-style.xlsx'), join(dir, 'a-clean.xlsx'));
  copyFileSync(join(FIXTURES, 'real-style-slips.xlsx'), join(dir, '区县', '渝北', 'b-slips.xlsx'));
  writeFileSync(join(dir, 'c-bad.xlsx'), '这不是工作簿');
  writeFileSync(join(dir, '~$a-clean.xlsx'), 'an Office lock file'); // skipped
  writeFileSync(join(dir, 'readme.txt'), '说明'); // not a workbook: skipped
});

describe('check over a folder', () => {
  it('walks folders recursively, sorted; lock files and other files are left out', () => {
    expect(collectFiles([dir]).map((f) => f.slice(dir.length + 1))).toEqual(['a-clean.xlsx', 'c-bad.xlsx', join('区县', '渝北', 'b-slips.xlsx')]);
  });

  it('--json (and --report): one entry per file (an unreadable one with its reason), totals; exit 2 when any is unreadable', async () => {
    expect(await main(['check', dir, '--json', '--report', join(dir, '汇总.xlsx')])).toBe(2);
    const report = JSON.parse(out.join('\n')) as { files: Record<string, unknown>[]; counts: Record<string, number> };
    expect(report.files.map((f) => Object.keys(f).sort())).toEqual([
      ['counts', 'department', 'file', 'findings', 'year'],
      ['counts', 'department', 'error', 'file', 'findings', 'year'],
      ['counts', 'department', 'file', 'findings', 'year'],
    ]);
    const [clean, bad, slips] = report.files as { file: string; department: string; year: number; counts: Record<string, number>; findings: { id: string }[]; error?: string }[];
    expect(clean).toMatchObject({ department: '重庆市渝北区大数据应用发展管理局', year: 2024, counts: { error: 0, warning: 0 } });
    expect(bad.error).toContain('不是 Excel 工作簿');
    expect(slips.counts.error).toBe(4);
    expect(slips.findings.filter((f) => f.id === 'IMP-01')).toHaveLength(4);
    expect(report.counts).toMatchObject({ files: 3, unreadable: 1, error: 4, warning: 0 });
  });

  it('exit 1 when a file has errors, 0 when none; text: one line per file, the worst finding, totals', async () => {
    expect(await main(['check', join(dir, 'a-clean.xlsx'), join(dir, '区县')])).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/a-clean\.xlsx：重庆市渝北区大数据应用发展管理局 2024年 错误 0，警告 0/);
    expect(text).toMatch(/b-slips\.xlsx：.*错误 4.*；错误 \[IMP-01\] 工作表“表十五”第3行/);
    expect(text).toContain('共 2 个文件：错误 4 项，警告 0 项');
    out = [];
    expect(await main(['check', join(dir, 'a-clean.xlsx'), join(dir, 'a-clean.xlsx'), '--shard', '1/1'])).toBe(0);
  });

  it('--shard K/N: the K-th of N slices of the sorted list, together all of them, once', async () => {
    const files = collectFiles([dir]);
    const parts = [1, 2].map((k) => shardOf(files, `${k}/2`));
    expect(parts.flat().sort()).toEqual(files);
    expect(parts[0].filter((f) => parts[1].includes(f))).toEqual([]);
    expect(await main(['check', dir, '--shard', '3/2'])).toBe(2);
    expect(err.join('\n')).toContain('--shard 应写作 K/N');
    out = [];
    expect(await main(['check', dir, '--shard', '2/2', '--json'])).toBe(2); // c-bad.xlsx
    expect((JSON.parse(out.join('\n')) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual(parts[1]);
  });

  it('--report: a workbook with a sheet of files and one of findings, both with filters', async () => {
    const report = join(dir, '汇总.xlsx'); // written by the --json run above
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(report) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['文件', '问题']);
    const files = wb.getWorksheet('文件')!;
    expect(files.getRow(1).values).toEqual([undefined, '文件', '部门', '年度', '错误', '警告', '提示', '无法核验', '最严重的问题', '无法读取的原因']);
    expect(files.rowCount).toBe(4);
    expect(files.autoFilter).toBeTruthy();
    const findings = wb.getWorksheet('问题')!;
    const ids = findings.getColumn(3).values.slice(2);
    expect(ids.filter((v) => v === 'IMP-01')).toHaveLength(4);
    expect(findings.getColumn(4).values).toContain('无法读取');
    expect(findings.autoFilter).toBeTruthy();
  });

  it('the installed command (the bundle, its worker threads and HiGHS beside it) localises the same slips', () => {
    const bin = join(__dirname, '../../cli/bin.mjs');
    const r = spawnSync(process.execPath, [bin, 'check', join(dir, 'a-clean.xlsx'), join(dir, '区县'), '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    const files = (JSON.parse(r.stdout) as { files: { counts: Record<string, number>; findings: { id: string }[] }[] }).files;
    expect(files.map((f) => f.counts.error)).toEqual([0, 4]);
    expect(files[1].findings.filter((f) => f.id === 'IMP-01')).toHaveLength(4);
    expect(files.flatMap((f) => f.findings.map((x) => x.id))).not.toContain('IMP-10');
  });
});
