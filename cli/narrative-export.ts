/**
 * The narrative's export formats for `export --format …`:
 *
 * | format           | file            | what                                                          |
 * | ---------------- | --------------- | ------------------------------------------------------------- |
 * | `narrative-docx` | narrative.docx  | 情况说明 alone, Word (A4, 仿宋/黑体/楷体/宋体 by name)           |
 * | `narrative-html` | narrative.html  | 情况说明 followed by the seventeen tables, one web page          |
 * | `narrative-pdf`  | narrative.pdf   | the same as one PDF (system Chromium, like `pdf`)                |
 *
 * The narrative published is the officer's hand-edited text when there is one, else the generated.
 */
import { join } from 'node:path';
import type { Budget } from '../shared/model/types';
import type { DerivedTable } from '../shared/tables/types';
import type { TemplateSet } from '../shared/tables/template-types';
import type { Catalog } from '../shared/catalog/catalog';
import { tablesToHtml } from '../shared/export/html';
import { narrativeForExport } from '../shared/narrative/edited';
import { narrativeToHtml } from '../shared/narrative/html';
import { chromiumMissingMessage, findChromium, pdfPrinter, type PdfPrinter } from './pdf';
import { ensureDir, writeWholeFile } from './atomic-write';

export const NARRATIVE_FORMATS = ['narrative-docx', 'narrative-html', 'narrative-pdf'] as const;
export type NarrativeFormat = (typeof NARRATIVE_FORMATS)[number];

export function isNarrativeFormat(s: string): s is NarrativeFormat {
  return (NARRATIVE_FORMATS as readonly string[]).includes(s);
}

export const NARRATIVE_FILE_NAMES: Record<NarrativeFormat, string> = {
  'narrative-docx': 'narrative.docx',
  'narrative-html': 'narrative.html',
  'narrative-pdf': 'narrative.pdf',
};

/** The narrative and the tables as one HTML document (narrative before the tables). */
export function narrativeWithTablesHtml(budget: Budget, tables: readonly DerivedTable[], env: { catalog: Catalog; templates: TemplateSet }): string {
  const { doc } = narrativeForExport(budget, { catalog: env.catalog, profile: env.templates.profile });
  return tablesToHtml(budget, tables, {
    extraSectionsHtml: narrativeToHtml(doc),
    title: `${budget.meta.year}年${budget.meta.department}部门预算情况说明及公开表`,
  });
}

export async function exportNarrative(
  budget: Budget,
  tables: readonly DerivedTable[],
  env: { catalog: Catalog; templates: TemplateSet },
  dir: string,
  formats: readonly NarrativeFormat[],
  opts: { explicit: boolean; chromium?: string; printer?: PdfPrinter; log?: (line: string) => void; warn?: (line: string) => void },
): Promise<{ written: { format: NarrativeFormat; path: string; bytes: number }[]; exitCode: number }> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const warn = opts.warn ?? ((l: string) => console.error(l));
  const written: { format: NarrativeFormat; path: string; bytes: number }[] = [];
  let exitCode = 0;
  if (formats.length === 0) return { written, exitCode };
  ensureDir(dir);
  const { doc, edited } = narrativeForExport(budget, { catalog: env.catalog, profile: env.templates.profile });
  if (edited) log('情况说明使用手工修改后的文本（已按数据核对，见 check 的 NT 类提示）');
  const write = (format: NarrativeFormat, bytes: Uint8Array, ms?: number) => {
    const path = join(dir, NARRATIVE_FILE_NAMES[format]);
    writeWholeFile(path, bytes, true);
    written.push({ format, path, bytes: bytes.length });
    log(`已写出 ${path}（${Math.max(1, Math.round(bytes.length / 1024))} KB${ms === undefined ? '' : `，用时 ${(ms / 1000).toFixed(1)} 秒`}）`);
  };
  let html: string | null = null;
  const pageHtml = () => (html ??= narrativeWithTablesHtml(budget, tables, env));
  for (const format of NARRATIVE_FORMATS.filter((f) => formats.includes(f))) {
    if (format === 'narrative-docx') {
      const { narrativeToDocx } = await import('../shared/narrative/docx');
      write(format, await narrativeToDocx(doc));
    } else if (format === 'narrative-html') {
      write(format, new TextEncoder().encode(pageHtml()));
    } else {
      const chromium = findChromium(opts.chromium);
      if (!chromium) {
        warn(chromiumMissingMessage(opts.chromium));
        if (opts.explicit || opts.chromium) exitCode = 2;
        continue;
      }
      const t0 = performance.now();
      const printer = opts.printer ?? pdfPrinter(chromium);
      try {
        const { bytes, blocked } = await printer.print(pageHtml());
        if (blocked.length) warn(`生成 PDF 时拦截了 ${blocked.length} 个外部请求`);
        write(format, bytes, performance.now() - t0);
      } finally {
        if (printer !== opts.printer) await printer.close();
      }
    }
  }
  return { written, exitCode };
}
