/**
 * Every change to a Budget is an Edit. applyEdit mutates the budget and returns the edits that undo
 * it, so undo/redo, the grid, paste, import and tests share one path. Typed text is parsed here
 * (money through the one money parser); a rejected value changes nothing and says why in Chinese.
 */
import { formatAmount, parseAmount, type Fen } from '../money/money';
import type { InputRef } from '../tables/types';
import { choiceRefusal, choicesFor } from './choices';
import type {
  Budget,
  BudgetMeta,
  EconLine,
  EconScheme,
  FunctionLine,
  Indicator,
  ProcurementLine,
  Project,
  SourceKey,
  SpendKind,
  Unit,
} from './types';
import { pushAll } from '../arrays';

export type Edit =
  | { op: 'set'; ref: InputRef; value: string }
  | { op: 'insertFunctionLines'; lines: FunctionLine[] }
  | { op: 'removeFunctionLines'; code: string; kind?: SpendKind; source?: SourceKey }
  | { op: 'insertEconLine'; line: EconLine }
  | { op: 'removeEconLine'; scheme: EconScheme; kind: SpendKind; code: string }
  | { op: 'insertProject'; project: Project; index?: number }
  | { op: 'removeProject'; id: string }
  | { op: 'insertIndicator'; owner: string; index: number; indicator: Indicator }
  | { op: 'removeIndicator'; owner: string; index: number }
  | { op: 'insertProcurement'; line: ProcurementLine; index?: number }
  | { op: 'removeProcurement'; id: string }
  | { op: 'setMeta'; field: keyof BudgetMeta; value: string }
  | { op: 'insertUnit'; unit: Unit; index?: number }
  | { op: 'removeUnit'; code: string }
  | { op: 'setUnit'; code: string; field: UnitField; value: string }
  | { op: 'setName'; key: string; name: string | null };

/** What of a unit (单位) is edited; `kind` takes 'administrative' | 'institution', `isOwnOffice` 'true' | 'false'. */
export type UnitField = 'code' | 'name' | 'kind' | 'isOwnOffice';

export type EditResult = { ok: true; inverse: Edit[] } | { ok: false; reason: string };

const fail = (reason: string): EditResult => ({ ok: false, reason });

/** The text an input currently shows (money as typed-back plain digits, e.g. '95000.00'). */
export function readInput(budget: Budget, ref: InputRef): string {
  switch (ref.t) {
    case 'function': {
      const line = findFunctionLine(budget, ref.code, ref.kind, ref.source);
      return line ? fenText(line[ref.year]) : '';
    }
    case 'econ': {
      const line = findEconLine(budget, ref.scheme, ref.kind, ref.code);
      return line ? fenText(line.amount) : '';
    }
    case 'threePublic':
      return fenText(budget.threePublic[ref.year][ref.item]);
    case 'project':
      return findProject(budget, ref.id)?.[ref.field] ?? '';
    case 'projectMoney':
      return fenText(findProject(budget, ref.id)?.[ref.field] ?? 0);
    case 'projectAmount':
      return fenText(findProject(budget, ref.id)?.amounts[ref.source] ?? 0);
    case 'indicator': {
      const ind = indicatorList(budget, ref.owner)?.[ref.index];
      if (!ind) return '';
      return ref.field === 'core' ? (ind.core ? '是' : '否') : ind[ref.field];
    }
    case 'procurement':
      return budget.procurement.find((l) => l.id === ref.id)?.[ref.field] ?? '';
    case 'procurementMoney':
      return fenText(budget.procurement.find((l) => l.id === ref.id)?.[ref.field] ?? 0);
    case 'text':
      return ref.key === 'performance.goal' ? budget.performance.goal : (budget.texts[ref.key] ?? '');
    case 'priorOperatingCost':
      return budget.priorOperatingCost === null ? '' : fenText(budget.priorOperatingCost) || '0.00';
    case 'carryForward':
      return fenText(budget.carryForward[ref.source] ?? 0);
    case 'vehicles':
      return String(budget.assets[ref.slot][ref.kind]);
    case 'equipment':
      return String(budget.assets[ref.slot]);
  }
}

/** A count of vehicles or equipment: a whole number, full-width digits accepted. */
function parseCount(value: string): { ok: true; n: number } | { ok: false; reason: string } {
  const v = value.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (v === '') return { ok: true, n: 0 };
  if (!/^\d{1,6}$/.test(v)) return { ok: false, reason: `“${value}”不是数量（应为不小于 0 的整数）` };
  return { ok: true, n: Number(v) };
}

/** Plain digits with two decimals, no separators, '' for 0: what an editor starts from (the table text without commas). */
export function fenText(fen: Fen): string {
  return formatAmount(fen).replaceAll(',', '');
}

function findFunctionLine(b: Budget, code: string, kind: SpendKind, source: SourceKey): FunctionLine | undefined {
  return b.functionLines.find((l) => l.code === code && l.kind === kind && l.source === source);
}

function findEconLine(b: Budget, scheme: EconScheme, kind: SpendKind, code: string): EconLine | undefined {
  return b.econLines.find((l) => l.scheme === scheme && l.kind === kind && l.code === code);
}

function findProject(b: Budget, id: string): Project | undefined {
  return b.projects.find((p) => p.id === id);
}

export function indicatorList(b: Budget, owner: string): Indicator[] | undefined {
  return owner === 'department' ? b.performance.indicators : findProject(b, owner)?.indicators;
}

function money(value: string): { ok: true; fen: Fen } | { ok: false; reason: string } {
  const r = parseAmount(value);
  return r.ok ? { ok: true, fen: r.fen } : r;
}

function setInput(b: Budget, ref: InputRef, value: string): EditResult {
  const before = readInput(b, ref);
  const inverse: Edit[] = [{ op: 'set', ref, value: before }];
  switch (ref.t) {
    case 'function': {
      const m = money(value);
      if (!m.ok) return m;
      let line = findFunctionLine(b, ref.code, ref.kind, ref.source);
      if (!line) {
        line = { code: ref.code, kind: ref.kind, source: ref.source, current: 0, prior: 0 };
        b.functionLines.push(line);
        inverse.push({ op: 'removeFunctionLines', code: ref.code, kind: ref.kind, source: ref.source });
      }
      line[ref.year] = m.fen;
      return { ok: true, inverse };
    }
    case 'econ': {
      const m = money(value);
      if (!m.ok) return m;
      let line = findEconLine(b, ref.scheme, ref.kind, ref.code);
      if (!line) {
        line = { scheme: ref.scheme, kind: ref.kind, code: ref.code, amount: 0 };
        b.econLines.push(line);
        inverse.push({ op: 'removeEconLine', scheme: ref.scheme, kind: ref.kind, code: ref.code });
      }
      line.amount = m.fen;
      return { ok: true, inverse };
    }
    case 'threePublic': {
      const m = money(value);
      if (!m.ok) return m;
      b.threePublic[ref.year][ref.item] = m.fen;
      return { ok: true, inverse };
    }
    case 'project': {
      const p = findProject(b, ref.id);
      if (!p) return fail('找不到该项目');
      p[ref.field] = value;
      return { ok: true, inverse };
    }
    case 'projectMoney':
    case 'projectAmount': {
      const p = findProject(b, ref.id);
      if (!p) return fail('找不到该项目');
      const m = money(value);
      if (!m.ok) return m;
      if (ref.t === 'projectMoney') p[ref.field] = m.fen;
      else if (m.fen === 0) delete p.amounts[ref.source];
      else p.amounts[ref.source] = m.fen;
      return { ok: true, inverse };
    }
    case 'indicator': {
      const ind = indicatorList(b, ref.owner)?.[ref.index];
      if (!ind) return fail('找不到该绩效指标');
      const v = value.trim();
      const choices = choicesFor(ref);
      const refused = choices ? choiceRefusal(choices, v) : '';
      if (refused) return fail(refused);
      if (ref.field === 'core') ind.core = v === '是';
      else ind[ref.field] = v;
      return { ok: true, inverse };
    }
    case 'procurement': {
      const l = b.procurement.find((x) => x.id === ref.id);
      if (!l) return fail('找不到该采购项目');
      l[ref.field] = value;
      return { ok: true, inverse };
    }
    case 'procurementMoney': {
      const l = b.procurement.find((x) => x.id === ref.id);
      if (!l) return fail('找不到该采购项目');
      const m = money(value);
      if (!m.ok) return m;
      l[ref.field] = m.fen;
      return { ok: true, inverse };
    }
    case 'text':
      if (ref.key === 'performance.goal') b.performance.goal = value;
      else if (value === '') delete b.texts[ref.key];
      else b.texts[ref.key] = value;
      return { ok: true, inverse };
    case 'priorOperatingCost': {
      // Empty means "unknown" (the narrative comparison is then unverifiable), not zero.
      if (value.trim() === '') {
        b.priorOperatingCost = null;
        return { ok: true, inverse };
      }
      const m = money(value);
      if (!m.ok) return m;
      b.priorOperatingCost = m.fen;
      return { ok: true, inverse };
    }
    case 'carryForward': {
      const m = money(value);
      if (!m.ok) return m;
      if (m.fen === 0) delete b.carryForward[ref.source];
      else b.carryForward[ref.source] = m.fen;
      return { ok: true, inverse };
    }
    case 'vehicles':
    case 'equipment': {
      const c = parseCount(value);
      if (!c.ok) return c;
      if (ref.t === 'vehicles') b.assets[ref.slot][ref.kind] = c.n;
      else b.assets[ref.slot] = c.n;
      return { ok: true, inverse };
    }
  }
}

const FUNCTION_ITEM = /^\d{7}$/;
const ECON_ITEM = /^\d{5}$/;

export function applyEdit(b: Budget, edit: Edit): EditResult {
  switch (edit.op) {
    case 'set':
      return setInput(b, edit.ref, edit.value);
    case 'insertFunctionLines': {
      for (const l of edit.lines) {
        if (!FUNCTION_ITEM.test(l.code)) return fail(`功能分类科目“${l.code}”不是7位项级编码，金额只能录入到项`);
        if (findFunctionLine(b, l.code, l.kind, l.source)) return fail(`科目${l.code}已存在`);
      }
      pushAll(b.functionLines, edit.lines.map((l) => ({ ...l })));
      return {
        ok: true,
        inverse: edit.lines.map((l): Edit => ({ op: 'removeFunctionLines', code: l.code, kind: l.kind, source: l.source })),
      };
    }
    case 'removeFunctionLines': {
      const match = (l: FunctionLine) =>
        l.code === edit.code && (!edit.kind || l.kind === edit.kind) && (!edit.source || l.source === edit.source);
      const removed = b.functionLines.filter(match);
      if (removed.length === 0) return fail(`找不到科目${edit.code}`);
      b.functionLines = b.functionLines.filter((l) => !match(l));
      return { ok: true, inverse: [{ op: 'insertFunctionLines', lines: removed }] };
    }
    case 'insertEconLine': {
      if (!ECON_ITEM.test(edit.line.code)) return fail(`经济分类科目“${edit.line.code}”不是5位款级编码，金额只能录入到款`);
      if (findEconLine(b, edit.line.scheme, edit.line.kind, edit.line.code)) return fail(`科目${edit.line.code}已存在`);
      b.econLines.push({ ...edit.line });
      const { scheme, kind, code } = edit.line;
      return { ok: true, inverse: [{ op: 'removeEconLine', scheme, kind, code }] };
    }
    case 'removeEconLine': {
      const line = findEconLine(b, edit.scheme, edit.kind, edit.code);
      if (!line) return fail(`找不到科目${edit.code}`);
      b.econLines = b.econLines.filter((l) => l !== line);
      return { ok: true, inverse: [{ op: 'insertEconLine', line }] };
    }
    case 'insertProject': {
      if (findProject(b, edit.project.id)) return fail('项目编号重复');
      const index = edit.index ?? b.projects.length;
      b.projects.splice(index, 0, structuredClone(edit.project));
      return { ok: true, inverse: [{ op: 'removeProject', id: edit.project.id }] };
    }
    case 'removeProject': {
      const index = b.projects.findIndex((p) => p.id === edit.id);
      if (index < 0) return fail('找不到该项目');
      const [project] = b.projects.splice(index, 1);
      return { ok: true, inverse: [{ op: 'insertProject', project, index }] };
    }
    case 'insertIndicator': {
      const list = indicatorList(b, edit.owner);
      if (!list) return fail('找不到该项目');
      list.splice(edit.index, 0, { ...edit.indicator });
      return { ok: true, inverse: [{ op: 'removeIndicator', owner: edit.owner, index: edit.index }] };
    }
    case 'removeIndicator': {
      const list = indicatorList(b, edit.owner);
      if (!list || !list[edit.index]) return fail('找不到该绩效指标');
      const [indicator] = list.splice(edit.index, 1);
      return { ok: true, inverse: [{ op: 'insertIndicator', owner: edit.owner, index: edit.index, indicator }] };
    }
    case 'insertProcurement': {
      if (b.procurement.some((l) => l.id === edit.line.id)) return fail('采购项目编号重复');
      const index = edit.index ?? b.procurement.length;
      b.procurement.splice(index, 0, { ...edit.line });
      return { ok: true, inverse: [{ op: 'removeProcurement', id: edit.line.id }] };
    }
    case 'removeProcurement': {
      const index = b.procurement.findIndex((l) => l.id === edit.id);
      if (index < 0) return fail('找不到该采购项目');
      const [line] = b.procurement.splice(index, 1);
      return { ok: true, inverse: [{ op: 'insertProcurement', line, index }] };
    }
    case 'setMeta': {
      const before = String(b.meta[edit.field]);
      if (edit.field === 'year') {
        const year = Number(edit.value);
        if (!Number.isInteger(year) || year < 2000 || year > 2100) return fail(`预算年度“${edit.value}”不是有效年份`);
        b.meta.year = year;
      } else if (edit.field === 'approvalDate' || edit.field === 'publishDate') {
        if (edit.value !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(edit.value)) return fail(`日期“${edit.value}”应写成 2024-01-31 的格式`);
        b.meta[edit.field] = edit.value;
      } else {
        (b.meta as unknown as Record<string, string>)[edit.field] = edit.value;
      }
      return { ok: true, inverse: [{ op: 'setMeta', field: edit.field, value: before }] };
    }
    case 'insertUnit': {
      const u = edit.unit;
      const problem = unitCodeProblem(b, u.code) ?? (u.isOwnOffice && b.units.some((x) => x.isOwnOffice) ? '已有本级单位，一个部门只有一个本级' : null);
      if (problem) return fail(problem);
      b.units.splice(edit.index ?? b.units.length, 0, { ...u });
      return { ok: true, inverse: [{ op: 'removeUnit', code: u.code }] };
    }
    case 'removeUnit': {
      const index = b.units.findIndex((u) => u.code === edit.code);
      if (index < 0) return fail(`找不到单位${edit.code}`);
      const [unit] = b.units.splice(index, 1);
      return { ok: true, inverse: [{ op: 'insertUnit', unit, index }] };
    }
    case 'setUnit':
      return setUnit(b, edit.code, edit.field, edit.value);
    case 'setName': {
      const before = b.nameOverrides[edit.key] ?? null;
      if (edit.name === null) delete b.nameOverrides[edit.key];
      else b.nameOverrides[edit.key] = edit.name;
      return { ok: true, inverse: [{ op: 'setName', key: edit.key, name: before }] };
    }
  }
}

const UNIT_CODE = /^\d{3,12}$/;
const UNIT_KINDS: readonly Unit['kind'][] = ['administrative', 'institution'];

/** Why `code` cannot be a unit's code (null when it can): 3–12 digits, not taken by another unit. */
function unitCodeProblem(b: Budget, code: string, except?: Unit): string | null {
  if (!UNIT_CODE.test(code)) return `单位代码“${code}”应为3至12位数字（如 801001）`;
  if (b.units.some((u) => u !== except && u.code === code)) return `单位代码${code}已被另一个单位使用`;
  return null;
}

function setUnit(b: Budget, code: string, field: UnitField, value: string): EditResult {
  const unit = b.units.find((u) => u.code === code);
  if (!unit) return fail(`找不到单位${code}`);
  switch (field) {
    case 'code': {
      const problem = unitCodeProblem(b, value, unit);
      if (problem) return fail(problem);
      unit.code = value;
      return { ok: true, inverse: [{ op: 'setUnit', code: value, field, value: code }] };
    }
    case 'name': {
      if (value.trim() === '') return fail('单位名称不能为空');
      const before = unit.name;
      unit.name = value;
      return { ok: true, inverse: [{ op: 'setUnit', code, field, value: before }] };
    }
    case 'kind': {
      const kind = UNIT_KINDS.find((k) => k === value);
      if (!kind) return fail(`单位类型“${value}”无效，应为行政单位或事业单位`);
      const before = unit.kind;
      unit.kind = kind;
      return { ok: true, inverse: [{ op: 'setUnit', code, field, value: before }] };
    }
    case 'isOwnOffice': {
      if (value !== 'true' && value !== 'false') return fail(`“${value}”无效，应为 true 或 false`);
      // One 本级 per department: making this one 本级 makes the previous one a 下属单位.
      const previous = b.units.find((u) => u.isOwnOffice && u !== unit);
      const before = unit.isOwnOffice;
      if (value === 'true') for (const u of b.units) u.isOwnOffice = u === unit;
      else unit.isOwnOffice = false;
      const inverse: Edit[] = previous
        ? [{ op: 'setUnit', code: previous.code, field, value: 'true' }]
        : [{ op: 'setUnit', code, field, value: String(before) }];
      return { ok: true, inverse };
    }
  }
}

/** What applying several edits gives: their inverse (one undo step), or which edit was refused and why. */
export type EditsResult = { ok: true; inverse: Edit[] } | { ok: false; reason: string; index: number };

/**
 * Applies edits in order; on the first refusal, rolls back what was applied with the inverses
 * already computed (no trial copy of the budget) and reports that edit's index and reason, so the
 * caller can name its cell.
 */
export function applyEdits(b: Budget, edits: readonly Edit[]): EditsResult {
  const undo: Edit[][] = [];
  for (let index = 0; index < edits.length; index++) {
    const r = applyEdit(b, edits[index]);
    if (!r.ok) {
      for (let k = undo.length - 1; k >= 0; k--) for (const x of undo[k]) applyEdit(b, x);
      return { ok: false, reason: r.reason, index };
    }
    undo.push(r.inverse);
  }
  const inverse: Edit[] = [];
  for (let k = undo.length - 1; k >= 0; k--) pushAll(inverse, undo[k]);
  return { ok: true, inverse };
}
