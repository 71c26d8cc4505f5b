import { describe, expect, it } from 'vitest';
import { codedIndex, forgetReplaces, noteReplaces } from '../../shared/rules/lineage';
import { rowCode } from '../../shared/tables/lookup';
import type { DerivedTable, Row } from '../../shared/tables/types';

const row = (key: string, fen = 0): Row => ({ key, role: key === 'total' ? 'total' : 'item', level: 0, cells: [{ kind: 'money', col: 'total', fen, text: '' }] });
const frame = { id: 't2', no: '表二', title: '表', subtitle: null, lines: [], columns: [], header: [], note: null, empty: false, landscape: false };
const table = (body: Row[]): DerivedTable => ({ ...frame, body });
/** The coded rows found by a pass over every row, for comparison. */
const scanned = (t: DerivedTable) =>
  t.body.flatMap((r) => {
    const code = r.role === 'header' ? null : rowCode(r);
    return code ? [{ code, row: r }] : [];
  });
const asCodedRows = (t: DerivedTable) => {
  const ix = codedIndex(t);
  return ix.codes.map((code, k) => ({ code, row: t.body[ix.at[k]] }));
};

describe('codedIndex (lineage.ts)', () => {
  it('lists the rows that have a code, with body positions', () => {
    const t = table([row('total'), { ...row('x'), role: 'header' }, row('201'), row('20101'), row('2010101')]);
    expect(asCodedRows(t).map((c) => c.code)).toEqual(['201', '20101', '2010101']);
    expect(codedIndex(t).at).toEqual([2, 3, 4]);
    expect(asCodedRows(t)).toEqual(scanned(t));
  });

  it('is the very same object for a table replacing another in place with the same codes, else afresh', () => {
    const old = table([row('total'), row('201'), row('20101'), row('2010101')]);
    const ix = codedIndex(old);
    const same = table([row('total', 5), old.body[1], row('20101', 5), row('2010101', 5)]);
    noteReplaces(same, old);
    expect(codedIndex(same)).toBe(ix);
    forgetReplaces(same);
    for (const body of [
      [row('total'), row('201'), row('20102'), row('2010101')], // a code changed in place
      [row('total'), row('201'), row('20101')], // a row dropped
      [row('total'), row('201'), row('20101'), row('2010101'), row('2010102')], // a row added
    ]) {
      const t = table(body);
      noteReplaces(t, old);
      expect(codedIndex(t)).not.toBe(ix);
      expect(asCodedRows(t)).toEqual(scanned(t));
      forgetReplaces(t);
    }
  });
});
