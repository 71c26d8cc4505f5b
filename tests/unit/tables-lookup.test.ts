/**
 * lookup.ts: a re-derived table that takes over its predecessor's row index and line index
 * (carryRowIndex) answers rowOf and lineOf exactly as a table indexed from scratch.
 */
import { describe, expect, it } from 'vitest';
import { prng } from '../../bench/synthetic';
import { builtinCatalog } from '../../shared/catalog/index';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { deriveTables } from '../../shared/tables/derive';
import { carryRowIndex, lineOf, rowOf, type LineCell } from '../../shared/tables/lookup';
import { templatesFor } from '../../shared/tables/registry';
import type { DerivedTable, Row } from '../../shared/tables/types';

const catalog = builtinCatalog();
const budget = yubeiBigData2024();
const tables = deriveTables(budget, { catalog, templates: templatesFor(budget.meta.templateId) });

/** A copy of `t` with some rows replaced by fresh objects (same key, or another key), some dropped. */
function variant(t: DerivedTable, rnd: () => number): DerivedTable {
  const body: Row[] = [];
  for (const row of t.body) {
    const r = rnd();
    if (r < 0.1) body.push({ ...row, cells: row.cells.slice() }); // replaced in place
    else if (r < 0.13) body.push({ ...row, key: `${row.key}9` }); // another key
    else if (r < 0.15) body.push({ ...row, key: 'x', role: 'header' }); // no code
    else if (r < 0.16) continue; // dropped
    else body.push(row);
  }
  return { ...t, body };
}

describe('carryRowIndex', () => {
  it('gives the same rowOf as indexing the table afresh', () => {
    const rnd = prng(7);
    for (const t of tables) {
      for (let k = 0; k < 6; k++) {
        rowOf(t, 'total');
        const next = variant(t, rnd);
        carryRowIndex(next, t);
        const fresh = { ...next }; // same rows, never carried
        for (const row of [...t.body, ...next.body]) expect(rowOf(next, row.key)).toBe(rowOf(fresh, row.key));
        expect(rowOf(next, 'no such key')).toBeUndefined();
      }
    }
  });

  it('gives the same lineOf as indexing the table afresh (summary lines: rows re-built in place, a line or a cell moved)', () => {
    const rnd = prng(9);
    const summaries = tables.filter((t) => t.body.some((r) => r.cells.some((c) => (c as LineCell).line)));
    expect(summaries.length).toBeGreaterThan(0);
    let carried = 0;
    for (const t of summaries) {
      for (let k = 0; k < 20; k++) {
        const pairs = t.body.flatMap((r) => r.cells.map((c) => [(c as LineCell).line, c.col] as const)).filter(([line]) => line);
        lineOf(t, pairs[0][0]!, pairs[0][1]);
        const mode = k % 4;
        const body = t.body.map((row): Row => {
          if (rnd() > 0.2) return row;
          const cells = row.cells.map((c) => ({ ...c }));
          // 0, 1: the same lines (an amount re-printed); 2: a line renamed; 3: two cells swapped.
          if (mode === 2 && (cells[0] as LineCell).line) (cells[0] as LineCell).line = 'class:999';
          if (mode === 3 && cells.length > 2) [cells[1], cells[2]] = [cells[2], cells[1]];
          return { ...row, cells };
        });
        const next = { ...t, body };
        carryRowIndex(next, t);
        const fresh = { ...next };
        for (const [line, col] of [...pairs, ['class:999', pairs[0][1]] as const]) {
          const a = lineOf(next, line!, col);
          const b = lineOf(fresh, line!, col);
          expect(a?.row).toBe(b?.row);
          expect(a?.cell).toBe(b?.cell);
          carried++;
        }
      }
    }
    expect(carried).toBeGreaterThan(100);
  });
});
