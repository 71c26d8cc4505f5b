/**
 * main.cjs is written in ASCII (cli/build.mjs) so that the loader reads it as Latin-1: what the
 * build rewrites to get there must mean the same.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asciiOnly, rawCsvAsString } from '../../cli/build.mjs';

const dataDir = join(__dirname, '../../shared/catalog/data');

describe('CLI bundle in ASCII', () => {
  it.each(readdirSync(dataDir).filter((f) => f.endsWith('.ts')))('the catalog CSV %s becomes a string literal with the very text of its raw template', async (file) => {
    const out = rawCsvAsString(readFileSync(join(dataDir, file), 'utf8'));
    expect(out).toBeDefined();
    const literal = /^export default (".*");$/m.exec(out!)![1];
    const { default: text } = (await import(join(dataDir, file))) as { default: string };
    expect(JSON.parse(literal)).toBe(text);
  });

  it('leaves a raw template it cannot rewrite alone', () => {
    expect(rawCsvAsString('export default String.raw`a\\b,中`;\n')).toBeUndefined();
    expect(rawCsvAsString('export default String.raw`a${1}`;\n')).toBeUndefined();
  });

  it('escapes regular expressions and comments to the same meaning, identity escapes and astral characters included', () => {
    const source = [
      '// 注释',
      "[/[中文]+/.exec('x中文y')?.[0], /\\中/.test('中'), /[\\\\中]/.test('\\\\'), /😀/u.test('😀'), /^[😀]$/u.test('😀'), /^.$/u.test('😀'),",
      " '中'.replace(/中/g, '文'), `${'模板'}文`]",
    ].join('\n');
    const escaped = asciiOnly(source);
    expect(escaped).toMatch(/^[\x00-\x7f]*$/);
    expect(eval(escaped)).toEqual(eval(source));
    expect(eval(source)).toEqual(['中文', true, true, true, true, true, '文', '模板文']);
  });

  it('leaves a bundle with a non-ASCII raw template as it is', () => {
    const code = 'const a = String.raw`中`;';
    expect(asciiOnly(code)).toBe(code);
  });
});
