/**
 * The corpus of 情况说明 (tests/fixtures/narrative/): twelve texts of different units, half clean,
 * half with planted slips, each with its expected findings beside it. Every text is checked on its
 * own (no budget); the test prints found / missed / false alarms and asserts none missed, none false.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../shared/catalog/index';
import { checkNarrativeAlone, type TextFinding } from '../../shared/narrative/internal';

interface Expected {
  id: string;
  severity: string;
  includes: string;
  slip?: string;
}

const dir = fileURLToPath(new URL('../fixtures/narrative/', import.meta.url));
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.slice(0, -4))
  .sort();

function compare(found: readonly TextFinding[], expected: readonly Expected[]) {
  const left = [...found];
  const missed: Expected[] = [];
  let hits = 0;
  for (const e of expected) {
    const i = left.findIndex((f) => f.id === e.id && f.severity === e.severity && f.message.includes(e.includes));
    if (i < 0) missed.push(e);
    else {
      hits++;
      left.splice(i, 1);
    }
  }
  return { hits, missed, falseAlarms: left };
}

describe('the narrative corpus, each text checked on its own', () => {
  const catalog = builtinCatalog();
  const results = names.map((name) => {
    const text = readFileSync(`${dir}${name}.txt`, 'utf8');
    const spec = JSON.parse(readFileSync(`${dir}${name}.json`, 'utf8')) as { unit: string; expected: Expected[] };
    const r = checkNarrativeAlone(text, { catalog });
    return { name, unit: spec.unit, expected: spec.expected, result: r, ...compare(r.findings, spec.expected) };
  });

  it('has at least twelve texts of 行政机关, 学校, 幼儿园, 镇街 and 事业单位, half of them with slips', () => {
    expect(results.length).toBeGreaterThanOrEqual(12);
    expect(new Set(results.map((r) => r.unit))).toEqual(new Set(['行政机关', '学校', '幼儿园', '镇街', '事业单位']));
    const slipped = results.filter((r) => r.expected.some((e) => e.severity !== 'info'));
    expect(slipped.length).toBe(results.length / 2);
    // Every kind of slip the issue lists is planted somewhere.
    const ids = new Set(slipped.flatMap((r) => r.expected.map((e) => e.id)));
    for (const id of ['NT-01', 'NT-02', 'NT-03', 'NT-04', 'NT-05', 'NT-14', 'NT-15', 'NT-16', 'CHG-03', 'CHG-06', 'STR-13']) expect(ids).toContain(id);
  });

  it('finds every planted slip and raises no false alarm', () => {
    const found = results.reduce((a, r) => a + r.hits, 0);
    const missed = results.flatMap((r) => r.missed.map((m) => `${r.name}: ${m.id} ${m.severity} “${m.includes}”`));
    const falseAlarms = results.flatMap((r) => r.falseAlarms.map((f) => `${r.name}: ${f.id} ${f.severity} ${f.message}`));
    const expected = results.reduce((a, r) => a + r.expected.length, 0);
    console.log(
      [
        `narrative corpus: ${results.length} texts, ${expected} expected findings — found ${found}, missed ${missed.length}, false alarms ${falseAlarms.length}`,
        ...results.map((r) => `  ${r.name} (${r.unit}): found ${r.hits}/${r.expected.length}, false alarms ${r.falseAlarms.length}`),
        ...missed.map((m) => `  missed ${m}`),
        ...falseAlarms.map((f) => `  false alarm ${f}`),
      ].join('\n'),
    );
    expect(missed).toEqual([]);
    expect(falseAlarms).toEqual([]);
    expect(found).toBe(expected);
  });

  it('quotes the sentence of each finding with its line', () => {
    const s07 = results.find((r) => r.name.startsWith('s07'))!;
    const chg = s07.result.findings.find((f) => f.id === 'CHG-03')!;
    expect(chg.quotes).toHaveLength(1);
    expect(chg.quotes[0]!.text).toContain('较2023年减少510,000元，下降44.4%');
    const lines = readFileSync(`${dir}${s07.name}.txt`, 'utf8').split('\n');
    expect(lines[chg.quotes[0]!.line - 1]).toContain('下降44.4%');
  });

  it('reads a cut text up to its cut: at most an info, and no section is missed for it', () => {
    const cut = results.find((r) => r.name.startsWith('c06'))!;
    expect(cut.result.truncated).toBe(true);
    expect(cut.result.findings.map((f) => `${f.id} ${f.severity}`)).toEqual(['STR-14 info']);
  });
});
