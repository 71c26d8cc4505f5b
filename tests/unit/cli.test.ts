import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareWithReference } from '../helpers/reference';

const bin = join(__dirname, '../../cli/bin.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('budget-workbench CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-cli-'));
  const file = join(dir, 's.budget');

  it('sample → export json reproduces every printed cell of the reference', () => {
    execFileSync(process.execPath, [bin, 'sample', file]);
    const r = run('export', file, '--out', join(dir, 'o'), '--format', 'json');
    expect(r.status).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'o', 'tables.json'), 'utf8'));
    const tally = compareWithReference(json.tables);
    console.log(`CLI 导出 tables.json 对照：${tally.tables} 张表，${tally.cells} 格中 ${tally.exact} 格一致`);
    expect(tally.differences).toEqual([]);
    expect(tally.exact).toBe(tally.cells);
  });

  it('tables prints all seventeen tables', () => {
    const r = run('tables', file);
    expect(r.status).toBe(0);
    for (const no of ['表一', '表二', '表三', '表四', '表五', '表六', '表七', '表八', '表九', '表十', '表十一', '表十二', '表十三', '表十四', '表十五', '表十六', '表十七']) {
      expect(r.stdout).toContain(`${no}  2024年渝北区部门`);
    }
    expect(r.stdout).toContain('备注：本部门无政府性基金收支，故此表无数据。');
    // amounts right-aligned under each other
    expect(r.stdout).toMatch(/2150501 +│ 行政运行 +│ 1,243,914\.78 │/);
  });

  it('refuses unreadable input with exit 2 and a one-line Chinese reason naming the file', () => {
    const text = join(dir, 'notes.budget');
    writeFileSync(text, '这不是预算文件');
    let r = run('export', text, '--out', join(dir, 'x'), '--format', 'json');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('notes.budget');
    expect(existsSync(join(dir, 'x', 'tables.json'))).toBe(false);
    r = run('tables', join(dir, 'missing.budget'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('找不到文件');
  });
});
