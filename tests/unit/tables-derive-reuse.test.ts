/**
 * deriveTable given the table it replaces: a summary (表一, 表四) or an economic tree takes over
 * the old rows (and, in a re-built row, the old cells) that come out the same, and the result
 * equals a derivation from scratch, field for field.
 */
import { describe, expect, it } from 'vitest';
import { prng } from '../../bench/synthetic';
import { builtinCatalog } from '../../shared/catalog/index';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { deriveTable } from '../../shared/tables/derive';
import { templatesFor } from '../../shared/tables/registry';

const catalog = builtinCatalog();

describe('deriveTable with the old table', () => {
  it('equals a fresh derivation after random amount changes, and keeps the unchanged rows', () => {
    const budget = yubeiBigData2024();
    const ctx = { catalog, templates: templatesFor(budget.meta.templateId) };
    const summaries = ctx.templates.tables.filter((t) => t.body.type === 'summary');
    expect(summaries.length).toBeGreaterThan(0);
    const rnd = prng(11);
    let kept = 0;
    let cells = 0;
    for (let k = 0; k < 60; k++) {
      const olds = summaries.map((t) => deriveTable(t, budget, ctx));
      const line = budget.functionLines[Math.floor(rnd() * budget.functionLines.length)];
      const r = rnd();
      if (r < 0.4) line.current = Math.floor(rnd() * 1e7);
      else if (r < 0.6) line.current = 0;
      else if (r < 0.8) line.prior = Math.floor(rnd() * 1e7);
      else budget.carryForward.gpb = Math.floor(rnd() * 1e6);
      summaries.forEach((t, i) => {
        const reused = deriveTable(t, budget, ctx, olds[i]);
        const fresh = deriveTable(t, budget, ctx);
        expect(reused).toStrictEqual(fresh);
        kept += reused[0].body.filter((row) => olds[i][0].body.includes(row)).length;
        // A re-built row keeps the old row's cells that come out the same (the same position).
        reused[0].body.forEach((row, j) => {
          const was = olds[i][0].body[j];
          if (!was || row === was || was.key !== row.key) return;
          row.cells.forEach((c, n) => {
            if (JSON.stringify(c) !== JSON.stringify(was.cells[n])) return;
            expect(c).toBe(was.cells[n]);
            cells++;
          });
        });
      });
    }
    expect(kept).toBeGreaterThan(0);
    expect(cells).toBeGreaterThan(0);
  });

  it('an economic tree: equals a fresh derivation after random amount changes, and keeps the rows and cells that come out the same', () => {
    const budget = yubeiBigData2024();
    const ctx = { catalog, templates: templatesFor(budget.meta.templateId) };
    const trees = ctx.templates.tables.filter((t) => t.body.type === 'econTree');
    expect(trees.length).toBeGreaterThan(0);
    const rnd = prng(13);
    let rows = 0;
    let cells = 0;
    for (let k = 0; k < 60; k++) {
      const olds = trees.map((t) => deriveTable(t, budget, ctx));
      const line = budget.econLines[Math.floor(rnd() * budget.econLines.length)];
      line.amount = rnd() < 0.2 ? 0 : Math.floor(rnd() * 1e7);
      trees.forEach((t, i) => {
        const reused = deriveTable(t, budget, ctx, olds[i]);
        expect(reused).toStrictEqual(deriveTable(t, budget, ctx));
        reused[0].body.forEach((row, j) => {
          const was = olds[i][0].body[j];
          if (!was || was.key !== row.key) return;
          if (JSON.stringify(row) === JSON.stringify(was)) {
            expect(row).toBe(was);
            rows++;
            return;
          }
          row.cells.forEach((c, n) => {
            if (JSON.stringify(c) !== JSON.stringify(was.cells[n])) return;
            expect(c).toBe(was.cells[n]);
            cells++;
          });
        });
      });
    }
    expect(rows).toBeGreaterThan(100);
    expect(cells).toBeGreaterThan(0);
  });
});
