// The derive interpreter's building blocks: a function tree's wanted rows equal the same rows of the
// whole tree, and layout by frame places cells exactly as laying them out cell by cell did.
import { describe, expect, it } from 'vitest';
import { syntheticBudget } from '../../bench/synthetic';
import { builtinCatalog } from '../../shared/catalog/index';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { functionTreeRows } from '../../shared/tables/derive';
import { layoutRows, type PlacedCell } from '../../shared/tables/layout';
import { templatesFor } from '../../shared/tables/registry';
import type { Cell, ColumnDef } from '../../shared/tables/types';

const catalog = builtinCatalog();

describe('functionTreeRows', () => {
  for (const [name, budget] of [
    ['sample', yubeiBigData2024()],
    ['synthetic', syntheticBudget(catalog, { functionItems: 120, econRows: 20, projects: 10, indicatorsPerProject: 3 })],
  ] as const) {
    it(`${name}: the wanted rows are the whole tree's rows at the same keys, the others null`, () => {
      const ctx = { catalog, templates: templatesFor(budget.meta.templateId) };
      for (const t of ctx.templates.tables.filter((x) => x.body.type === 'functionTree')) {
        const whole = functionTreeRows(t, budget, ctx);
        expect(whole.rows.every((r) => r !== null)).toBe(true);
        expect(whole.rows.map((r) => r!.key)).toEqual(whole.keys);
        const code = whole.keys.find((k) => k.length === 7);
        if (!code) continue;
        const wanted = new Set(['total', code.slice(0, 3), code.slice(0, 5), code]);
        const part = functionTreeRows(t, budget, ctx, (k) => wanted.has(k));
        expect(part.keys).toEqual(whole.keys);
        part.rows.forEach((r, i) => expect(r, `${t.no} ${whole.keys[i]}`).toEqual(wanted.has(whole.keys[i]) ? whole.rows[i] : null));
      }
    });
  }
});

/** The cell-by-cell layout that frames replaced (a later merge over a position wins). */
function reference(rows: readonly (readonly PlacedCell[])[], columns: readonly ColumnDef[]): Cell[][] {
  const width = columns.length;
  const out: Cell[][] = rows.map(() => new Array<Cell>(width));
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (c < width && out[r][c]) c++;
      if (c >= width) throw new Error(`表格模板第${r + 1}行超出${width}列`);
      const colSpan = cell.colSpan ?? 1;
      const rowSpan = cell.rowSpan ?? 1;
      out[r][c] = { ...cell, col: cell.col ?? columns[c].key };
      for (let dr = 0; dr < rowSpan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < colSpan && c + dc < width; dc++) {
          if (dr === 0 && dc === 0) continue;
          out[r + dr][c + dc] = { text: '', kind: cell.kind, col: columns[c + dc].key, covered: true };
        }
      }
      c += colSpan;
    }
    for (let i = 0; i < width; i++) if (!out[r][i]) out[r][i] = { text: '', kind: 'text', col: columns[i].key };
  });
  return out;
}

describe('layoutRows', () => {
  it('places 2,000 random grids of merges as the cell-by-cell layout did, errors included', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const kinds = ['label', 'money', 'text'] as const;
    for (let n = 0; n < 2000; n++) {
      const width = 1 + Math.floor(rnd() * 6);
      const columns: ColumnDef[] = Array.from({ length: width }, (_, i) => ({ key: `c${i}`, kind: 'text', width: 10 }));
      const rows: PlacedCell[][] = Array.from({ length: 1 + Math.floor(rnd() * 5) }, (_, r) =>
        Array.from({ length: Math.floor(rnd() * (width + 1)) }, (_, i): PlacedCell => ({
          text: `${r}.${i}`,
          kind: kinds[Math.floor(rnd() * 3)],
          ...(rnd() < 0.3 ? { colSpan: 1 + Math.floor(rnd() * 3) } : {}),
          ...(rnd() < 0.3 ? { rowSpan: 1 + Math.floor(rnd() * 3) } : {}),
        })),
      );
      let expected: Cell[][] | Error;
      try {
        expected = reference(rows, columns);
      } catch (e) {
        expected = e as Error;
      }
      if (expected instanceof Error) expect(() => layoutRows(rows, columns)).toThrow(expected.message);
      else expect(layoutRows(rows, columns)).toEqual(expected);
    }
  });
});
