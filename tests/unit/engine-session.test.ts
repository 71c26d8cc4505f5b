/** The Session the grid works with: apply / undo / redo, dirty state, listeners, cell marks, deferral. */
import { describe, expect, it, vi } from 'vitest';
import { Session } from '../../shared/engine/session';
import type { Edit } from '../../shared/model/edit';
import { NARRATIVE_RULE_SET } from '../../shared/rules/registry';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';

const t6_30201 = (value: string): Edit => ({ op: 'set', ref: { t: 'econ', scheme: 'department', kind: 'basic', code: '30201' }, value });
const cellText = (s: Session, table: string, row: string, col: string) => s.table(table)!.body.find((r) => r.key === row)!.cells.find((c) => c.col === col)!.text;

describe('Session', () => {
  it('starts with the sample’s tables and findings', () => {
    const s = new Session(yubeiBigData2024(), { schedule: null });
    expect(s.tables.length).toBe(21);
    expect(s.counts).toEqual({ error: 0, warning: 5, info: 2, unverifiable: 1 }); // info: PERF-05, NT-08
    expect(s.dirty).toBe(false);
    expect(s.canUndo).toBe(false);
  });

  it('typing 表六 30201 +0.01: tables follow, XT-07 marks 表六 and 表五 合计; undo and redo', () => {
    const s = new Session(yubeiBigData2024(), { schedule: null });
    expect(s.apply(t6_30201('95000.01'))).toEqual({ ok: true });
    expect(cellText(s, 't6', 'total', 'total')).toBe('2,685,855.90');
    expect(s.counts.error).toBe(1);
    const [f] = s.findingsForCell('t6', 'total', 'total');
    expect(f.id).toBe('XT-07');
    expect(f.message).toBe('表六合计 2,685,855.90 元与表五基本支出合计 2,685,855.89 元不一致，相差 0.01 元');
    expect(s.findingsForCell('t5', 'total', 'basic')).toEqual([f]);
    expect(s.findingsForCell('t6', '30201', 'total')).toEqual([]);
    expect(s.dirty).toBe(true);

    expect(s.undo()).toBe(true);
    expect(cellText(s, 't6', 'total', 'total')).toBe('2,685,855.89');
    expect(s.counts.error).toBe(0);
    expect(s.findingsForCell('t6', 'total', 'total')).toEqual([]);
    expect(s.dirty).toBe(false);
    expect(s.canRedo).toBe(true);

    expect(s.redo()).toBe(true);
    expect(s.findingsForCell('t6', 'total', 'total').map((x) => x.id)).toEqual(['XT-07']);
    expect(s.canRedo).toBe(false);
  });

  it('findings equal to the last ones stay the same objects: typing 表六 30201 and undoing gives back the very objects', () => {
    const s = new Session(yubeiBigData2024(), { schedule: null });
    const before = [...s.findings];
    expect(s.apply(t6_30201('95000.01'))).toEqual({ ok: true });
    const during = s.findings;
    // A finding equal to one before is that very object (the rules re-ran on 表六 and what reads it).
    const fresh = during.filter((f) => !before.includes(f));
    for (const f of fresh) expect(before.some((b) => JSON.stringify(b) === JSON.stringify(f)), f.message).toBe(false);
    expect(fresh.map((f) => f.id)).toContain('XT-07');
    expect(fresh.length).toBeLessThan(4);
    expect(s.undo()).toBe(true);
    expect(s.findings.length).toBe(before.length);
    s.findings.forEach((f, i) => expect(f).toBe(before[i]));
  });

  it('a rejected value changes nothing and says why', () => {
    const s = new Session(yubeiBigData2024(), { schedule: null });
    const before = s.tables;
    const r = s.apply(t6_30201('9万5千'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('不是金额');
    expect(s.tables).toBe(before);
    expect(s.canUndo).toBe(false);
    expect(s.dirty).toBe(false);
  });

  it('several edits are one undo step (a paste)', () => {
    const s = new Session(yubeiBigData2024(), { schedule: null });
    s.apply([t6_30201('95000.01'), { op: 'set', ref: { t: 'econ', scheme: 'department', kind: 'basic', code: '30205' }, value: '6999.99' }]);
    expect(s.counts.error).toBe(0); // +0.01 −0.01
    expect(cellText(s, 't6', '30205', 'total')).toBe('6,999.99');
    s.undo();
    expect(cellText(s, 't6', '30201', 'total')).toBe('95,000.00');
    expect(cellText(s, 't6', '30205', 'total')).toBe('7,000.00');
  });

  it('markSaved: dirty follows the history (undo back to the saved state is clean)', () => {
    const s = new Session(yubeiBigData2024(), { schedule: null });
    s.apply(t6_30201('95000.01'));
    s.markSaved();
    expect(s.dirty).toBe(false);
    s.apply(t6_30201('95000.02'));
    expect(s.dirty).toBe(true);
    s.undo();
    expect(s.dirty).toBe(false);
    s.undo();
    expect(s.dirty).toBe(true);
  });

  it('markSaved(revision): a save marks the state it wrote, not edits made while it was writing nor re-checks', () => {
    const s = new Session(yubeiBigData2024(), { schedule: null });
    s.apply(t6_30201('95000.01'));
    const written = s.revision;
    s.settle(); // deferred rules catching up change findings, not the state
    expect(s.revision).toBe(written);
    s.apply(t6_30201('95000.02')); // typed while the bytes were being written
    s.markSaved(written);
    expect(s.dirty).toBe(true);
    s.undo(); // back to exactly what was written
    expect(s.dirty).toBe(false);
    expect(s.revision).toBe(written);
    s.redo();
    expect(s.dirty).toBe(true);
  });

  it('subscribe: listeners hear every change until they unsubscribe', () => {
    const s = new Session(yubeiBigData2024(), { schedule: null });
    const heard = vi.fn();
    const off = s.subscribe(heard);
    s.apply(t6_30201('1'));
    s.undo();
    s.redo();
    expect(heard).toHaveBeenCalledTimes(3);
    off();
    s.undo();
    expect(heard).toHaveBeenCalledTimes(3);
  });

  it('by default the narrative rules run within the edit: one notification, findings equal a full check', () => {
    const s = new Session(yubeiBigData2024(), { schedule: null });
    const heard = vi.fn();
    s.subscribe(heard);
    s.apply({ op: 'set', ref: { t: 'function', code: '2150501', kind: 'basic', source: 'gpb', year: 'current' }, value: '1300000' });
    expect(s.pending).toBe(false);
    expect(heard).toHaveBeenCalledTimes(1);
    const full = new Session(structuredClone(s.budget), { schedule: null });
    expect(s.findings).toEqual(full.findings);
    s.apply({ op: 'set', ref: { t: 'text', key: 'reason:basic' }, value: '' });
    expect(s.findings.some((f) => f.id === 'NT-08' && f.message.includes('基本支出'))).toBe(true);
  });

  it('deferred narrative rules settle after the edit (scheduled), then findings equal a full check', async () => {
    const s = new Session(yubeiBigData2024(), { defer: (r) => NARRATIVE_RULE_SET.has(r) }); // default schedule: setTimeout
    const heard = vi.fn();
    s.subscribe(heard);
    s.apply({ op: 'set', ref: { t: 'function', code: '2150501', kind: 'basic', source: 'gpb', year: 'current' }, value: '1300000' });
    expect(s.pending).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    expect(s.pending).toBe(false);
    expect(heard).toHaveBeenCalledTimes(2); // the edit, then the settled narrative findings
    const full = new Session(structuredClone(s.budget), { schedule: null });
    expect(s.findings).toEqual(full.findings);
  });

  it('defer: () => false runs every rule on the typing path', () => {
    const s = new Session(yubeiBigData2024(), { schedule: null, defer: () => false });
    s.apply({ op: 'set', ref: { t: 'text', key: 'reason:basic' }, value: '' });
    expect(s.pending).toBe(false);
    expect(s.findings.some((f) => f.id === 'NT-08' && f.message.includes('基本支出'))).toBe(true);
  });

  it('incremental: false gives the same state as incremental', () => {
    const a = new Session(yubeiBigData2024(), { schedule: null });
    const b = new Session(yubeiBigData2024(), { schedule: null, incremental: false });
    for (const s of [a, b]) {
      s.apply(t6_30201('95000.01'));
      s.apply({ op: 'set', ref: { t: 'indicator', owner: 'p3', index: 3, field: 'unit' }, value: '元/年' });
      s.settle();
    }
    expect(a.tables).toEqual(b.tables);
    expect(a.findings).toEqual(b.findings);
  });
});
