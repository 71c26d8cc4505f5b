/**
 * What a paste, a fill down and a clear mean for each cell of a block (renderer/grid/blocks): input
 * cells take their values, computed and read-only cells are skipped and counted, refused values
 * are found to name their cell; closed lists and printed headings in messages.
 */
import { describe, expect, it } from 'vitest';
import { pastedValues, planClear, planFillDown, planPaste, skippedText } from '../../renderer/grid/blocks';
import { cellTitle, rowLabel } from '../../renderer/grid/model';
import { builtinCatalog } from '../../shared/catalog';
import { applyEdit, applyEdits, readInput, type Budget } from '../../shared/model';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { deriveTables, templatesFor, type Cell, type DerivedTable } from '../../shared/tables';

const derive = (b: Budget) => deriveTables(b, { catalog: builtinCatalog(), templates: templatesFor(b.meta.templateId) });
const tableOf = (b: Budget, id: string): DerivedTable => derive(b).find((t) => t.id === id)!;
const cellsOf = (t: DerivedTable, rows: string[], cols: string[]): (Cell | undefined)[][] =>
  rows.map((r) => cols.map((c) => t.body.find((x) => x.key === r)?.cells.find((x) => x.col === c)));

describe('a pasted block, cell by cell', () => {
  const budget = yubeiBigData2024();
  const t6 = tableOf(budget, 't6');
  const rows = ['30101', '30102', '30103'];
  const cols = ['total', 'personnel'];

  it('takes the values on input cells and skips the computed ones', () => {
    // An officer's own sheet: 总计 typed, 人员经费 as their own formula computed (one of them off).
    const values = [['100', '100'], ['200', '200'], ['300', '301']];
    const plan = planPaste(values, cellsOf(t6, rows, cols));
    expect(plan.edits.map((e) => [e.at, e.edit])).toEqual([
      [[0, 0], { op: 'set', ref: { t: 'econ', scheme: 'department', kind: 'basic', code: '30101' }, value: '100' }],
      [[1, 0], { op: 'set', ref: { t: 'econ', scheme: 'department', kind: 'basic', code: '30102' }, value: '200' }],
      [[2, 0], { op: 'set', ref: { t: 'econ', scheme: 'department', kind: 'basic', code: '30103' }, value: '300' }],
    ]);
    expect(plan.skipped.map((s) => [s.at, s.computed])).toEqual([[[0, 1], true], [[1, 1], true], [[2, 1], true]]);
    // Compared with what the table computes once the paste is applied.
    const after = structuredClone(budget);
    expect(applyEdits(after, plan.edits.map((e) => e.edit)).ok).toBe(true);
    const t = tableOf(after, 't6');
    const text = skippedText(plan, ([i, j]) => cellsOf(t, rows, cols)[i][j]);
    expect(text).toBe('3 个由系统计算的单元格未粘贴，其中 1 个与粘贴值不同');
    // Against the table before the paste, all three differ (the old amounts).
    expect(skippedText(plan, ([i, j]) => cellsOf(t6, rows, cols)[i][j])).toBe('3 个由系统计算的单元格未粘贴，其中 3 个与粘贴值不同');
  });

  it('skips codes and names as read-only, equal ones not counted as different', () => {
    const plan = planPaste([['30101', '基本工资', '1']], cellsOf(t6, ['30101'], ['code', 'name', 'total']));
    expect(plan.edits).toHaveLength(1);
    expect(skippedText(plan, ([i, j]) => cellsOf(t6, ['30101'], ['code', 'name', 'total'])[i][j])).toBe('2 个不可录入的单元格（编码、名称、栏目）未粘贴');
    expect(skippedText(plan, () => undefined, '粘贴')).toContain('其中 2 个与粘贴值不同');
  });

  it('names the first value that is not an amount, and the whole block is refused', () => {
    const plan = planPaste([['100'], ['12,34'], ['abc']], cellsOf(t6, rows, ['total']));
    const b = structuredClone(budget);
    const bad = applyEdits(b, plan.edits.map((e) => e.edit));
    expect(bad).toEqual({ ok: false, index: 1, reason: expect.stringContaining('千分位逗号位置不对') });
    expect(plan.edits[1].at).toEqual([1, 0]);
    // The first value was applied and rolled back: the budget is as before.
    expect(readInput(b, { t: 'econ', scheme: 'department', kind: 'basic', code: '30101' })).toBe('428316.00');
    expect(b).toEqual(budget);
    expect(applyEdits(b, planPaste([['1'], ['2']], cellsOf(t6, rows.slice(0, 2), ['total'])).edits.map((e) => e.edit)).ok).toBe(true);
  });
});

describe('text without a tab onto one text cell', () => {
  const t17 = tableOf(yubeiBigData2024(), 't17:p1');
  const summary = cellsOf(t17, ['summary'], ['c1'])[0][0];
  const three = '第一段。\r\n第二段。\r\n第三段。\r\n';

  it('stays in that cell, line breaks kept', () => {
    expect(pastedValues(three, summary, true)).toEqual([['第一段。\n第二段。\n第三段。']]);
  });

  it('is a column of values onto an amount cell, a block, or when it has tabs', () => {
    const money = cellsOf(tableOf(yubeiBigData2024(), 't6'), ['30101'], ['total'])[0][0];
    expect(pastedValues('1\r\n2\r\n', money, true)).toEqual([['1'], ['2']]);
    expect(pastedValues(three, summary, false)).toHaveLength(3);
    expect(pastedValues('a\tb\r\nc\td\r\n', summary, true)).toEqual([['a', 'b'], ['c', 'd']]);
    // Excel's own quoted cell with line breaks is one value already.
    expect(pastedValues('"甲\n乙"\r\n', summary, true)).toEqual([['甲\n乙']]);
  });
});

describe('fill down and clear', () => {
  const budget = yubeiBigData2024();
  const t6 = tableOf(budget, 't6');
  const read = (ref: Parameters<typeof readInput>[1]) => readInput(budget, ref);

  it('Ctrl+D copies each top value into the input cells below, computed cells skipped', () => {
    const plan = planFillDown(cellsOf(t6, ['30101', '30102', '30103'], ['total', 'personnel']), read);
    expect(plan.edits.map((e) => [e.at, e.edit.op === 'set' && e.edit.value])).toEqual([
      [[1, 0], '428316.00'],
      [[2, 0], '428316.00'],
    ]);
    // The computed 人员经费 column has no input on top: nothing to fill there.
    expect(plan.skipped).toEqual([]);
    const mixed = planFillDown(cellsOf(t6, ['30101', '301'], ['total']), read);
    expect(mixed.edits).toEqual([]);
    expect(skippedText(mixed, () => undefined, '填充')).toBe('1 个由系统计算的单元格未填充');
  });

  it('Delete empties the input cells that hold something', () => {
    const plan = planClear(cellsOf(t6, ['301', '30101', '30102'], ['name', 'total', 'personnel']), read);
    expect(plan.edits.map((e) => e.at)).toEqual([[1, 1], [2, 1]]);
  });
});

describe('closed lists and printed headings', () => {
  const budget = yubeiBigData2024();
  const ref = (field: 'nature' | 'core' | 'unit') => ({ t: 'indicator' as const, owner: 'p1', index: 0, field });

  it('指标性质 takes only ≥ ≤ = > < 定性; >= is refused naming the heading', () => {
    const b = structuredClone(budget);
    expect(applyEdit(b, { op: 'set', ref: ref('nature'), value: '>=' })).toEqual({
      ok: false,
      reason: '“指标性质”只能填 ≥、≤、=、>、<、定性 之一，不能填“>=”',
    });
    expect(readInput(b, ref('nature'))).toBe('≤');
    for (const v of ['≥', '≤', '=', '>', '<', '定性', '']) expect(applyEdit(b, { op: 'set', ref: ref('nature'), value: v }).ok).toBe(true);
  });

  it('是否核心指标 takes only 是/否; 计量单位 is free', () => {
    const b = structuredClone(budget);
    expect(applyEdit(b, { op: 'set', ref: ref('core'), value: 'Y' })).toEqual({ ok: false, reason: '“是否核心指标”只能填 是、否 之一，不能填“Y”' });
    expect(applyEdit(b, { op: 'set', ref: ref('core'), value: '是' }).ok).toBe(true);
    expect(applyEdit(b, { op: 'set', ref: ref('unit'), value: '万元/年' }).ok).toBe(true);
  });

  it('a form cell is named by its printed heading, never by a column key', () => {
    const t = tableOf(budget, 't17:p1');
    expect(cellTitle(t, 'ind:0', 'c4')).toBe('指标性质');
    expect(cellTitle(t, 'ind:0', 'c6')).toBe('是否核心指标');
    expect(cellTitle(t, 'name', 'c4')).toBe('业务主管部门');
    expect(rowLabel(t, t.body.find((r) => r.key === 'ind:0')!)).toBe('绩效指标 1（务平台一期工程服务）');
    expect(cellTitle(tableOf(budget, 't6'), '30101', 'total')).toBe('2024年基本支出·总计');
  });
});
