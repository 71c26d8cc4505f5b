/**
 * Last year's 情况说明 as a starting point (`import WORKBOOK.xlsx OUT.budget --narrative LAST`): the
 * texts the tables cannot give, last year's 机关运行经费 and the vehicles held are filled; the
 * reasons are not; nothing already there is overwritten; a rounded 万元 figure is not stored.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { carryFromNarrative } from '../../shared/narrative/carry';
import type { Budget } from '../../shared/model/types';
import { sample, seedNarrative } from './narrative-helpers';

const bin = join(__dirname, '../../cli/bin.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

/** The sample as a fresh 2025 import would leave it: no texts, no last-year figures. */
function fresh(year = 2025): Budget {
  const { budget } = sample();
  budget.meta.year = year;
  budget.texts = {};
  budget.priorOperatingCost = null;
  budget.assets.vehiclesHeld = { leader: 0, confidential: 0, emergency: 0, law: 0, special: 0, other: 0 };
  return budget;
}

/** The seed's narrative moved back one year (2023's, for a 2024 workbook). */
const lastYears = () => seedNarrative().replace(/2023/g, '2022').replace(/2024/g, '2023');

describe('carrying last year’s narrative', () => {
  it('fills 职能职责, 单位构成, 联系方式, last year’s 机关运行经费 and the vehicles held, and says so', () => {
    const { budget: s } = sample();
    const b = fresh();
    const r = carryFromNarrative(b, seedNarrative());
    expect(r.year).toBe(2024);
    expect(b.texts.composition).toBe(s.texts.composition);
    expect(b.texts.contactName).toBe('彭松');
    expect(b.texts.contactPhone).toBe('023-81924861');
    expect(b.texts.functions!.split('\n')[0]).toBe(s.texts.functions!.split('\n')[0]);
    expect(b.priorOperatingCost).toBe(38934650);
    expect(b.assets.vehiclesHeld.leader).toBe(1);
    expect(r.filled).toContain('上年机关运行经费（389,346.5元）');
    expect(r.filled).toContain('联系人（彭松）');
    expect(r.notCarried).toEqual(['增减原因：每年不同，不沿用']);
    expect(Object.keys(b.texts).filter((k) => k.startsWith('reason:'))).toEqual([]);
  });

  it('carries a 名词解释 beyond the standard ones, and never overwrites what the budget has', () => {
    const b = fresh();
    b.texts.contactName = '李四';
    const text = seedNarrative().replace('## **七、', '（六）政府采购：指各级国家机关使用财政性资金采购货物、工程和服务的行为。\n\n## **七、');
    const r = carryFromNarrative(b, text);
    expect(b.texts.glossaryExtra).toBe('政府采购：指各级国家机关使用财政性资金采购货物、工程和服务的行为。');
    expect(b.texts.contactName).toBe('李四');
    expect(r.notCarried).toContain('联系人（彭松）：本文件中已有内容，未覆盖');
  });

  it('does not store a rounded 万元 figure, nor this year’s 机关运行经费 as last year’s', () => {
    const b = fresh();
    const r = carryFromNarrative(b, seedNarrative().replace('预算 389,346.5 元', '预算 38.93 万元'));
    expect(b.priorOperatingCost).toBeNull();
    expect(r.notCarried).toContain('机关运行经费：上年情况说明写“38.93万元”，不能精确到分，未填入；请在“上年机关运行经费”中录入元数');
    const same = fresh(2024);
    const r2 = carryFromNarrative(same, seedNarrative());
    expect(same.priorOperatingCost).toBeNull();
    expect(r2.notCarried[0]).toContain('机关运行经费：情况说明是2024年的');
    expect(same.texts.composition).toBeTruthy();
  });

  it('import --narrative on the command line lists what it filled, and the checks see it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-carry-'));
    const last = join(dir, 'last.txt');
    writeFileSync(last, lastYears());
    const workbook = join(__dirname, '../fixtures/import/realistic.xlsx');
    const r = run('import', workbook, join(dir, 'x.budget'), '--narrative', last);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('从上年情况说明“last.txt”（2023年）填入：职能职责（6段）；单位构成（1段）；联系人（彭松）；联系电话（023-81924861）；上年机关运行经费（389,346.5元）');
    expect(r.stdout).toContain('  未填入：增减原因：每年不同，不沿用');
    const checked = run('check', join(dir, 'x.budget'));
    expect(checked.stdout).not.toContain('“职能职责”尚未填写');
    expect(checked.stdout).not.toContain('机关运行经费：上年数未录入');
    const bad = run('import', workbook, join(dir, 'y.budget'), '--narrative', join(dir, 'last.pdf'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('情况说明只能是 .txt、.docx 或 .html 文件');
  });
});
