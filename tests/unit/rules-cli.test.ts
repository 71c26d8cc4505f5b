/** `budget-workbench check FILE [--json]`: text grouped by severity, the JSON contract, exit 0/1/2. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main';
import { budgetToBytes } from '../../shared/storage/index';
import { loadSqlJsNode } from '../../cli/sqljs-node';
import { sampleWith } from './rules-setup';

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

const dir = mkdtempSync(join(tmpdir(), 'bw-check-'));

describe('check', () => {
  it('the sample: exit 0, warnings PERF-07 and XT-14, grouped by severity with readable locations', async () => {
    const file = join(dir, 'sample.budget');
    expect(await main(['sample', file])).toBe(0);
    out = [];
    expect(await main(['check', file])).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('错误 0 项，警告 5 项');
    expect(text).toMatch(/警告（5）\n {2}\[XT-14\]/);
    expect(text).toContain('位置：表三 合计 项目支出；表十三 产业发展扶持资金（示例名称，原公开文件未列明） 合计');
    expect(text).toContain('位置：表十七“办公场地租赁” 指标4 指标值；表十七“办公场地租赁” 指标4 计量单位；表十七“办公场地租赁” 当年预算');
    expect(text).toContain('无法核验（1）\n  [TIM-01]');
    expect(text.indexOf('警告（')).toBeLessThan(text.indexOf('提示（'));
  });

  it('--json: exactly findings and counts; errors give exit 1', async () => {
    const file = join(dir, 'broken.budget');
    const b = sampleWith({ op: 'set', ref: { t: 'econ', scheme: 'department', kind: 'basic', code: '30201' }, value: '95000.01' });
    writeFileSync(file, budgetToBytes(await loadSqlJsNode(), b));
    expect(await main(['check', file, '--json'])).toBe(1);
    const report = JSON.parse(out.join('\n'));
    expect(Object.keys(report)).toEqual(['findings', 'counts']);
    expect(report.counts).toEqual({ error: 1, warning: 6, info: 2, unverifiable: 1 }); // + XT-09: 表六 302 vs 表七 502 + 50502
    expect(report.findings[0]).toEqual({
      id: 'XT-07',
      severity: 'error',
      message: '表六合计 2,685,855.90 元与表五基本支出合计 2,685,855.89 元不一致，相差 0.01 元',
      cells: [
        { table: 't6', row: 'total', column: 'total', tableNo: '表六' },
        { table: 't5', row: 'total', column: 'basic', tableNo: '表五' },
      ],
    });
  });

  it('unreadable input: exit 2 with one Chinese line', async () => {
    const junk = join(dir, 'junk.budget');
    writeFileSync(junk, '不是数据库');
    expect(await main(['check', junk])).toBe(2);
    expect(err.join('\n')).toContain('不是部门预算文件');
    expect(await main(['check', join(dir, 'missing.budget')])).toBe(2);
    expect(await main(['check'])).toBe(2);
  });
});
