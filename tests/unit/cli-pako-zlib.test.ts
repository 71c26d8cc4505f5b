/** cli/pako-zlib.cjs: pako's streaming API as JSZip uses it, on Node's zlib (the CLI's chunks alias pako to it). */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The real pako (JSZip's dependency), to compare with.
const pako = require('pako') as { deflateRaw(d: Uint8Array): Uint8Array; inflateRaw(d: Uint8Array): Uint8Array };
const { Inflate, Deflate } = require('../../cli/pako-zlib.cjs') as {
  Inflate: new (o: object) => { push(d: ArrayLike<number>, last: boolean): boolean; onData: (d: Uint8Array) => void };
  Deflate: new (o: object) => { push(d: ArrayLike<number>, last: boolean): boolean; onData: (d: Uint8Array) => void };
};

const text = new TextEncoder().encode(`<sheetData>${'<row r="1"><c r="A1" t="s"><v>部门预算</v></c></row>'.repeat(500)}</sheetData>`);

/** Pushes `bytes` in chunks of `size` the way JSZip's flate worker does; returns what onData got. */
function run(stream: { push(d: ArrayLike<number>, last: boolean): boolean; onData: (d: Uint8Array) => void }, bytes: Uint8Array, size: number): Uint8Array {
  const got: Uint8Array[] = [];
  stream.onData = (d) => got.push(d);
  for (let i = 0; i < bytes.length; i += size) stream.push(bytes.subarray(i, i + size), false);
  stream.push([], true);
  return Uint8Array.from(got.flatMap((g) => [...g]));
}

describe('pako on Node zlib', () => {
  it("inflates what pako deflated, pushed in pieces, and deflates what pako inflates back", () => {
    expect(run(new Inflate({ raw: true, level: -1 }), pako.deflateRaw(text), 1000)).toEqual(text);
    expect(pako.inflateRaw(run(new Deflate({ raw: true, level: -1 }), text, 777))).toEqual(text);
    expect(pako.inflateRaw(run(new Deflate({ raw: true, level: 9 }), text, 5000))).toEqual(text);
    expect(run(new Inflate({ raw: true }), pako.deflateRaw(new Uint8Array(0)), 10)).toEqual(new Uint8Array(0));
  });

  it('throws on a corrupt stream instead of giving bytes', () => {
    const bad = pako.deflateRaw(text).slice(0, 100);
    bad[50] ^= 0xff;
    expect(() => run(new Inflate({ raw: true }), bad, 1000)).toThrow();
  });
});
