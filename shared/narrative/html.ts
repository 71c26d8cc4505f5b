/**
 * The narrative as HTML: a fragment (one <section class="page narrative">) that the tables' HTML
 * takes as `extraSectionsHtml`, so narrative and tables are one document and one PDF; and a
 * standalone page for the narrative alone. No script, no external resource; the system's fonts.
 */
import { escapeHtml } from '../export/html';
import { paragraphText, type NarrativeDoc, type Paragraph } from './doc';

/** 仿宋 for the body, 黑体/楷体 for headings, 宋体 for the title: by name, never embedded. */
export const NARRATIVE_FONTS = {
  body: "'FangSong','仿宋','FangSong_GB2312','仿宋_GB2312','STFangsong','Noto Serif CJK SC','Source Han Serif SC',serif",
  title: "'SimSun','宋体','Songti SC','Noto Serif CJK SC','Source Han Serif SC',serif",
  h1: "'SimHei','黑体','Heiti SC','Noto Sans CJK SC','Source Han Sans SC',sans-serif",
  h2: "'KaiTi','楷体','KaiTi_GB2312','楷体_GB2312','STKaiti','Noto Serif CJK SC',serif",
};

const CSS = `
section.narrative { font-family: ${NARRATIVE_FONTS.body}; font-size: 14pt; line-height: 1.75; color: #000; }
section.narrative h1 { font-family: ${NARRATIVE_FONTS.title}; font-size: 20pt; font-weight: bold; text-align: center; margin: 0 0 1mm; line-height: 1.4; }
section.narrative p.n-subtitle { font-family: ${NARRATIVE_FONTS.title}; font-size: 18pt; font-weight: bold; text-align: center; margin: 0 0 6mm; text-indent: 0; }
section.narrative h2 { font-family: ${NARRATIVE_FONTS.h1}; font-size: 14pt; font-weight: normal; margin: 3mm 0 0; text-indent: 2em; }
section.narrative h3 { font-family: ${NARRATIVE_FONTS.h2}; font-size: 14pt; font-weight: normal; margin: 0; text-indent: 2em; }
section.narrative h4 { font-size: 14pt; font-weight: bold; margin: 0; text-indent: 2em; }
section.narrative p { margin: 0; text-indent: 2em; text-align: justify; }
section.narrative .missing { color: #c00; }
`;

function paragraphHtml(p: Paragraph): string {
  const inner = p.runs
    .map((r) => (r.t === 'input' && r.missing ? `<span class="missing">${escapeHtml(r.text)}</span>` : escapeHtml(r.text)))
    .join('');
  if (p.role === 'heading') {
    const tag = p.level <= 2 ? 'h3' : 'h4';
    return `<${tag} data-key="${escapeHtml(p.key)}">${inner}</${tag}>`;
  }
  return `<p data-key="${escapeHtml(p.key)}">${inner}</p>`;
}

export interface NarrativeHtmlOptions {
  /** The first page of the document (no page break before it). */
  first?: boolean;
}

/** One <section class="page narrative"> with its own scoped style. */
export function narrativeToHtml(doc: NarrativeDoc, opts: NarrativeHtmlOptions = {}): string {
  const parts = [
    `<section class="page narrative${opts.first ? ' first' : ''}" id="narrative">`,
    `<style>${CSS}</style>`,
    doc.title ? `<h1>${escapeHtml(doc.title)}</h1>` : '',
    doc.subtitle ? `<p class="n-subtitle">${escapeHtml(doc.subtitle)}</p>` : '',
  ];
  for (const s of doc.sections) {
    if (s.title) parts.push(`<h2>${escapeHtml(s.title)}</h2>`);
    for (const p of s.paragraphs) parts.push(paragraphHtml(p));
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** The narrative alone as a page (for preview or publication without the tables). */
export function narrativeHtmlDocument(doc: NarrativeDoc): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(`${doc.title}${doc.subtitle}`)}</title>`,
    '<style>@page { size: A4 portrait; margin: 25mm 26mm 25mm 28mm; } body { margin: 0; }</style>',
    '</head><body>',
    narrativeToHtml(doc, { first: true }),
    '</body></html>',
  ].join('\n');
}

/** Plain paragraphs of a doc (for quick previews): the text of each body paragraph. */
export function bodyTexts(doc: NarrativeDoc): string[] {
  return doc.sections.flatMap((s) => s.paragraphs.filter((p) => p.role === 'body').map(paragraphText));
}
