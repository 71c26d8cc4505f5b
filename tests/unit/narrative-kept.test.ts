/**
 * The narrative check after an edit reuses the last one's paragraphs (the generated text's lines
 * that did not change keep their paragraph objects, check.ts keptSplit) and the last results of
 * what they did not change (the 按支出功能科目 check per paragraph, topics.ts; the facts of the
 * function lines while the lines are the same, facts.ts): edit after edit,
 * on random input and structural edits, the paragraphs and findings are exactly a fresh check's.
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../shared/catalog/index';
import { applyEdit, readInput } from '../../shared/model/edit';
import type { Budget } from '../../shared/model/types';
import { checkNarrative } from '../../shared/narrative/check';
import { narrativeFacts, shareFacts } from '../../shared/narrative/facts';
import { NarrativeMemo } from '../../shared/narrative/memo';
import { deriveTables } from '../../shared/tables/derive';
import { templatesFor } from '../../shared/tables/registry';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { syntheticBudget } from '../../bench/synthetic';
import { prng, randomInputEdit, randomStructuralEdit } from '../../bench/random-edits';

const catalog = builtinCatalog();
const TEXT_KEYS = ['reason:income', 'reason:expenditure', 'reason:basic', 'reason:project', 'reason:threePublic:abroad', 'reason:threePublic:total', 'reason:operatingCost', 'uses:project', 'contactName', 'evaluation:key:count'];

function run(start: Budget, seed: number, steps: number) {
  const b = start;
  const set = templatesFor(b.meta.templateId);
  const ctx = { catalog, profile: set.profile, templates: set };
  const env = { catalog, templates: set };
  const memo = new NarrativeMemo(catalog);
  const rnd = prng(seed);
  const counter = { n: 0 };
  let tables = deriveTables(b, env);
  let facts = narrativeFacts(b, ctx);
  let last = checkNarrative(b, ctx, { memo, facts, tables });
  let reused = 0;
  for (let step = 0; step < steps; step++) {
    // Every fifth step a text the generated paragraphs read (reasons, 项目支出用途, contact).
    const text = step % 5 === 4 ? { key: TEXT_KEYS[Math.floor(rnd() * TEXT_KEYS.length)]!, value: ['', '业务量增加', '人员调整'][Math.floor(rnd() * 3)]! } : null;
    const edit = text
      ? { op: 'set' as const, ref: { t: 'text' as const, key: text.key }, value: text.value }
      : rnd() < 0.85
        ? randomInputEdit(rnd, tables, (ref) => readInput(b, ref), true)
        : randomStructuralEdit(rnd, b, catalog, counter);
    if (!edit || !applyEdit(b, edit).ok) continue;
    tables = deriveTables(b, env);
    // The facts kept from the last call (facts.ts: the line facts while the lines are the same) are a fresh budget's.
    const now = narrativeFacts(b, ctx);
    expect(now, `seed ${seed} step ${step}`).toEqual(narrativeFacts(structuredClone(b), ctx));
    facts = shareFacts(facts, now);
    const kept = checkNarrative(b, ctx, { memo, facts, tables });
    const fresh = checkNarrative(structuredClone(b), ctx, { memo: new NarrativeMemo(catalog), tables });
    expect(kept.paragraphs, `seed ${seed} step ${step}`).toEqual(fresh.paragraphs);
    expect(kept.findings, `seed ${seed} step ${step}`).toEqual(fresh.findings);
    expect(kept.text).toBe(fresh.text);
    reused += kept.paragraphs.filter((p, i) => p === last.paragraphs[i]).length;
    last = kept;
  }
  return reused;
}

describe('a check after an edit, reusing the last one', () => {
  it('reads and finds exactly what a fresh check does, on the sample', () => {
    let reused = 0;
    for (let seed = 1; seed <= 4; seed++) reused += run(yubeiBigData2024(), seed, 30);
    // The unchanged paragraphs were the last objects (what is kept per paragraph is found by identity).
    expect(reused).toBeGreaterThan(100);
  });

  it('reads and finds exactly what a fresh check does, on a synthetic department', () => {
    const start = () => syntheticBudget(catalog, { functionItems: 40, econRows: 20, projects: 10, indicatorsPerProject: 3 }, 7);
    let reused = 0;
    for (let seed = 11; seed <= 13; seed++) reused += run(start(), seed, 30);
    expect(reused).toBeGreaterThan(100);
  });
});
