import { describe, expect, it } from 'vitest';
import { Session } from '../../shared/engine/session';
import { predecessorOf } from '../../shared/rules/lineage';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';

describe('lineage (which table a re-derived one replaces)', () => {
  it('is dropped once the edit is checked, so tables do not keep every earlier version alive', () => {
    const session = new Session(yubeiBigData2024(), { schedule: null });
    const line = session.budget.functionLines[0];
    const before = session.table('t2')!;
    expect(session.apply({ op: 'set', ref: { t: 'function', code: line.code, kind: line.kind, source: line.source, year: 'current' }, value: ((line.current + 100) / 100).toFixed(2) }).ok).toBe(true);
    const after = session.table('t2')!;
    expect(after).not.toBe(before);
    expect(predecessorOf(after)).toBeUndefined();
  });
});
