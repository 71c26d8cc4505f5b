/**
 * The identities table (shared/rules/identities.ts): one decision (`holds`), families keyed by
 * table role (so the import's localisation names its identities the same under any table ids),
 * and the rules that are identity rows: every row is live — a cent more in its first cell is a
 * finding naming that cell, so "holds on the sample" cannot mean "never looked".
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../shared/catalog/index';
import { generateIdentities, refKey } from '../../shared/import/identities';
import { holds, IDENTITIES, IDENTITY_FAMILIES, ruleOfCopy, ruleOfSum, type IdentitySpec } from '../../shared/rules/identities';
import { ALL_RULES, makeRuleContext, runRules } from '../../shared/rules/index';
import { codedIndex, forgetReplaces, noteReplaces } from '../../shared/rules/lineage';
import { fieldPlace } from '../../shared/rules/roles';
import type { CellRef } from '../../shared/rules/types';
import { deriveTables, type DerivedTable, type TemplateSet } from '../../shared/tables/index';
import { templatesFor } from '../../shared/tables/registry';
import { realStyleBudget } from '../fixtures/import/real-style';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { prng } from '../../bench/random-edits';
import { check, env, lineCell, of, ref, sampleWith, table } from './rules-setup';

describe('holds: one decision for the rules and the import', () => {
  it('= within the tolerance, <= up to it', () => {
    expect(holds('=', 100, 100)).toBe(true);
    expect(holds('=', 101, 100)).toBe(false);
    expect(holds('=', 99, 100, 1)).toBe(true);
    expect(holds('<=', 99, 100)).toBe(true);
    expect(holds('<=', 101, 100)).toBe(false);
    expect(holds('<=', 101, 100, 1)).toBe(true);
  });
});

describe('families by role', () => {
  it('a copy is named the same in either order; a pair or table not listed has none', () => {
    expect(ruleOfCopy('summary', 'spending')).toBe('XT-01');
    expect(ruleOfCopy('spending', 'summary')).toBe('XT-01');
    expect(ruleOfCopy('keyProjects', 'projects')).toBe('PERF-05');
    expect(ruleOfCopy('basicDept', 'threePublic')).toBeUndefined();
    expect(ruleOfSum('threePublic')).toBe('SUM-07');
    expect(ruleOfSum('spending')).toBeUndefined();
  });

  it('no pair or table is listed twice (one place for each fact)', () => {
    const keys = IDENTITY_FAMILIES.map((f) => ('between' in f ? [...f.between].sort().join('|') : `=${f.within}`));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('the import names its generated identities the same when every table id is changed', () => {
    const b = realStyleBudget();
    const generate = (templates: TemplateSet) => {
      const tables = deriveTables(b, { catalog: builtinCatalog(), templates });
      const cells = tables.flatMap((t) =>
        t.body.flatMap((r) => r.cells.filter((c) => c.kind === 'money' && !c.covered).map((c) => ({ ref: { table: t.id, row: r.key, col: c.col }, fen: c.fen ?? 0, label: c.col }))),
      );
      return generateIdentities({ cells, templates, catalog: builtinCatalog(), projectRows: new Map(b.projects.map((p) => [p.id, p.id])) });
    };
    const set = templatesFor(b.meta.templateId);
    const renamed = structuredClone(set) as TemplateSet;
    for (const t of renamed.tables) t.id = `yb-${t.id}`;
    const rules = (ids: ReturnType<typeof generate>) => ids.map((i) => i.rule).sort();
    const original = rules(generate(set));
    expect(original.length).toBeGreaterThan(100);
    expect(rules(generate(renamed))).toEqual(original);
    // The families the role table names are there (not the XT-01 / SUM-0x fallbacks only).
    expect([...new Set(original)]).toEqual(expect.arrayContaining(['XT-02', 'XT-06', 'SUM-05', 'SUM-07', 'SUM-09', 'PERF-01', 'PERF-05']));
  });
});

describe('the import\'s identities of typed lists (ROW_SUMS)', () => {
  const procurement = { op: 'insertProcurement', line: { id: 'g1', deptCode: '801', deptName: '区大数据发展局', unitCode: '801001', unitName: '本级', item: '服务器', goods: 12000000, works: 0, services: 300000, source: 'gpb' } } as const;
  const printed = (tables: DerivedTable[]) =>
    tables.flatMap((t) => t.body.flatMap((r) => r.cells.filter((c) => c.kind === 'money' && !c.covered).map((c) => ({ ref: { table: t.id, row: r.key, col: c.col }, fen: c.fen ?? 0, label: c.col }))));

  it('表十四: each line\'s 合计 = 货物 + 工程 + 服务 and each column\'s 合计 row = Σ lines (SUM-08); 表十三: 合计 = Σ fund columns (SUM-09)', () => {
    const b = sampleWith(procurement);
    const cells = printed(deriveTables(b, env));
    const ids = generateIdentities({ cells, templates: env.templates, catalog: env.catalog, projectRows: new Map(b.projects.map((p) => [p.id, p.id])) });
    const value = new Map(cells.map((c) => [refKey(c.ref), c.fen]));
    const at = (c: { table: string; row: string; col: string }) => value.get(refKey(c)) ?? 0;
    const sum08 = ids.filter((i) => i.rule === 'SUM-08');
    expect(sum08.map((i) => `${refKey(i.a[0])}=${i.b.map(refKey).join('+')}`)).toEqual([
      't14|g1|total=t14|g1|goods+t14|g1|works+t14|g1|services',
      't14|total|total=t14|total|goods+t14|total|works+t14|total|services',
      't14|total|total=t14|g1|total',
      't14|total|goods=t14|g1|goods',
      't14|total|works=t14|g1|works',
      't14|total|services=t14|g1|services',
    ]);
    expect(ids.filter((i) => !holds(i.relation, i.a.reduce((s, c) => s + at(c), 0), i.b.reduce((s, c) => s + at(c), 0), i.tolerance))).toEqual([]);
    // A 表十三 project's 合计 against its fund columns: one identity per project and the 合计 row.
    const sum09 = ids.filter((i) => i.rule === 'SUM-09' && i.b.every((c) => c.row === i.a[0].row));
    expect(sum09.map((i) => i.a[0].row).sort()).toEqual([...b.projects.map((p) => p.id), 'total'].sort());
    // A cent more in 货物类 of the line breaks its row and its column.
    value.set('t14|g1|goods', (value.get('t14|g1|goods') ?? 0) + 1);
    const broken = sum08.filter((i) => !holds(i.relation, i.a.reduce((s, c) => s + at(c), 0), i.b.reduce((s, c) => s + at(c), 0), i.tolerance));
    expect(broken.map((i) => i.message)).toEqual(['表十四 total = 表十四 goods + 表十四 works + 表十四 services', '表十四 goods = 表十四 goods']);
  });
});

/** The derived cell a rule side reads, for the class `cls` of a per-class row. */
function cellOfSide(tables: DerivedTable[], side: IdentitySpec['rows'][number]['a'], cls: string): { cell: { fen?: number; text: string }; ref: CellRef } {
  const t = env.templates.tables.find((x) => x.role === side.role)!;
  const d = table(tables, t.id);
  if (side.line) {
    const line = side.line.replace('{cls}', cls);
    const c = lineCell(tables, t.id, line, side.col!);
    const row = d.body.find((r) => r.cells.includes(c as never))!;
    return { cell: c, ref: ref(t.id, row.key, side.col!) };
  }
  const place = side.field ? fieldPlace(env.templates, side.role, side.field)! : { row: side.row!.replace('{cls}', cls), column: side.col! };
  const c = d.body.find((r) => r.key === place.row)!.cells.find((x) => x.col === place.column && !x.covered)!;
  return { cell: c, ref: ref(t.id, place.row, place.column) };
}

describe('the rules that are identity rows', () => {
  const specs = Object.values(IDENTITIES) as readonly IdentitySpec[];
  let tested = 0;

  it('each holds on the sample', () => {
    const found = check(yubeiBigData2024());
    for (const s of specs) expect(of(found, s.id), s.id).toEqual([]);
  });

  for (const spec of specs) {
    spec.rows.forEach((row, i) => {
      it(`${spec.id} row ${i + 1}: its first cell a cent off is found, naming that cell`, () => {
        const budget = yubeiBigData2024();
        const sides = [row.a, ...(Array.isArray(row.b) ? row.b : [row.b])] as IdentitySpec['rows'][number]['a'][];
        let cls = '';
        if (row.perClass) {
          // A class printed in the table with rows (the other side is a summary line).
          const rowSide = sides.find((s) => !s.line)!;
          const t = env.templates.tables.find((x) => x.role === rowSide.role)!;
          cls = codedIndex(table(deriveTables(budget, env), t.id)).codes.find((code) => code.length === 3) ?? '';
          if (!cls) return expect(rowSide.role, 'only a fund table the sample leaves empty has no class').toMatch(/^(fund|soe)$/);
        }
        if (row.whenPrinted) {
          const t = env.templates.tables.find((x) => x.role === row.a.role)!;
          const printed = table(deriveTables(budget, env), t.id).body.some((r) => r.key === row.a.row);
          if (!printed) return expect(spec.id, 'a 款 the sample does not print is not compared').toBe('XT-10');
        }
        let bumped: CellRef | undefined;
        const found = of(
          check(budget, (tables) => {
            const { cell, ref: at } = cellOfSide(tables, row.a, cls);
            // = breaks by a cent; ≤ by a cent above the other side.
            const other = row.relation === '<=' ? (cellOfSide(tables, row.b as typeof row.a, cls).cell.fen ?? 0) : (cell.fen ?? 0);
            cell.fen = other + 1;
            bumped = at;
          }),
          spec.id,
        );
        // One finding per row the cell is in (a 小计 is also a part of the 合计), each naming it.
        expect(found.length, spec.id).toBeGreaterThanOrEqual(1);
        for (const f of found) {
          expect(f.message).toMatch(/不一致|不等于|超过/);
          expect(f.cells).toContainEqual(bumped);
        }
        tested++;
      });
    });
  }

  it('SUM-04: a sum over every income line of the summary names the group and the line', () => {
    const found = of(check(yubeiBigData2024(), (t) => { const c = lineCell(t, 't1', 'income:gpb', 'inAmount'); c.fen = c.fen! + 1; }), 'SUM-04');
    expect(found.map((f) => f.message)).toEqual(['表一本年收入合计 6,095,655.89 元不等于各项收入之和 6,095,655.90 元，相差 0.01 元']);
    expect(found[0].cells).toContainEqual(ref('t1', 'income:gpb', 'inAmount'));
  });

  it('rows were exercised (not skipped)', () => {
    expect(tested).toBeGreaterThanOrEqual(16);
  });
});

describe('per-class identity rows on a table replacing another: only the classes it touched are drafted again', () => {
  it('class cells broken, fixed and left broken in turn give the findings of a fresh check', () => {
    const ids = new Set<string>(Object.keys(IDENTITIES));
    const rules = ALL_RULES.filter((r) => ids.has(r.id));
    const run = (tables: DerivedTable[]) => runRules(makeRuleContext(budget, tables, env), rules).filter((f) => ids.has(f.id));
    const budget = yubeiBigData2024();
    let tables = deriveTables(budget, env);
    run(tables);
    const idOf = (role: string) => env.templates.tables.find((x) => x.role === role)!.id;
    // Steps on a cell a class is read by (a spending or gpb 类 row, an appropriation class line), on
    // a cell a fixed row reads (totals, summary lines, form fields), or on any money cell.
    const classCells: { table: string; row: string; col: string }[] = [];
    const anyCells: { table: string; row: string; col: string }[] = [];
    for (const t of tables) {
      for (const r of t.body) {
        for (const c of r.cells) {
          if (c.kind !== 'money' || c.covered) continue;
          const at = { table: t.id, row: r.key, col: c.col };
          anyCells.push(at);
          const line = (c as { line?: string }).line;
          if ([idOf('spending'), idOf('appropriation'), idOf('gpb')].includes(t.id) && (/^\d{3}$/.test(r.key) || line?.startsWith('class:'))) classCells.push(at);
        }
      }
    }
    expect(classCells.length).toBeGreaterThan(10);
    // The cells the fixed rows read (one per side).
    const sideCells: { table: string; row: string; col: string }[] = [];
    for (const spec of Object.values(IDENTITIES) as readonly IdentitySpec[]) {
      for (const row of spec.rows) {
        if (row.perClass) continue;
        for (const side of [row.a, ...(Array.isArray(row.b) ? row.b : [row.b])] as IdentitySpec['rows'][number]['a'][]) {
          if (side.lines || !env.templates.tables.some((x) => x.role === side.role)) continue;
          try {
            const { ref: r } = cellOfSide(tables, side, '');
            sideCells.push({ table: r.table, row: r.row, col: r.column });
          } catch {
            // a side the sample does not print
          }
        }
      }
    }
    expect(sideCells.length).toBeGreaterThan(10);
    const rnd = prng(11);
    let broken = 0;
    let classFindings = 0;
    for (let step = 0; step < 150; step++) {
      const pick = rnd();
      const targets = pick < 0.4 ? classCells : pick < 0.8 ? sideCells : anyCells;
      const at = targets[Math.floor(rnd() * targets.length)];
      const old = table(tables, at.table);
      // A replacement in place, as a re-derivation makes it: one new row (its other cells kept), the others kept.
      const body = old.body.map((r) => (r.key !== at.row ? r : { ...r, cells: r.cells.map((c) => (c.col !== at.col ? c : { ...c, fen: rnd() < 0.3 ? (c.fen ?? 0) : (c.fen ?? 0) + (rnd() < 0.5 ? 1 : -1) })) }));
      const t = { ...old, body };
      noteReplaces(t, old);
      tables = tables.map((x) => (x === old ? t : x));
      const got = run(tables);
      forgetReplaces(t);
      expect(got, `step ${step}: ${JSON.stringify(at)}`).toEqual(run(structuredClone(tables)));
      broken += got.length;
      classFindings += got.filter((f) => !f.message.includes('无法核验') && / \d{3} /.test(f.message)).length;
    }
    expect(rules.length).toBe(ids.size);
    expect(broken).toBeGreaterThan(0);
    expect(classFindings).toBeGreaterThan(0);
  });
});

