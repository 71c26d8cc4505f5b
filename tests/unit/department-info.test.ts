/**
 * 单位与基本信息 as domain operations (shared/model): units added, edited and removed as edits with
 * exact inverses, refusals in Chinese, the form's suggestions, and a blank 新建 taken to a clean
 * check by edits alone (what the view sends).
 */
import { describe, expect, it } from 'vitest';
import { applyEdit, applyEdits, compilingUnitFor, emptyBudget, missingInfo, suggestUnitCode, type Budget, type Edit } from '../../shared/model';
import { Session } from '../../shared/engine/session';
import { templatesFor } from '../../shared/tables/registry';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { loadSqlJsNode } from '../../cli/sqljs-node';
import { budgetFromBytes, budgetToBytes } from '../../shared/storage';

const blank = () => emptyBudget({ department: '重庆市渝北区测试局', year: 2025 });

/** Applies, checks the inverse gives back the budget exactly, re-applies; returns the result. */
function roundTrip(b: Budget, edit: Edit): Budget {
  const before = structuredClone(b);
  const r = applyEdit(b, edit);
  if (!r.ok) throw new Error(r.reason);
  const after = structuredClone(b);
  const undo = applyEdits(b, r.inverse);
  expect(undo.ok).toBe(true);
  expect(b).toEqual(before);
  expect(applyEdit(b, edit).ok).toBe(true);
  expect(b).toEqual(after);
  return b;
}

describe('units (单位) as edits', () => {
  it('insert, rename, retype, recode and remove, each undone exactly', () => {
    const b = blank();
    roundTrip(b, { op: 'insertUnit', unit: { code: '888001', name: '测试局（本级）', kind: 'administrative', isOwnOffice: true } });
    roundTrip(b, { op: 'insertUnit', unit: { code: '888002', name: '测试中心', kind: 'administrative', isOwnOffice: false } });
    roundTrip(b, { op: 'setUnit', code: '888002', field: 'kind', value: 'institution' });
    roundTrip(b, { op: 'setUnit', code: '888002', field: 'name', value: '重庆市渝北区测试服务中心' });
    roundTrip(b, { op: 'setUnit', code: '888002', field: 'code', value: '888003' });
    expect(b.units).toEqual([
      { code: '888001', name: '测试局（本级）', kind: 'administrative', isOwnOffice: true },
      { code: '888003', name: '重庆市渝北区测试服务中心', kind: 'institution', isOwnOffice: false },
    ]);
    roundTrip(b, { op: 'removeUnit', code: '888001' });
    expect(b.units.map((u) => u.code)).toEqual(['888003']);
  });

  it('one 本级 per department: making another unit 本级 moves it, and undo moves it back', () => {
    const b = blank();
    applyEdit(b, { op: 'insertUnit', unit: { code: '888001', name: '本级', kind: 'administrative', isOwnOffice: true } });
    applyEdit(b, { op: 'insertUnit', unit: { code: '888002', name: '中心', kind: 'institution', isOwnOffice: false } });
    roundTrip(b, { op: 'setUnit', code: '888002', field: 'isOwnOffice', value: 'true' });
    expect(b.units.map((u) => u.isOwnOffice)).toEqual([false, true]);
    roundTrip(b, { op: 'setUnit', code: '888002', field: 'isOwnOffice', value: 'false' });
    expect(b.units.map((u) => u.isOwnOffice)).toEqual([false, false]);
  });

  it('refuses, in Chinese and changing nothing: bad or taken codes, an empty name, an unknown kind, a second 本级', () => {
    const b = yubeiBigData2024();
    const before = structuredClone(b);
    const refused = (e: Edit) => {
      const r = applyEdit(b, e);
      expect(r.ok).toBe(false);
      expect(b).toEqual(before);
      return r.ok ? '' : r.reason;
    };
    expect(refused({ op: 'insertUnit', unit: { code: '80100A', name: 'x', kind: 'institution', isOwnOffice: false } })).toBe('单位代码“80100A”应为3至12位数字（如 801001）');
    expect(refused({ op: 'insertUnit', unit: { code: '801002', name: 'x', kind: 'institution', isOwnOffice: false } })).toBe('单位代码801002已被另一个单位使用');
    expect(refused({ op: 'insertUnit', unit: { code: '801009', name: 'x', kind: 'institution', isOwnOffice: true } })).toBe('已有本级单位，一个部门只有一个本级');
    expect(refused({ op: 'setUnit', code: '801002', field: 'code', value: '801001' })).toBe('单位代码801001已被另一个单位使用');
    expect(refused({ op: 'setUnit', code: '801002', field: 'name', value: '  ' })).toBe('单位名称不能为空');
    expect(refused({ op: 'setUnit', code: '801002', field: 'kind', value: '参公' })).toBe('单位类型“参公”无效，应为行政单位或事业单位');
    expect(refused({ op: 'setUnit', code: '999999', field: 'name', value: 'x' })).toBe('找不到单位999999');
    expect(refused({ op: 'removeUnit', code: '999999' })).toBe('找不到单位999999');
  });

  it('units and the metadata survive the file (.budget) as edited', async () => {
    const sql = await loadSqlJsNode();
    const b = blank();
    applyEdits(b, [
      { op: 'setMeta', field: 'departmentCode', value: '888' },
      { op: 'insertUnit', unit: { code: '888001', name: '测试局（本级）', kind: 'administrative', isOwnOffice: true } },
      { op: 'insertUnit', unit: { code: '888002', name: '测试中心', kind: 'institution', isOwnOffice: false } },
      { op: 'setMeta', field: 'approvalDate', value: '2025-01-20' },
    ]);
    expect(budgetFromBytes(sql, budgetToBytes(sql, b), 'x.budget').budget).toEqual(b);
  });
});

describe('the form\'s suggestions', () => {
  it('next unit code and 表十七 编制单位', () => {
    const b = blank();
    expect(suggestUnitCode(b)).toBe('');
    b.meta.departmentCode = '888';
    expect(suggestUnitCode(b)).toBe('888001');
    expect(compilingUnitFor(b)).toBe('');
    const sample = yubeiBigData2024();
    expect(suggestUnitCode(sample)).toBe('801003');
    // The sample's own 编制单位 is exactly what the suggestion builds.
    expect(compilingUnitFor(sample)).toBe(sample.meta.compilingUnit);
  });
});

describe('a blank 新建 to a clean check by edits alone', () => {
  it('department, a 本级 unit, dates, last year\'s 机关运行经费, the narrative texts: no findings left', () => {
    const s = new Session(blank());
    expect(s.findings.map((f) => f.id).sort()).toEqual(['NT-10', 'STR-06', 'STR-06', 'STR-06', 'TIM-01']);
    expect(missingInfo(s.budget, templatesFor(s.budget.meta.templateId))).toEqual(['部门代码', '本级单位', '表十六、表十七编制单位', '批复日期', '公开日期', '上年机关运行经费', '联系方式', '职能职责', '单位构成']);
    const edits: Edit[] = [
      { op: 'setMeta', field: 'departmentCode', value: '888' },
      { op: 'insertUnit', unit: { code: '888001', name: '重庆市渝北区测试局（本级）', kind: 'administrative', isOwnOffice: true } },
      { op: 'setMeta', field: 'compilingUnit', value: '888001-重庆市渝北区测试局（本级）' },
      { op: 'setMeta', field: 'approvalDate', value: '2025-01-20' },
      { op: 'setMeta', field: 'publishDate', value: '2025-02-05' },
      { op: 'set', ref: { t: 'priorOperatingCost' }, value: '0' },
      { op: 'set', ref: { t: 'text', key: 'functions' }, value: '负责全区测试工作。' },
      { op: 'set', ref: { t: 'text', key: 'composition' }, value: '本部门由本级1个单位构成，无下属单位。' },
      { op: 'set', ref: { t: 'text', key: 'contactName' }, value: '王五' },
      { op: 'set', ref: { t: 'text', key: 'contactPhone' }, value: '023-67800000' },
    ];
    for (const e of edits) expect(s.apply(e)).toEqual({ ok: true });
    expect(s.findings).toEqual([]);
    expect(missingInfo(s.budget, templatesFor(s.budget.meta.templateId))).toEqual([]);
    // The national set prints no 编制单位 line: it is not asked for there.
    expect(missingInfo({ ...s.budget, meta: { ...s.budget.meta, compilingUnit: '' } }, templatesFor('mof-143-2016'))).toEqual([]);
    // Publishing more than 20 days after approval is an error the dates now make checkable.
    expect(s.apply({ op: 'setMeta', field: 'publishDate', value: '2025-03-01' })).toEqual({ ok: true });
    expect(s.findings.map((f) => [f.id, f.severity])).toEqual([['TIM-01', 'error']]);
  });
});
