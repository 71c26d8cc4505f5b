/**
 * The single-file edition in Chromium 109 (the last on Windows 7): ag-grid's theme CSS, which ag-grid
 * injects at run time from string constants in its modules, lowered by the build (vite.config.ts,
 * lowerVendorCss). Without it, Chromium 109 drops every nested rule of it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lowerVendorCss, vendorCssConstants } from '../../vite.config';
import { transform } from 'lightningcss';
import { newerThanChromium109 } from '../helpers/css-chromium';
import { scopedCss } from '../../shared/css/scoped-css.js';

/** CSS as lightningcss writes it for Chromium 109 (nesting flattened), to compare two spellings. */
const chromium109 = (css: string) => new TextDecoder().decode(transform({ filename: 'x.css', code: new TextEncoder().encode(css), minify: true, targets: { chrome: 109 << 16 } }).code);

const moduleFile = (pkg: string) => join(import.meta.dirname, '../../node_modules', pkg, 'dist/package/main.esm.mjs');


function lowered(file: string): string {
  const plugin = lowerVendorCss();
  const { handler } = plugin.transform as unknown as { handler: (code: string, id: string) => { code: string } | null };
  const code = readFileSync(file, 'utf8');
  return handler.call({}, code, file)?.code ?? code;
}

describe('ag-grid theme CSS for Chromium 109', () => {
  const file = moduleFile('ag-grid-community');
  const shipped = readFileSync(file, 'utf8');
  const before = vendorCssConstants(shipped).map((css) => newerThanChromium109(css));
  const after = vendorCssConstants(lowered(file)).map((css) => newerThanChromium109(css));

  it('finds every string constant of ag-grid that holds CSS', () => {
    const declared = shipped.match(/^var \w+_default = ["'][^\n]*\{/gm) ?? [];
    expect(declared.length).toBeGreaterThan(30);
    expect(before).toHaveLength(declared.length);
  });

  it('nests rules as shipped (what Chromium 109 would drop), and none once the build has lowered it', () => {
    expect(before.flatMap((f) => f.nested).length).toBeGreaterThan(50);
    expect(after).toHaveLength(before.length);
    expect(after.flatMap((f) => f.nested)).toEqual([]);
  });

  it('keeps only the color-mix() of CSS variables, which no build can compute (7 declarations: overlays, skeleton, pagination, material)', () => {
    const calls = vendorCssConstants(lowered(file)).flatMap((css) => [...css.matchAll(/color-mix\(([^;{}]*)/g)].map((m) => m[1]));
    expect(calls).toHaveLength(after.flatMap((f) => f.colorMix).length);
    expect(calls.length).toBeLessThanOrEqual(7);
    for (const args of calls) expect(args).toMatch(/var\(--ag-/);
  });

  it('scopes each theme part without nesting exactly as the nested rule ag-grid writes (every CSS constant, and a bit of everything)', () => {
    const scope = ':where(.ag-theme-checkboxStyle-2)';
    const samples = [
      ...vendorCssConstants(lowered(file)),
      '.a,.b:is(.c,.d),[data-x="a,{b}"]{color:red}@media (max-width:10px){.e>.f{margin:0}}@supports (display:grid){.g{display:grid}}>.h{u:url("a{b};c")}',
    ];
    for (const css of samples) {
      const flat = scopedCss(scope, css);
      expect(newerThanChromium109(flat).nested).toEqual([]);
      // (@keyframes cannot sit in a style rule at all: such CSS, ag-grid's core, is never wrapped.)
      if (!/@(?:keyframes|font-face)/.test(css)) expect(chromium109(flat)).toBe(chromium109(`${scope}{${css}}`));
    }
  });

  it('makes ag-stack scope its parts with it instead of nesting them', () => {
    const stack = moduleFile('ag-stack');
    const code = lowered(stack);
    expect(readFileSync(stack, 'utf8')).toContain('css = `:where(.${className}) {\n${css}\n}\n`;');
    expect(code).not.toContain('css = `:where(.${className}) {');
    expect(code).toContain('css = scopedCss(`:where(.${className})`, css);');
    expect(code).toContain('function scopedCss(scope, css) {');
  });
});
