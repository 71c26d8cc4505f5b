/**
 * What makes the narrative check incremental, shown to keep its results: the generated text split
 * from its lines reads as the joined text does; facts after an edit share every unchanged part with
 * the facts before it, and have exactly the values computed afresh; a check reusing what the last
 * one kept (memo, shared facts) finds exactly what a fresh one finds.
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../shared/catalog/index';
import { applyEdit } from '../../shared/model/edit';
import type { Budget } from '../../shared/model/types';
import { checkNarrative } from '../../shared/narrative/check';
import { plainLines, toPlainText } from '../../shared/narrative/doc';
import { narrativeFacts, shareFacts } from '../../shared/narrative/facts';
import { NarrativeMemo } from '../../shared/narrative/memo';
import { paragraphsOfLines, splitParagraphs } from '../../shared/narrative/parse';
import { generateNarrative } from '../../shared/narrative/template';
import { templatesFor } from '../../shared/tables/registry';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { syntheticBudget } from '../../bench/synthetic';

const catalog = builtinCatalog();
const ctxOf = (b: Budget) => {
  const set = templatesFor(b.meta.templateId);
  return { catalog, profile: set.profile, templates: set };
};
const small = () => syntheticBudget(catalog, { functionItems: 40, econRows: 20, projects: 10, indicatorsPerProject: 3 }, 11);

describe('the generated narrative split from its lines', () => {
  it('reads exactly as the joined text, on the sample and on a synthetic department', () => {
    for (const b of [yubeiBigData2024(), small()]) {
      const doc = generateNarrative(b, ctxOf(b));
      const fromLines = paragraphsOfLines(plainLines(doc));
      expect(fromLines.length).toBeGreaterThan(20);
      expect(fromLines).toEqual(splitParagraphs(toPlainText(doc)));
    }
  });

  it('joins a free-text line without a full stop to the next one, as the joined text is read', () => {
    const b = yubeiBigData2024();
    b.texts.functions = '负责全区大数据发展\n统筹数字政府建设。';
    const doc = generateNarrative(b, ctxOf(b));
    const fromLines = paragraphsOfLines(plainLines(doc));
    expect(fromLines).toEqual(splitParagraphs(toPlainText(doc)));
    expect(fromLines.find((p) => p.topic === 'functions')?.text).toBe('负责全区大数据发展统筹数字政府建设。');
  });
});

describe('facts shared between states', () => {
  it('keep every unchanged part as the same object, and take the values of the new state', () => {
    const b = yubeiBigData2024();
    const ctx = ctxOf(b);
    const before = narrativeFacts(b, ctx);
    const line = b.functionLines.find((l) => l.current !== 0)!;
    expect(applyEdit(b, { op: 'set', ref: { t: 'function', code: line.code, kind: line.kind, source: line.source, year: 'current' }, value: String((line.current + 100) / 100) }).ok).toBe(true);
    const fresh = narrativeFacts(b, ctx);
    const shared = shareFacts(before, fresh);
    expect(shared).toEqual(fresh);
    expect(shared.threePublic).toBe(before.threePublic);
    expect(shared.assets).toBe(before.assets);
    expect(shared.income).not.toBe(before.income);
    const changed = shared.functionItems.find((f) => f.code === line.code)!;
    expect(changed).not.toBe(before.functionItems.find((f) => f.code === line.code));
    expect(changed.current).toBe(before.functionItems.find((f) => f.code === line.code)!.current + 100);
    const others = shared.functionItems.filter((f) => f.code !== line.code);
    expect(others.length).toBeGreaterThan(3);
    for (const f of others) expect(before.functionItems).toContain(f);
    // No change at all: the very same facts.
    const again = shareFacts(shared, narrativeFacts(b, ctx));
    expect(again.functionItems).toBe(shared.functionItems);
  });
});

describe('a check that reuses what the last one kept', () => {
  it('finds exactly what a fresh check finds, edit after edit', () => {
    const b = small();
    const ctx = ctxOf(b);
    const memo = new NarrativeMemo(catalog);
    let facts = narrativeFacts(b, ctx);
    const lines = b.functionLines.filter((l) => l.current !== 0).slice(0, 6);
    let n = 0;
    for (const l of lines) {
      // Alternate a slip of one 分 and a reason typed for the 项 (both change what the check says).
      const edit =
        n++ % 2 === 0
          ? { op: 'set' as const, ref: { t: 'function' as const, code: l.code, kind: l.kind, source: l.source, year: 'current' as const }, value: String((l.current + 1) / 100) }
          : { op: 'set' as const, ref: { t: 'text' as const, key: `reason:function:${l.code}` }, value: '' };
      expect(applyEdit(b, edit).ok).toBe(true);
      facts = shareFacts(facts, narrativeFacts(b, ctx));
      const kept = checkNarrative(b, ctx, { memo, facts });
      const fresh = checkNarrative(b, ctx, { memo: new NarrativeMemo(catalog) });
      expect(kept.findings).toEqual(fresh.findings);
      expect(kept.text).toBe(fresh.text);
    }
    // The reasons taken away show: the kept check is not just the first one again.
    const missing = checkNarrative(b, ctx, { memo, facts }).findings.filter((f) => f.id === 'NT-08' && f.message.endsWith('增减原因尚未填写'));
    expect(missing.length).toBeGreaterThan(0);
  });
});
