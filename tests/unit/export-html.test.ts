import { describe, expect, it } from 'vitest';
import { printedRows } from '../../shared/tables/derive';
import { fontSizeFor, FONT_STACK, tablesToHtml } from '../../shared/export/html';
import { sampleExport } from './export-fixture';

const { budget, tables, json } = sampleExport();
const html = tablesToHtml(budget, tables, {});

const unescape = (s: string) =>
  s
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The table grid of one <section> back as full-width rows, merges expanded to '' like tables.json. */
function gridOf(section: string, width: number): string[][] {
  const rows = [...section.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((m) => m[1]);
  const grid: (string | undefined)[][] = rows.map(() => new Array(width).fill(undefined));
  rows.forEach((tr, r) => {
    let c = 0;
    for (const m of tr.matchAll(/<t[hd]([^>]*)>(.*?)<\/t[hd]>/g)) {
      while (grid[r][c] !== undefined) c++;
      const cs = Number(/colspan="(\d+)"/.exec(m[1])?.[1] ?? 1);
      const rs = Number(/rowspan="(\d+)"/.exec(m[1])?.[1] ?? 1);
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) grid[r + dr][c + dc] = '';
      grid[r][c] = unescape(m[2]);
      c += cs;
    }
  });
  return grid.map((row) => row.map((v) => v ?? ''));
}

describe('html export of the sample', () => {
  it('is one self-contained page: no external URL, no script, no @import or url()', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/\/\//);
    expect(html).not.toMatch(/@import/i);
    expect(html.replace(/url\(data:/g, '')).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=/i);
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1].startsWith('#')).toBe(true);
    expect(html).toContain(`default-src 'none'`);
  });

  it('contains every table title, and each table (表十七 block) is a section that starts a page', () => {
    for (const t of json.tables) expect(html).toContain(t.title.replace(/&/g, '&amp;'));
    const sections = [...html.matchAll(/<section class="page block([^"]*)" id="([^"]+)"/g)];
    expect(sections.map((m) => m[2])).toEqual(tables.map((t) => t.id.replace(':', '-')));
    sections.forEach((m, i) => expect(m[1].includes('landscape')).toBe(tables[i].landscape));
  });

  it('prints A4 with landscape named pages and the CJK font stack (system fonts only)', () => {
    expect(html).toMatch(/@page \{ size: A4 portrait;/);
    expect(html).toMatch(/@page wide \{ size: A4 landscape;/);
    expect(html).toContain('.page.landscape { page: wide; }');
    expect(html).toContain('.page { break-before: page;');
    expect(FONT_STACK).toBe("'SimSun','宋体','Microsoft YaHei','Noto Sans CJK SC','Noto Serif CJK SC','WenQuanYi Micro Hei',serif");
    expect(html).toContain(`font-family: ${FONT_STACK}`);
    expect(html).not.toMatch(/@font-face/);
  });

  it('every table reads back cell for cell as the tables.json rows (merges as colspan/rowspan)', () => {
    const sections = html.split('<section class="page block').slice(1);
    expect(sections.length).toBe(tables.length);
    sections.forEach((s, i) => {
      const t = tables[i];
      const body = s.slice(0, s.indexOf('</table>'));
      expect(gridOf(body, t.columns.length), t.id).toEqual(json.tables[i].rows);
      expect(gridOf(body, t.columns.length)).toEqual(printedRows(t));
      for (const line of json.tables[i].text) expect(s).toContain(line);
    });
  });

  it('repeats header rows on every printed page (thead) and keeps amounts on one line', () => {
    const t5 = html.slice(html.indexOf('id="t5"'), html.indexOf('id="t6"'));
    expect(t5).toMatch(/<thead><tr>/);
    expect(t5).toContain('<td class="money">6,095,655.89</td>');
    expect(t5).toContain('<td class="percent">-11%</td>');
    expect(html).toContain('white-space: nowrap');
  });

  it('lists the tables on a 目录 page with links to them', () => {
    const nav = html.slice(html.indexOf('<nav'), html.indexOf('</nav>'));
    expect(nav).toContain('2024年渝北区部门预算公开表（目录）');
    const entries = [...nav.matchAll(/<tr><td class="c">(\d+)<\/td><td class="c"><a href="#([^"]+)">([^<]+)<\/a><\/td><td class="l"><a[^>]*>([^<]+)</g)];
    expect(entries.map((m) => [m[1], m[3], unescape(m[4])])).toEqual(json.catalogue.slice(1));
    expect(entries[16][2]).toBe('t17-p1');
  });

  it('keeps the hook for the narrative: extra sections first, before the 目录, as published (or after), inserted as is', () => {
    const extra = '<section class="page narrative"><h1>2024年部门预算情况说明</h1><p>收支预算总体情况……</p></section>';
    const withExtra = tablesToHtml(budget, tables, { extraSectionsHtml: extra, title: '情况说明与公开表' });
    expect(withExtra).toContain(extra);
    expect(withExtra.indexOf(extra)).toBeLessThan(withExtra.indexOf('id="t1"'));
    expect(withExtra.indexOf(extra)).toBeLessThan(withExtra.indexOf('<nav'));
    expect(withExtra).toContain('<nav class="page catalogue">'); // the 目录 starts its own page after the narrative
    expect(withExtra).toContain('<title>情况说明与公开表</title>');
    const after = tablesToHtml(budget, tables, { extraSectionsHtml: extra, extraSectionsPosition: 'after', catalogue: false });
    expect(after.indexOf(extra)).toBeGreaterThan(after.indexOf('id="t17-p5"'));
    expect(after).not.toContain('<nav');
    expect(after).toMatch(/<section class="page block first" id="t1">/);
  });

  it('escapes text, and sizes the font so wide tables fit the page', () => {
    const b = structuredClone(budget);
    b.meta.department = '<局&"处">';
    const t = structuredClone(tables[0]);
    t.lines = [`部门全称：${b.meta.department}`, '单位：元'];
    const h = tablesToHtml(b, [t], {});
    expect(h).toContain('部门全称：&lt;局&amp;&quot;处&quot;&gt;');
    expect(h).not.toContain('<局');
    expect(fontSizeFor(94, false)).toBe(10.5);
    expect(fontSizeFor(212, true)).toBeLessThan(8);
    expect(fontSizeFor(2000, true)).toBe(6.5);
  });
});
