/**
 * Incremental re-derivation (shared/engine/incremental.ts) on a large department: the patched
 * tables equal a full derivation, and what the edit did not touch keeps its objects (so the
 * rules' per-row memos hit and unchanged tables are not re-checked).
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../shared/catalog/index';
import { Session } from '../../shared/engine/session';
import { keepUnchanged } from '../../shared/engine/incremental';
import { deriveTable } from '../../shared/tables/derive';
import { templatesFor } from '../../shared/tables/registry';
import { formatAmount } from '../../shared/money/money';
import { syntheticBudget } from '../../bench/synthetic';
import { defineRule } from '../../shared/rules/define';
import { cellRef } from '../../shared/rules/amounts';

const catalog = builtinCatalog();
const size = { functionItems: 120, econRows: 30, projects: 60, indicatorsPerProject: 4 };

function fullTable(session: Session, id: string) {
  const env = { catalog, templates: templatesFor(session.budget.meta.templateId) };
  const t = env.templates.tables.find((x) => x.id === id)!;
  return deriveTable(t, structuredClone(session.budget), env);
}

describe('incremental re-derivation', () => {
  it('a function amount re-derives only its 款, 类 and 合计 rows of 表二; every other row keeps its object', () => {
    const session = new Session(syntheticBudget(catalog, size, 11), { schedule: null });
    const before = session.table('t2')!;
    const line = session.budget.functionLines.find((l) => l.kind === 'basic' && l.source === 'gpb' && l.current > 0)!;
    const value = line.current + 12_345;
    const r = session.apply({ op: 'set', ref: { t: 'function', code: line.code, kind: 'basic', source: 'gpb', year: 'current' }, value: formatAmount(value).replace(/,/g, '') });
    expect(r).toEqual({ ok: true });
    const after = session.table('t2')!;
    expect(after).not.toBe(before);
    expect(JSON.stringify([after])).toBe(JSON.stringify(fullTable(session, 't2')));
    const seg = line.code.slice(0, 5);
    const cls = line.code.slice(0, 3);
    const touched = (key: string) => key === 'total' || key === cls || key.startsWith(seg);
    const itemRow = after.body.find((row) => row.key === line.code)!;
    expect(itemRow).not.toBe(before.body.find((row) => row.key === line.code));
    for (const row of after.body) {
      const old = before.body.find((x) => x.key === row.key)!;
      if (touched(row.key)) continue;
      expect(row, row.key).toBe(old);
    }
    // the other 类 of 表二 are many: most rows were kept
    expect(after.body.filter((row) => before.body.includes(row)).length).toBeGreaterThan(after.body.length / 2);
  });

  it('a project amount re-derives only that project row and the 合计 row of 表十三', () => {
    const session = new Session(syntheticBudget(catalog, size, 12), { schedule: null });
    const before = session.table('t13')!;
    const p = session.budget.projects[7];
    const r = session.apply({ op: 'set', ref: { t: 'projectAmount', id: p.id, source: 'gpb' }, value: '4321.09' });
    expect(r).toEqual({ ok: true });
    const after = session.table('t13')!;
    expect(JSON.stringify([after])).toBe(JSON.stringify(fullTable(session, 't13')));
    const row = after.body.find((x) => x.key === p.id)!;
    expect(row.cells.find((c) => c.col === 'gpb')?.text).toBe('4,321.09');
    for (const x of after.body) {
      if (x.key === p.id || x.key === 'total') expect(before.body).not.toContain(x);
      else expect(x).toBe(before.body.find((y) => y.key === x.key));
    }
  });

  it('an equal re-derivation is the old table object; one changed amount keeps the other rows', () => {
    const budget = syntheticBudget(catalog, size, 13);
    const env = { catalog, templates: templatesFor(budget.meta.templateId) };
    const t6 = env.templates.tables.find((t) => t.id === 't6')!;
    const [a] = deriveTable(t6, budget, env);
    const [b] = deriveTable(t6, budget, env);
    expect(b).not.toBe(a);
    expect(keepUnchanged(a, b)).toBe(a);
    const line = budget.econLines.find((l) => l.scheme === 'department' && l.kind === 'basic' && l.amount > 0)!;
    line.amount += 100;
    const [c] = deriveTable(t6, budget, env);
    const kept = keepUnchanged(a, c);
    expect(kept).not.toBe(a);
    expect(JSON.stringify(kept)).toBe(JSON.stringify(c));
    const changed = kept.body.filter((row) => !a.body.includes(row)).map((row) => row.key);
    expect(changed.sort()).toEqual(['total', line.code.slice(0, 3), line.code].sort());
  });

  it('a row-local rule re-checks only the rows an edit replaced, and still sees a new finding', () => {
    // Flags a 项 row of the spending table (表三) whose 合计 ends in 99 分: a rule whose findings are row by row.
    const rule = defineRule({
      id: 'TEST-ROW',
      severity: 'warning',
      title: '测试：行内规则',
      each: ['spending'],
      checkRow: (t, row) =>
        row.role === 'item' && row.cells.some((c) => c.col === 'total' && c.fen !== undefined && c.fen % 100 === 99)
          ? [{ message: `${t.no} ${row.key} 以 99 分结尾`, cells: [cellRef(t.id, row.key, 'total')] }]
          : [],
    });
    const budget = syntheticBudget(catalog, size, 14);
    const session = new Session(budget, { schedule: null, rules: [rule] });
    const lines = session.budget.functionLines.filter((l) => l.kind === 'basic' && l.source === 'gpb' && l.current > 0);
    const codes = new Set(lines.map((l) => l.code));
    const single = lines.filter((l) => session.budget.functionLines.filter((x) => x.code === l.code).length === 1);
    const [a, b] = single;
    expect(codes.has(a.code) && codes.has(b.code)).toBe(true);
    const set = (code: string, fen: number) =>
      session.apply({ op: 'set', ref: { t: 'function', code, kind: 'basic', source: 'gpb', year: 'current' }, value: (fen / 100).toFixed(2) });
    const base = session.findings.length;
    expect(set(a.code, 123_456_799)).toEqual({ ok: true });
    const flagged = session.findings.filter((f) => f.message.includes(a.code));
    expect(flagged.map((f) => f.message)).toEqual([`表三 ${a.code} 以 99 分结尾`]);
    expect(session.findings.length).toBe(base + 1);
    // Another row's edit: the same finding objects, not re-made.
    const before = session.findings;
    expect(set(b.code, 100_000)).toEqual({ ok: true });
    expect(session.findings.length).toBe(before.length);
    expect(session.findings.find((f) => f.message.includes(a.code))).toBe(flagged[0]);
    // Fixing the flagged row removes its finding.
    expect(set(a.code, 123_456_700)).toEqual({ ok: true });
    expect(session.findings.filter((f) => f.message.includes(a.code))).toEqual([]);
    expect(session.findings.length).toBe(base);
  });
});
