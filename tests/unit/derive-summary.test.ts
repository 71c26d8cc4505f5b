// 表一/表四 are derived from one summed line per 类 × source × kind (linesByClassSourceAndKind):
// every sum they read — by source, kind and year, over every line or a 类 prefix, short codes
// included — must read the same from those lines as from all of them.
import { describe, expect, it } from 'vitest';
import { prng } from '../../bench/synthetic';
import { SOURCES, type FunctionLine, type SourceKey, type SpendKind } from '../../shared/model/types';
import { linesByClassSourceAndKind, spend } from '../../shared/tables/derive';

const CODES = ['2010101', '2010102', '2010301', '2050201', '2080501', '2089901', '215', '21', '2', '', '2150101', '21501'];

describe('linesByClassSourceAndKind', () => {
  it('reads every summary sum as all the lines do (1,000 seeded line sets, odd codes and unsorted lines included)', () => {
    const r = prng(15);
    for (let n = 0; n < 1000; n++) {
      const lines: FunctionLine[] = [];
      const count = Math.floor(r() * 30);
      for (let i = 0; i < count; i++) {
        lines.push({
          code: CODES[Math.floor(r() * CODES.length)],
          source: SOURCES[Math.floor(r() * SOURCES.length)],
          kind: r() < 0.5 ? 'basic' : 'project',
          current: Math.floor((r() - 0.2) * 1e9),
          prior: r() < 0.2 ? 0 : Math.floor(r() * 1e9),
        });
      }
      if (r() < 0.5) lines.sort((a, b) => a.code.localeCompare(b.code));
      const grouped = linesByClassSourceAndKind(lines)!;
      expect(grouped).not.toBeNull();
      expect(new Set(grouped.map((l) => l.code))).toEqual(new Set(lines.map((l) => l.code.slice(0, 3))));
      const prefixes = new Set(['', ...lines.flatMap((l) => [l.code.slice(0, 1), l.code.slice(0, 2), l.code.slice(0, 3)])]);
      for (const year of ['current', 'prior'] as const) {
        for (const kind of [undefined, 'basic', 'project'] as (SpendKind | undefined)[]) {
          for (const sources of [undefined, ['gpb'], ['fund', 'soe'], SOURCES.slice(3)] as (SourceKey[] | undefined)[]) {
            for (const p of prefixes) expect(spend(grouped, { year, kind, sources }, p)).toBe(spend(lines, { year, kind, sources }, p));
          }
        }
      }
    }
  });

  it('gives up (null) on sums beyond exact integers and on an unknown fund', () => {
    const big = { code: '2010101', source: 'gpb', kind: 'basic', current: Number.MAX_SAFE_INTEGER, prior: 0 } as const;
    expect(linesByClassSourceAndKind([big, { ...big, code: '2010102' }])).toBeNull();
    expect(linesByClassSourceAndKind([{ ...big, current: 1, source: 'nope' as SourceKey }])).toBeNull();
  });
});
