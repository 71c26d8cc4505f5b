/**
 * functionTreeRows asked for a few rows (as a patch asks): the same keys as a whole derivation,
 * and each wanted row equal to the whole derivation's, field for field; the others not built.
 */
import { describe, expect, it } from 'vitest';
import { prng } from '../../bench/synthetic';
import { builtinCatalog } from '../../shared/catalog/index';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { functionTreeRows } from '../../shared/tables/derive';
import { templatesFor } from '../../shared/tables/registry';

const catalog = builtinCatalog();

describe('functionTreeRows with wanted rows', () => {
  it('builds the wanted rows as a whole derivation does, over the whole budget and over one 类', () => {
    const budget = yubeiBigData2024();
    const ctx = { catalog, templates: templatesFor(budget.meta.templateId) };
    const trees = ctx.templates.tables.filter((t) => t.body.type === 'functionTree');
    expect(trees.length).toBeGreaterThan(0);
    const rnd = prng(7);
    let compared = 0;
    for (const t of trees) {
      const whole = functionTreeRows(t, budget, ctx);
      const byKey = new Map(whole.rows.map((r) => [r!.key, r]));
      for (let k = 0; k < 40; k++) {
        const code = budget.functionLines[Math.floor(rnd() * budget.functionLines.length)].code;
        // 类, 款, 项 of one code (what a typed amount wants), sometimes with 合计 or a second code.
        const under = new Set([code.slice(0, 3), code.slice(0, 5), code]);
        if (k % 3 === 0) under.add('total');
        if (k % 4 === 0) under.add(budget.functionLines[Math.floor(rnd() * budget.functionLines.length)].code);
        const wanted = (key: string) => under.has(key);
        const cls = code.slice(0, 3);
        for (const view of [budget, { ...budget, functionLines: budget.functionLines.filter((l) => l.code.startsWith(cls)) }]) {
          const part = functionTreeRows(t, view, ctx, wanted);
          const full = view === budget ? whole : functionTreeRows(t, view, ctx);
          expect(part.keys).toEqual(full.keys);
          part.keys.forEach((key, i) => {
            if (!under.has(key)) return expect(part.rows[i]).toBeNull();
            expect(part.rows[i]).toStrictEqual(full.rows[i]);
            if (view === budget) expect(part.rows[i]).toStrictEqual(byKey.get(key));
            compared++;
          });
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('given the old rows, a row equal to its old one is that object, and changed rows keep their unchanged cells', () => {
    const budget = yubeiBigData2024();
    const ctx = { catalog, templates: templatesFor(budget.meta.templateId) };
    const trees = ctx.templates.tables.filter((t) => t.body.type === 'functionTree');
    const rnd = prng(11);
    let kept = 0;
    let rebuilt = 0;
    let sharedCells = 0;
    for (const t of trees) {
      const before = functionTreeRows(t, budget, ctx);
      const oldRows = new Map(before.rows.map((r) => [r!.key, r!]));
      for (let k = 0; k < 30; k++) {
        // One amount of one line changed (a typed amount), or none.
        const at = Math.floor(rnd() * budget.functionLines.length);
        const edited = {
          ...budget,
          functionLines: budget.functionLines.map((l, i) => (i === at && k % 5 !== 0 ? { ...l, [k % 2 ? 'current' : 'prior']: l.current + 1234 } : l)),
        };
        const fresh = functionTreeRows(t, edited, ctx);
        const reused = functionTreeRows(t, edited, ctx, undefined, (key) => oldRows.get(key));
        expect(reused.keys).toEqual(fresh.keys);
        reused.rows.forEach((row, i) => {
          expect(row).toStrictEqual(fresh.rows[i]);
          const old = oldRows.get(row!.key);
          if (!old) return; // a row the edit made show
          if (JSON.stringify(old) === JSON.stringify(row)) {
            expect(row).toBe(old);
            kept++;
            return;
          }
          rebuilt++;
          row!.cells.forEach((c, j) => {
            if (JSON.stringify(c) === JSON.stringify(old.cells[j])) {
              expect(c).toBe(old.cells[j]);
              sharedCells++;
            } else expect(c).not.toBe(old.cells[j]);
          });
        });
      }
    }
    expect(kept).toBeGreaterThan(1000);
    expect(rebuilt).toBeGreaterThan(20);
    expect(sharedCells).toBeGreaterThan(rebuilt);
  });
});
