// keepUnchanged compares cells field by field: every field of a Cell must count, so a re-derived
// table that differs in any one of them is never mistaken for the old one.
import { describe, expect, it } from 'vitest';
import { keepUnchanged } from '../../shared/engine/incremental';
import type { Cell, DerivedTable } from '../../shared/tables/types';

/** Every field of a Cell: adding one to Cell fails to compile here until it is listed (and tested). */
const CELL_FIELDS: Record<keyof Cell, true> = { text: true, kind: true, col: true, fen: true, colSpan: true, rowSpan: true, covered: true, bold: true, input: true, line: true };

const base: Cell = { text: '1.00', kind: 'money', col: 'c', fen: 100 };
const other: { [K in keyof Cell]-?: Cell[K] } = {
  text: '2.00',
  kind: 'text',
  col: 'd',
  fen: 200,
  colSpan: 2,
  rowSpan: 3,
  covered: true,
  bold: true,
  input: { t: 'econ', scheme: 'department', kind: 'basic', code: '30101' },
  line: 'class:201',
};
const table = (cell: Cell): DerivedTable => ({
  id: 't',
  no: '表',
  title: 'x',
  subtitle: null,
  lines: [],
  columns: [],
  header: [],
  body: [{ key: 'r', role: 'item', level: 1, cells: [cell] }],
  note: null,
  empty: false,
  landscape: false,
});

describe('keepUnchanged', () => {
  it('keeps the old table when every cell field is equal (absent and undefined alike)', () => {
    const old = table({ ...base, input: { t: 'econ', scheme: 'department', kind: 'basic', code: '30101' } });
    const same = table({ ...base, bold: undefined, input: { t: 'econ', scheme: 'department', kind: 'basic', code: '30101' } });
    expect(keepUnchanged(old, same)).toBe(old);
  });

  it.each(Object.keys(CELL_FIELDS) as (keyof Cell)[])('a difference in %s alone is a change', (field) => {
    const old = table(base);
    const fresh = table({ ...base, [field]: other[field] });
    const kept = keepUnchanged(old, fresh);
    expect(kept).not.toBe(old);
    expect(kept.body[0].cells[0][field]).toEqual(other[field]);
  });

  it('an input differing in one field is a change', () => {
    const old = table({ ...base, input: { t: 'econ', scheme: 'department', kind: 'basic', code: '30101' } });
    const fresh = table({ ...base, input: { t: 'econ', scheme: 'department', kind: 'project', code: '30101' } });
    expect(keepUnchanged(old, fresh)).not.toBe(old);
  });
});
