/**
 * The narrative's outputs: the diff the view shows, a hand-edited text as a document, HTML (one
 * document with the tables), docx, the CLI formats, and (RUN_LIBREOFFICE=1) the docx through
 * LibreOffice headless to PDF.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { diffNarrative } from '../../shared/narrative/diff';
import { docFromText, narrativeForExport } from '../../shared/narrative/edited';
import { paragraphText, toPlainText } from '../../shared/narrative/doc';
import { narrativeToHtml, narrativeHtmlDocument } from '../../shared/narrative/html';
import { narrativeToDocx } from '../../shared/narrative/docx';
import { generateNarrative } from '../../shared/narrative/template';
import { EDITED_KEY } from '../../shared/narrative/keys';
import { tablesToHtml } from '../../shared/export/html';
import { deriveTables } from '../../shared/tables/derive';
import { templatesFor } from '../../shared/tables/registry';
import { sample, seedNarrative } from './narrative-helpers';

const dir = mkdtempSync(join(tmpdir(), 'narrative-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function generated() {
  const { budget, ctx } = sample();
  return { budget, ctx, doc: generateNarrative(budget, ctx) };
}

describe('diff of a hand-edited text against the generated one', () => {
  const text = toPlainText(generated().doc);

  it('is all "same" for the generated text itself', () => {
    expect(diffNarrative(text, text).every((d) => d.type === 'same')).toBe(true);
  });

  it('shows a changed figure as a whole number removed and added', () => {
    const d = diffNarrative(text, text.replace('预算数为600,000元', '预算数为650,000元'));
    const changed = d.filter((x) => x.type === 'changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.parts).toContainEqual({ type: 'removed', text: '600,000' });
    expect(changed[0]!.parts).toContainEqual({ type: 'added', text: '650,000' });
  });

  it('shows added and removed paragraphs', () => {
    const lines = text.split('\n');
    const edited = [...lines.slice(0, 5), '本段为新增的说明。', ...lines.slice(6)].join('\n');
    const d = diffNarrative(text, edited);
    expect(d.filter((x) => x.type === 'added').map((x) => x.edited)).toEqual(['本段为新增的说明。']);
    expect(d.filter((x) => x.type === 'removed').map((x) => x.generated)).toEqual([lines[5]!.trim()]);
  });
});

describe('a hand-edited or pasted text as a document', () => {
  it('keeps the seed as written: title, seven sections, page breaks inside sentences joined', () => {
    const doc = docFromText(seedNarrative(), 2024);
    expect(doc.title).toBe('重庆市渝北区大数据应用发展管理局');
    expect(doc.subtitle).toBe('2024 年部门预算情况说明');
    expect(doc.sections.map((s) => s.title)).toEqual([
      '一、单位基本情况',
      '二、部门预算总体情况',
      '三、部门预算情况说明',
      '四、“三公”经费情况说明',
      '五、其他重要事项的情况说明',
      '六、专业性名词解释',
      '七、预算公开联系方式及信息反馈',
    ]);
    const texts = doc.sections.flatMap((s) => s.paragraphs.map(paragraphText));
    expect(texts.some((t) => t.includes('较 2023 年增加15,886.8 元，增长 24.4%。'))).toBe(true);
    expect(texts.some((t) => t.includes('社会保险缴费等'))).toBe(true);
  });

  it('is what gets exported when the file has one', () => {
    const { budget, ctx } = sample();
    expect(narrativeForExport(budget, ctx).edited).toBe(false);
    budget.texts[EDITED_KEY] = seedNarrative();
    const r = narrativeForExport(budget, ctx);
    expect(r.edited).toBe(true);
    expect(narrativeToHtml(r.doc)).toContain('下降 46.0%');
  });
});

describe('HTML', () => {
  it('is one section, no script, escaped, before the tables in one document', () => {
    const { budget, ctx, doc } = generated();
    const fragment = narrativeToHtml(doc);
    expect(fragment.startsWith('<section class="page narrative"')).toBe(true);
    expect(fragment).not.toMatch(/<script|https?:/);
    expect(fragment).toContain('<h1>重庆市渝北区大数据应用发展管理局</h1>');
    expect(fragment).toContain('下降45.9%。主要原因是获评产业示范项目减少。');
    const templates = templatesFor(budget.meta.templateId);
    const tables = deriveTables(budget, { catalog: ctx.catalog, templates });
    const page = tablesToHtml(budget, tables, { extraSectionsHtml: fragment });
    expect(page.indexOf('id="narrative"')).toBeGreaterThan(0);
    expect(page.indexOf('id="narrative"')).toBeLessThan(page.indexOf('id="t1"'));
    expect(narrativeHtmlDocument(doc)).toMatch(/^<!DOCTYPE html>/);
  });
});

describe('docx', () => {
  it('is A4 with fonts by name, headings, first-line indents and every paragraph', async () => {
    const { doc } = generated();
    const bytes = await narrativeToDocx(doc);
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(xml).toContain('w:w="11906"');
    expect(xml).toContain('w:h="16838"');
    // The text, runs joined (a figure is its own run).
    const plain = xml.replace(/<w:p[ >].*?<\/w:p>/gs, (p) => p.replace(/<[^>]+>/g, '') + '\n');
    expect(plain).toContain('下降45.9%。主要原因是获评产业示范项目减少。');
    expect(plain).toContain('2024年部门预算情况说明');
    expect(styles).toContain('w:eastAsia="仿宋"');
    expect(styles).toContain('w:eastAsia="黑体"');
    expect(styles).toContain('w:eastAsia="楷体"');
    expect(styles).toContain('w:eastAsia="宋体"');
    expect(styles).toMatch(/w:firstLine="640"/);
    expect(zip.file('word/fonts/') ?? null).toBeNull();
    expect(Object.keys(zip.files).some((f) => /\.(ttf|otf|odttf)$/i.test(f))).toBe(false);
    // Every section title and every paragraph of the doc is in the document, in order.
    const lines = plain.split('\n');
    let at = 0;
    for (const s of doc.sections) {
      for (const text of [s.title, ...s.paragraphs.map(paragraphText)]) {
        const found = lines.indexOf(text, at);
        expect(found, text).toBeGreaterThanOrEqual(at);
        at = found;
      }
    }
  });
});

const bin = join(__dirname, '../../cli/bin.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });

describe('CLI export --format narrative-docx,narrative-html,narrative-pdf', () => {
  it('writes the narrative as docx, and narrative + tables as one HTML', { timeout: 120_000 }, () => {
    const file = join(dir, 's.budget');
    execFileSync(process.execPath, [bin, 'sample', file]);
    const out = join(dir, 'out');
    const r = run('export', file, '--out', out, '--format', 'narrative-docx,narrative-html');
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'narrative.docx')).subarray(0, 2).toString()).toBe('PK');
    const html = readFileSync(join(out, 'narrative.html'), 'utf8');
    expect(html).toContain('2024年部门预算情况说明');
    expect(html).toContain('2024年渝北区部门收支预算总表');
    expect(existsSync(join(out, 'tables.json'))).toBe(false);
  });

  it('rejects an unknown format naming the narrative ones', () => {
    const r = run('export', join(dir, 's.budget'), '--out', join(dir, 'x'), '--format', 'narrative-doc');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('narrative-docx');
  });

  it.skipIf(!existsSync('/usr/bin/chromium'))('prints narrative + tables as one PDF', { timeout: 120_000 }, () => {
    const out = join(dir, 'pdf');
    const r = run('export', join(dir, 's.budget'), '--out', out, '--format', 'narrative-pdf');
    expect(r.status, r.stderr).toBe(0);
    const pdf = join(out, 'narrative.pdf');
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('部门预算情况说明');
    expect(text).toContain('部门收支预算总表');
  });
});

describe.skipIf(process.env.RUN_LIBREOFFICE !== '1')('docx in LibreOffice (RUN_LIBREOFFICE=1)', () => {
  it('converts to an A4 PDF headless, every figure in place', { timeout: 150_000 }, async () => {
    const docx = join(dir, 'narrative.docx');
    writeFileSync(docx, await narrativeToDocx(generated().doc));
    const r = spawnSync(
      'soffice',
      ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', dir, docx],
      { encoding: 'utf8', timeout: 140_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const pdf = join(dir, 'narrative.pdf');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(5);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('下降45.9%');
    expect(text).toContain('部门预算公开联系人：彭松');
  });
});
