/**
 * Random edits for the engine's property tests: any input a grid cell shows, typed with a plausible
 * (or deliberately invalid) value, plus structural edits (rows, projects, indicators, procurement,
 * meta, names) and undo/redo. Seeded, so a failure names its seed and replays.
 */
import type { Catalog } from '../shared/catalog/catalog';
import type { Edit } from '../shared/model/edit';
import type { Budget, Project, SourceKey } from '../shared/model/types';
import type { DerivedTable, InputRef } from '../shared/tables/types';
import { prng } from './synthetic';

export { prng };

export type Step = { kind: 'edit'; edit: Edit | Edit[] } | { kind: 'undo' } | { kind: 'redo' };

const pickOf = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

function amountText(rnd: () => number, current: string, validOnly: boolean): string {
  const r = validOnly ? 0.2 + rnd() * 0.8 : rnd();
  if (r < 0.1) return '';
  if (r < 0.15) return '12万3'; // rejected
  if (r < 0.2) return '-5'; // rejected: negative
  if (r < 0.45 && current) {
    // a cent off: the typical slip
    const [i, f = '00'] = current.split('.');
    const cents = BigInt(i) * 100n + BigInt(f.padEnd(2, '0')) + (rnd() < 0.5 ? 1n : -1n);
    if (cents < 0n) return '0';
    return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
  }
  return `${Math.floor(rnd() * 5_000_000)}.${String(Math.floor(rnd() * 100)).padStart(2, '0')}`;
}

const TEXTS = ['', '新项目', '某某项目', '数据治理', '（略）', '重庆市渝北区大数据应用发展管理局', '办公场地租赁'];
const UNITS = ['万元', '元', '万元/年', '万元/人', '%', '个', '', '年'];
const NATURES = ['≤', '≥', '=', '定性', '>', '约'];
const VALUES = ['5', '359800', '113', '优', '100', '', '0.5', 'abc'];
const WEIGHTS = ['5', '10', '15', '20', '', '0', 'x'];

function valueFor(rnd: () => number, ref: InputRef, current: string, validOnly: boolean): string {
  switch (ref.t) {
    case 'function':
    case 'econ':
    case 'threePublic':
    case 'projectMoney':
    case 'projectAmount':
    case 'procurementMoney':
      return amountText(rnd, current, validOnly);
    case 'indicator':
      switch (ref.field) {
        case 'unit':
          return pickOf(rnd, UNITS);
        case 'nature':
          return pickOf(rnd, NATURES);
        case 'value':
          return pickOf(rnd, VALUES);
        case 'weight':
          return pickOf(rnd, WEIGHTS);
        case 'core':
          return pickOf(rnd, validOnly ? ['是', '否'] : ['是', '否', '也许']);
        default:
          return pickOf(rnd, TEXTS);
      }
    default:
      return pickOf(rnd, TEXTS);
  }
}

/** Every input cell of the tables, grouped by input type so each type gets drawn equally often. */
export function inputCells(tables: readonly DerivedTable[]): Map<string, InputRef[]> {
  const by = new Map<string, InputRef[]>();
  for (const t of tables) {
    for (const row of t.body) {
      for (const c of row.cells) {
        if (!c.input) continue;
        const k = c.input.t;
        const list = by.get(k);
        if (list) list.push(c.input);
        else by.set(k, [c.input]);
      }
    }
  }
  return by;
}

/**
 * One random typing edit into a cell the tables show: an input type drawn uniformly (金额 by 功能科目,
 * by 经济科目, 三公, 项目, 绩效指标 …), then a cell of that type. `validOnly`: no value the model rejects.
 */
export function randomInputEdit(
  rnd: () => number,
  tables: readonly DerivedTable[],
  read: (ref: InputRef) => string,
  validOnly = false,
  cells: Map<string, InputRef[]> = inputCells(tables),
): Edit | null {
  const kinds = [...cells.keys()];
  if (kinds.length === 0) return null;
  const ref = pickOf(rnd, cells.get(pickOf(rnd, kinds))!);
  return { op: 'set', ref, value: valueFor(rnd, ref, read(ref), validOnly) };
}

const SOURCES: SourceKey[] = ['gpb', 'gpb', 'gpb', 'fund', 'soe', 'special', 'carryGpb', 'other'];

/** A random structural edit (may be rejected by applyEdit, which is fine: it must change nothing). */
export function randomStructuralEdit(rnd: () => number, b: Budget, catalog: Catalog, counter: { n: number }): Edit {
  const r = rnd();
  const items = catalog.entries('function').filter((e) => e.level === '项');
  if (r < 0.14) {
    const code = rnd() < 0.5 && b.functionLines.length ? pickOf(rnd, b.functionLines).code : pickOf(rnd, items).code;
    return {
      op: 'insertFunctionLines',
      lines: [{ code, kind: rnd() < 0.5 ? 'basic' : 'project', source: pickOf(rnd, SOURCES), current: Math.floor(rnd() * 1e7), prior: rnd() < 0.3 ? 0 : Math.floor(rnd() * 1e7) }],
    };
  }
  if (r < 0.22 && b.functionLines.length) {
    const l = pickOf(rnd, b.functionLines);
    return rnd() < 0.5 ? { op: 'removeFunctionLines', code: l.code } : { op: 'removeFunctionLines', code: l.code, kind: l.kind, source: l.source };
  }
  if (r < 0.32) {
    const scheme = rnd() < 0.5 ? 'department' : 'government';
    const codes = catalog.entries(scheme === 'department' ? 'econ-department' : 'econ-government').filter((e) => e.level === '款');
    return { op: 'insertEconLine', line: { scheme, kind: rnd() < 0.5 ? 'basic' : 'project', code: pickOf(rnd, codes).code, amount: Math.floor(rnd() * 1e6) } };
  }
  if (r < 0.4 && b.econLines.length) {
    const l = pickOf(rnd, b.econLines);
    return { op: 'removeEconLine', scheme: l.scheme, kind: l.kind, code: l.code };
  }
  if (r < 0.5 && b.projects.length) {
    const base = pickOf(rnd, b.projects);
    const p: Project = structuredClone(base);
    p.id = `rp${++counter.n}`;
    p.name = `${base.name}（${counter.n}）`;
    p.category = rnd() < 0.3 ? 'key' : 'general';
    p.hasTargets = rnd() < 0.8;
    p.amounts = { gpb: Math.floor(rnd() * 1e8) };
    p.district = p.amounts.gpb!;
    return { op: 'insertProject', project: p, index: Math.floor(rnd() * (b.projects.length + 1)) };
  }
  if (r < 0.58 && b.projects.length) return { op: 'removeProject', id: pickOf(rnd, b.projects).id };
  if (r < 0.68) {
    const owner = rnd() < 0.3 || b.projects.length === 0 ? 'department' : pickOf(rnd, b.projects).id;
    const list = owner === 'department' ? b.performance.indicators : b.projects.find((p) => p.id === owner)!.indicators;
    if (rnd() < 0.5 && list.length) return { op: 'removeIndicator', owner, index: Math.floor(rnd() * list.length) };
    return {
      op: 'insertIndicator',
      owner,
      index: Math.floor(rnd() * (list.length + 1)),
      indicator: { name: pickOf(rnd, ['成本', '租金', '满意度', '']), weight: pickOf(rnd, WEIGHTS), unit: pickOf(rnd, UNITS), nature: pickOf(rnd, NATURES), value: pickOf(rnd, VALUES), core: rnd() < 0.5 },
    };
  }
  if (r < 0.76) {
    if (rnd() < 0.4 && b.procurement.length) return { op: 'removeProcurement', id: pickOf(rnd, b.procurement).id };
    return {
      op: 'insertProcurement',
      line: { id: `pc${++counter.n}`, deptCode: '801', deptName: b.meta.department, unitCode: '801001', unitName: '本级', item: '采购', goods: Math.floor(rnd() * 1e6), works: 0, services: Math.floor(rnd() * 1e5), source: 'gpb' },
    };
  }
  if (r < 0.86) {
    const field = pickOf(rnd, ['approvalDate', 'publishDate', 'year', 'department', 'compilingUnit', 'district'] as const);
    const value =
      field === 'approvalDate' || field === 'publishDate'
        ? pickOf(rnd, ['', '2024-02-01', '2024-02-21', '2024-02-22', '2024-03-15', '2024-02-30'])
        : field === 'year'
          ? pickOf(rnd, ['2024', '2025', '1999'])
          : pickOf(rnd, [b.meta[field], '重庆市渝北区某某局', '']);
    return { op: 'setMeta', field, value: String(value) };
  }
  const line = b.functionLines.length ? pickOf(rnd, b.functionLines) : null;
  const econ = b.econLines.length ? pickOf(rnd, b.econLines) : null;
  if (rnd() < 0.5 && line) return { op: 'setName', key: `function:${line.code.slice(0, rnd() < 0.5 ? 7 : 3)}`, name: rnd() < 0.3 ? null : pickOf(rnd, ['改名科目', '行政运行', '']) };
  return { op: 'setName', key: `econ-${econ?.scheme ?? 'department'}:${econ?.code ?? '30201'}`, name: rnd() < 0.3 ? null : '维修(护)费' };
}
