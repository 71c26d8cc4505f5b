import { describe, expect, it } from 'vitest';
import { MAY_HOLD_PLACEHOLDER, ODD_MONEY, PERCENT, PLACEHOLDER, placeholderIn, tableFlags } from '../../shared/rules/cells';
import { forgetReplaces, noteReplaces } from '../../shared/rules/lineage';
import type { Cell, DerivedTable, Row } from '../../shared/tables/types';

const money = (col: string, fen: number, text: string): Cell => ({ kind: 'money', col, fen, text });
const text = (col: string, t: string): Cell => ({ kind: 'text', col, text: t });
const row = (key: string, cells: Cell[]): Row => ({ key, role: 'item', level: 0, cells });

const frame = { id: 't9', no: '表九', title: '表', subtitle: null, lines: ['单位：元'], columns: [], header: [], note: null, empty: false, landscape: false };
const table = (body: Row[]): DerivedTable => ({ ...frame, body });

/** The flags of a table computed afresh (a copy with no predecessor). */
const fresh = (t: DerivedTable) => tableFlags({ ...t });

describe('cell flags (cells.ts)', () => {
  const plain = row('a', [text('name', '办公费'), money('total', 12345, '123.45')]);
  const odd = row('b', [money('total', 100, '1')]);
  const percent = row('c', [{ kind: 'percent', col: 'change', text: '5' }]);
  const placeholder = row('d', [text('name', '某某单位')]);

  it('flag what each rule looks for, by row and for the table', () => {
    const f = tableFlags(table([plain, odd, percent, placeholder]));
    expect([...f.rows]).toEqual([0, ODD_MONEY, PERCENT, MAY_HOLD_PLACEHOLDER]);
    expect(f.body).toBe(ODD_MONEY | PERCENT | MAY_HOLD_PLACEHOLDER);
    expect(tableFlags(table([plain])).body).toBe(0);
  });

  it('a covered cell flags nothing, and a placeholder is found only where one starts', () => {
    expect(tableFlags(table([row('x', [{ ...odd.cells[0], covered: true }])])).body).toBe(0);
    expect(placeholderIn('办公费')).toBeNull();
    expect(placeholderIn('（略）')).toBe('（略）');
    expect(placeholderIn('x')).toBeNull();
    expect(placeholderIn('请填xx')).toBe('xx');
  });

  it('the pre-check lets every alternative of PLACEHOLDER through (placeholderIn = PLACEHOLDER.exec)', () => {
    const texts = ['XX', 'xxx', '××', '某某', '待填', '待补', '{单位}', '{}', '（略）', '(略)', '【请填写名称】', '【请填写】'];
    for (const body of texts) {
      for (const s of [body, `前${body}后`, `a ${body}`]) expect(placeholderIn(s)).toBe(PLACEHOLDER.exec(s)?.[0] ?? null);
    }
    // Each alternative of the pattern is exercised above: one alternative per '|' at the top level.
    expect(PLACEHOLDER.source.split('|').length).toBe(10);
  });

  it('a table replacing another takes the kept rows’ flags and equals a fresh computation', () => {
    const old = table([plain, odd, percent, placeholder]);
    tableFlags(old);
    const cases: Row[][] = [
      [plain, row('b2', [money('total', 100, '1.00')]), percent, placeholder], // replaced in place
      [plain, percent, placeholder], // a row dropped
      [row('n', [text('name', 'XX')]), plain, odd, percent, placeholder, row('m', [money('total', 0, '')])], // rows added
      [odd, row('n2', [text('name', '待填')])], // dropped and added
    ];
    for (const body of cases) {
      const t = table(body);
      noteReplaces(t, old);
      const carried = tableFlags(t);
      expect([...carried.rows]).toEqual([...fresh(t).rows]);
      expect(carried.body).toBe(fresh(t).body);
      forgetReplaces(t);
    }
  });
});
