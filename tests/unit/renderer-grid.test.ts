/** The renderer's pure grid logic: clipboard blocks, header trees from merged header rows, marks. */
import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from '../../renderer/grid/clipboard';
import {
  BASE_ROW_HEIGHT,
  MIN_FIT_WIDTH,
  columnTitles,
  columnWidth,
  columnWidths,
  gridRows,
  headerTree,
  rowHeight,
  viewOf,
  type HeaderSpec,
} from '../../renderer/grid/model';
import { builtinCatalog } from '../../shared/catalog';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { deriveTables, templatesFor, type DerivedTable } from '../../shared/tables';

const budget = yubeiBigData2024();
const tables = deriveTables(budget, { catalog: builtinCatalog(), templates: templatesFor(budget.meta.templateId) });
const table = (id: string): DerivedTable => tables.find((t) => t.id === id)!;

const shape = (specs: HeaderSpec[]): unknown =>
  specs.map((s) => (s.kind === 'leaf' ? `${s.col.key}:${s.headerName}` : { [s.headerName]: shape(s.children) }));

describe('clipboard blocks (Excel/WPS tab-separated)', () => {
  it('reads rows and cells, CRLF or LF, with or without the last line break', () => {
    expect(parseTsv('1\t2\r\n3\t4\r\n')).toEqual([['1', '2'], ['3', '4']]);
    expect(parseTsv('1\t2\n3\t4')).toEqual([['1', '2'], ['3', '4']]);
    expect(parseTsv('95,000.00\r\n7,000.00\r\n43,000.00\r\n')).toEqual([['95,000.00'], ['7,000.00'], ['43,000.00']]);
    expect(parseTsv('a\t\tb\r\n')).toEqual([['a', '', 'b']]);
  });

  it('reads quoted cells with line breaks, tabs and quotes', () => {
    expect(parseTsv('"第一行\n第二行"\t2\r\n')).toEqual([['第一行\n第二行', '2']]);
    expect(parseTsv('"say ""hi"""\tx\n')).toEqual([['say "hi"', 'x']]);
    expect(parseTsv('"unclosed\tx\n')).toEqual([['"unclosed', 'x']]);
  });

  it('writes what it reads', () => {
    const block = [['合计', '2,685,855.89'], ['两行\n文字', 'a"b'], ['', '']];
    expect(parseTsv(toTsv(block))).toEqual(block);
    expect(toTsv([['1', '2']])).toBe('1\t2\r\n');
  });
});

describe('column headers from the printed header rows', () => {
  it('表五: grouped 功能分类科目 and 2024年预算数, single-cell columns spanning both rows', () => {
    expect(shape(headerTree(table('t5')))).toEqual([
      { 功能分类科目: ['code:科目编码', 'name:科目名称'] },
      'prior:2023年预算数',
      { '2024年预算数': ['current:小计', 'basic:基本支出', 'project:项目支出'] },
      'change:2024年预算比2023年预算增幅%',
    ]);
  });

  it('表十: three header rows, nested groups', () => {
    const t10 = shape(headerTree(table('t10'))) as Record<string, unknown>[];
    expect(t10).toHaveLength(2);
    expect(t10[0]['2024年预算数']).toEqual([
      'current:total:合计',
      'current:abroad:因公出国（境） 费',
      { 公务用车购置及运行费: ['current:vehicle:小计', 'current:vehiclePurchase:公务用车购置 费', 'current:vehicleOperation:公务用车运行 费'] },
      'current:reception:公务接待 费',
    ]);
  });

  it('表十七 blocks have no header rows: plain columns', () => {
    const t17 = tables.find((t) => t.id.startsWith('t17:'))!;
    expect(headerTree(t17).every((s) => s.kind === 'leaf' && s.headerName === '')).toBe(true);
  });

  it('names a column by its header path', () => {
    expect(columnTitles(table('t6')).total).toBe('2024年基本支出·总计');
    expect(columnTitles(table('t5')).basic).toBe('2024年预算数·基本支出');
  });
});

describe('grid rows', () => {
  it('carries the cells by column and the strongest mark per cell', () => {
    const marks = {
      findingsForCell: (t: string, r: string, c: string) =>
        t === 't6' && r === 'total' && c === 'total'
          ? [
              { severity: 'warning', message: 'w' },
              { severity: 'error', message: 'e' },
            ]
          : [],
    };
    const rows = gridRows(table('t6'), marks);
    const total = rows.find((r) => r.key === 'total')!;
    expect(total.cells.total.text).toBe('2,685,855.89');
    expect(total.marks.total).toEqual({ severity: 'error', messages: ['w', 'e'] });
    expect(rows.find((r) => r.key === '30201')!.label).toBe('30201 办公费');
    expect(rows.find((r) => r.key === '30201')!.cells.total.input).toEqual({ t: 'econ', scheme: 'department', kind: 'basic', code: '30201' });
  });

  it('gives form rows with long texts room for their lines', () => {
    const t17 = tables.find((t) => t.id === 't17:p1')!;
    const rows = gridRows(t17, null);
    expect(rowHeight(t17, rows.find((r) => r.key === 'name')!)).toBe(BASE_ROW_HEIGHT);
    expect(rowHeight(t17, rows.find((r) => r.key === 'goal')!)).toBeGreaterThan(BASE_ROW_HEIGHT);
  });

  it('fits a form table to the width available, its texts wrapping into taller rows; other tables keep their widths', () => {
    const t17 = tables.find((t) => t.id === 't17:p1')!;
    const natural = t17.columns.map(columnWidth);
    const total = natural.reduce((a, b) => a + b, 0);
    expect(columnWidths(t17)).toEqual(natural);
    expect(columnWidths(t17, total + 100)).toEqual(natural);
    for (const room of [912, 752, 600]) {
      const fitted = columnWidths(t17, room);
      expect(fitted.reduce((a, b) => a + b, 0)).toBe(room);
      for (const w of fitted) expect(w).toBeGreaterThanOrEqual(MIN_FIT_WIDTH);
      // Proportional: the wide 指标名称 column stays the widest.
      expect(Math.max(...fitted)).toBe(fitted[1]);
    }
    // Too narrow even for the minimums: the minimums (the grid scrolls).
    expect(columnWidths(t17, 300)).toEqual(natural.map((w) => Math.min(w, MIN_FIT_WIDTH)));
    const summary = gridRows(t17, null).find((r) => r.key === 'summary')!;
    expect(rowHeight(t17, summary, columnWidths(t17, 520))).toBeGreaterThan(rowHeight(t17, summary));
    // A list table scrolls sideways instead.
    const t2 = table('t2');
    expect(columnWidths(t2, 500)).toEqual(t2.columns.map(columnWidth));
  });

  it('maps a block table to its navigation entry', () => {
    expect(viewOf('t17:p1')).toBe('t17');
    expect(viewOf('t6')).toBe('t6');
  });
});
