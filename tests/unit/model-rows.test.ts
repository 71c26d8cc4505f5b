/**
 * Row operations per body type (shared/model/rows.ts), without a browser: the edits they return
 * add or remove exactly one row of the derived table, the grid's target cell is found by the input
 * it edits, the messages name the set's own tables, and the inverses give the budget back.
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../shared/catalog';
import {
  addEconLine,
  addFunctionLine,
  addIndicator,
  addProcurement,
  addActionLabel,
  addProject,
  applyEdits,
  blankProject,
  functionLineTaken,
  moveRow,
  nextId,
  removeProject,
  removeRow,
  targetColumn,
  type Budget,
  type Edit,
  type RowOp,
} from '../../shared/model';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { deriveTables, templatesFor, type DerivedTable, type TemplateSet } from '../../shared/tables';

const setOf = (b: Budget): TemplateSet => templatesFor(b.meta.templateId);
const derive = (b: Budget, set = setOf(b)) => deriveTables(b, { catalog: builtinCatalog(), templates: set });
const tableOf = (b: Budget, id: string): DerivedTable => derive(b).find((t) => t.id === id)!;
const template = (b: Budget, id: string) => setOf(b).tables.find((t) => t.id === id)!;
const cellText = (t: DerivedTable, row: string, col: string) => t.body.find((r) => r.key === row)?.cells.find((c) => c.col === col)?.text;

/** Applies an op; returns the inverse so the test can give the budget back. */
function apply(b: Budget, edits: readonly Edit[]): Edit[] {
  const r = applyEdits(b, edits);
  if (!r.ok) throw new Error(r.reason);
  return r.inverse;
}

function roundTrip(b: Budget, op: RowOp, check: (tables: DerivedTable[]) => void): void {
  const before = structuredClone(b);
  const inverse = apply(b, op.edits);
  check(derive(b));
  apply(b, inverse);
  expect(b).toEqual(before);
}

describe('adding rows, per body type', () => {
  it('functionTree (表五): an empty 项 under the table source, the grid on its name; a code the catalog lacks keeps the officer\'s name', () => {
    const b = yubeiBigData2024();
    const t5 = template(b, 't5');
    expect(functionLineTaken(b, t5, '2150501', 'basic')).toBe(true);
    expect(functionLineTaken(b, t5, '2150501', 'project')).toBe(false);
    const op = addFunctionLine(t5, 't5', { code: '2150505', name: '战备应急', kind: 'project', known: true });
    expect(op.edits).toEqual([{ op: 'insertFunctionLines', lines: [{ code: '2150505', kind: 'project', source: 'gpb', current: 0, prior: 0 }] }]);
    expect(op.message).toBe('已添加 2150505 战备应急');
    roundTrip(b, op, (tables) => {
      const t = tables.find((x) => x.id === 't5')!;
      expect(targetColumn(t, op.focus)).toBe('name');
      expect(cellText(t, '2150505', 'name')).toBe('战备应急');
      expect(cellText(t, 'total', 'total')).toBe(cellText(tableOf(yubeiBigData2024(), 't5'), 'total', 'total'));
    });
    const unknown = addFunctionLine(t5, 't5', { code: '2150598', name: '数据要素', kind: 'basic', known: false });
    expect(unknown.edits[1]).toEqual({ op: 'setName', key: 'function:2150598', name: '数据要素' });
    expect(unknown.message).toBe('已添加 2150598（目录中没有此科目，请核对）');
  });

  it('econTree (表六): an empty 款 of the table scheme and kind, the grid on its amount', () => {
    const b = yubeiBigData2024();
    const op = addEconLine(template(b, 't6'), 't6', { code: '30215', name: '会议费', known: true })!;
    expect(op.edits).toEqual([{ op: 'insertEconLine', line: { scheme: 'department', kind: 'basic', code: '30215', amount: 0 } }]);
    roundTrip(b, op, (tables) => {
      const t = tables.find((x) => x.id === 't6')!;
      expect(cellText(t, '30215', 'name')).toBe('会议费');
      expect(targetColumn(t, op.focus)).toBe('total');
    });
    expect(addEconLine(template(b, 't5'), 't5', { code: '30215', name: '会议费', known: true })).toBeNull();
  });

  it('projects: the next id, the own office, undo in the set\'s project list (表十三), the grid in the new 表十七 block', () => {
    const b = yubeiBigData2024();
    const set = setOf(b);
    const fields = { name: '政务云扩容', functionCode: '2150599', category: 'general' as const, hasTargets: true };
    const op = addProject(b, set, template(b, 't17'), fields);
    const project = (op.edits[0] as Extract<Edit, { op: 'insertProject' }>).project;
    expect(project).toMatchObject({ id: 'p7', name: '政务云扩容', functionCode: '2150599', category: 'general', hasTargets: true, amounts: {}, indicators: [] });
    expect(project.unitName).toBe(b.units.find((u) => u.isOwnOffice)!.name);
    expect(op.undo).toEqual({ table: 't13', row: 'p7', pick: { input: 'project', field: 'name' } });
    expect(op.focus.table).toBe('t17:p7');
    expect(op.message).toBe('已添加项目“政务云扩容”');
    roundTrip(b, op, (tables) => {
      expect(targetColumn(tables.find((t) => t.id === 't13'), op.undo)).toBe('projectName');
      expect(targetColumn(tables.find((t) => t.id === 't17:p7'), op.focus)).toBe('c1');
      expect(cellText(tables.find((t) => t.id === 't17:p7')!, 'name', 'c1')).toBe('政务云扩容');
    });
    // From the list (or without targets) the grid goes to the amounts in 表十三.
    const listed = addProject(b, set, template(b, 't13'), { ...fields, hasTargets: false });
    expect(listed.message).toBe('已添加项目“政务云扩容”，请在表十三录入金额');
    roundTrip(b, listed, (tables) => expect(targetColumn(tables.find((t) => t.id === 't13'), listed.focus)).toBe('gpb'));
  });

  it('procurement (表十四): an empty line c… with the department and own office filled, the grid on its name', () => {
    const b = yubeiBigData2024();
    const op = addProcurement(b, 't14');
    const line = (op.edits[0] as Extract<Edit, { op: 'insertProcurement' }>).line;
    expect(line).toMatchObject({ id: nextId('c', b.procurement.map((l) => l.id)), item: '', goods: 0, works: 0, services: 0, source: 'gpb', deptName: b.meta.department });
    roundTrip(b, op, (tables) => expect(targetColumn(tables.find((t) => t.id === 't14'), op.focus)).toBe('item'));
  });

  it('indicators: after the selected indicator row, else at the end; an unknown owner gives nothing', () => {
    const b = yubeiBigData2024();
    const n = b.performance.indicators.length;
    const end = addIndicator(b, 'department', 't15')!;
    expect(end.edits).toEqual([{ op: 'insertIndicator', owner: 'department', index: n, indicator: { name: '', weight: '', unit: '', nature: '', value: '', core: false } }]);
    const after = addIndicator(b, 'department', 't15', 'ind:0')!;
    expect(after.focus.row).toBe('ind:1');
    roundTrip(b, after, (tables) => {
      const t15 = tables.find((t) => t.id === 't15')!;
      expect(t15.body.filter((r) => r.role === 'indicator')).toHaveLength(n + 1);
      expect(targetColumn(t15, after.focus)).toBe('c1');
      expect(cellText(t15, 'ind:1', 'c1')).toBe('');
    });
    expect(addIndicator(b, 'p99', 't17:p99')).toBeNull();
  });
});

describe('removing rows', () => {
  const b = yubeiBigData2024();
  const set = setOf(b);
  const tables = derive(b);
  const at = (id: string) => tables.find((t) => t.id === id)!;
  const remove = (view: string, table: string, row: string) => removeRow(set, template(b, view), at(table), row);

  it('refuses sum rows and fixed rows, saying why', () => {
    expect(remove('t5', 't5', '215')).toEqual({ ok: false, message: '类、款行是其下各项的合计，不能直接删除；请删除其下的项' });
    expect(remove('t6', 't6', '302')).toEqual({ ok: false, message: '类行是其下各款的合计，不能直接删除；请删除其下的款' });
    expect(remove('t13', 't13', 'total')).toEqual({ ok: false, message: '合计行不能删除' });
    expect(remove('t15', 't15', 'goal')).toEqual({ ok: false, message: '这一行是表格的固定内容，不能删除' });
  });

  it('names what goes with a row, by the set\'s own table numbers', () => {
    expect(remove('t5', 't5', '2150501')).toEqual({
      ok: true,
      edit: { op: 'removeFunctionLines', code: '2150501', source: 'gpb' },
      detail: '该科目一般公共预算财政拨款的本年、上年金额（基本支出和项目支出）将一并删除，表一至表五的合计随之减少。',
    });
    expect(remove('t13', 't13', 'p3')).toEqual({ ok: true, edit: { op: 'removeProject', id: 'p3' }, detail: '该项目在表十三的金额和在表十六/表十七的绩效目标将一并删除。' });
    expect(remove('t17', 't17:p1', 'ind:2')).toEqual({ ok: true, edit: { op: 'removeIndicator', owner: 'p1', index: 2 }, detail: '' });
    expect(remove('t15', 't15', 'ind:0')).toEqual({ ok: true, edit: { op: 'removeIndicator', owner: 'department', index: 0 }, detail: '' });
  });

  it('a removed row comes back with its inverse; 删除项目 returns to the project list on undo', () => {
    const c = yubeiBigData2024();
    const r = removeRow(setOf(c), template(c, 't6'), tableOf(c, 't6'), '30201');
    if (!r.ok) throw new Error(r.message);
    const before = derive(c);
    const inverse = apply(c, [r.edit]);
    expect(tableOf(c, 't6').body.some((x) => x.key === '30201')).toBe(false);
    apply(c, inverse);
    // The line comes back (at the end of the list: the tables are ordered by code, so they are as before).
    expect(derive(c)).toEqual(before);
    const p = removeProject(c, setOf(c), 'p2', 't17:p2')!;
    expect(p.undo).toEqual({ table: 't13', row: 'p2', pick: { input: 'project', field: 'name' } });
    expect(removeProject(c, setOf(c), 'p99', 't17')).toBeNull();
  });
});

describe('moving rows', () => {
  it('an indicator, a project and a procurement line move one place; undo puts them back; a code-ordered row does not move', () => {
    const b = yubeiBigData2024();
    const before = structuredClone(b);
    const t15 = tableOf(b, 't15');
    const first = b.performance.indicators[0].name;
    const down = moveRow(b, template(b, 't15'), t15, 'ind:0', 1)!;
    expect(down.focus.row).toBe('ind:1');
    const undoInd = apply(b, down.edits);
    expect(b.performance.indicators[1].name).toBe(first);
    expect(cellText(tableOf(b, 't15'), 'ind:1', 'c1')).toBe(first);
    expect(moveRow(b, template(b, 't15'), t15, 'ind:0', -1)).toBeNull();

    const ids = b.projects.map((p) => p.id);
    const up = moveRow(b, template(b, 't13'), tableOf(b, 't13'), ids[2], -1)!;
    expect(up.message).toBe(`已上移项目“${b.projects[2].name}”`);
    const undoProject = apply(b, up.edits);
    expect(b.projects.map((p) => p.id)).toEqual([ids[0], ids[2], ids[1], ...ids.slice(3)]);
    expect(tableOf(b, 't13').body.filter((r) => r.role === 'item').map((r) => r.key)).toEqual([ids[0], ids[2], ids[1], ...ids.slice(3)]);
    expect(moveRow(b, template(b, 't13'), tableOf(b, 't13'), ids.at(-1)!, 1)).toBeNull();

    apply(b, undoProject);
    apply(b, undoInd);
    expect(b).toEqual(before);
    expect(moveRow(b, template(b, 't6'), tableOf(b, 't6'), '30201', 1)).toBeNull();
  });
});

describe('the 添加 action per body type', () => {
  it('names what each table adds, nothing where its amounts are all derived', () => {
    const b = yubeiBigData2024();
    const labels = Object.fromEntries(setOf(b).tables.map((t) => [t.no, addActionLabel(t)]));
    expect(labels).toMatchObject({ 表一: null, 表三: '添加科目', 表五: '添加科目', 表六: '添加科目', 表十: null, 表十三: '添加项目', 表十四: '添加采购项目', 表十五: '添加指标', 表十七: '添加项目' });
  });
});

describe('default objects', () => {
  it('nextId counts past the largest id of its pattern', () => {
    expect(nextId('p', ['p1', 'p9', 'x12', 'p3'])).toBe('p10');
    expect(nextId('c', [])).toBe('c1');
  });

  it('a blank project has no money and no texts', () => {
    expect(blankProject({ id: 'p1', name: '甲', unitCode: '801001', unitName: '本级', department: '某局' })).toEqual({
      id: 'p1',
      name: '甲',
      unitCode: '801001',
      unitName: '本级',
      functionCode: '',
      category: 'general',
      amounts: {},
      district: 0,
      town: 0,
      department: '某局',
      summary: '',
      basis: '',
      goal: '',
      description: '',
      hasTargets: false,
      indicators: [],
    });
  });
});
