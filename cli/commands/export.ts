import { join } from 'node:path';
import { deriveTables } from '../../shared/tables/derive';
import type { Budget } from '../../shared/model/types';
import type { DerivedTable } from '../../shared/tables/types';
import type { TemplateSet } from '../../shared/tables/template-types';
import { buildExportFiles, EXPORT_FORMATS, isExportFormat, type ExportFormat } from '../../shared/export/files';
import { contextFor } from '../context';
import { ensureDir, writeWholeFile } from '../atomic-write';
import { TEMPLATE_SETS } from '../../shared/tables/registry';
import { CliError } from '../errors';
import { parseArgs, type Command } from '../command';
import { chromiumMissingMessage, findChromium, pdfPrinter, type PdfPrinter } from '../pdf';
import { exportNarrative, isNarrativeFormat, NARRATIVE_FORMATS } from '../narrative-export';

const kib = (bytes: number) => Math.max(1, Math.round(bytes / 1024));
const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** Base name of the xlsx/html/pdf files, next to tables.json. */
export const CLI_BASE_NAME = 'tables';

export interface CliExportResult {
  written: { format: ExportFormat; path: string; bytes: number; ms: number }[];
  /** 0 ok; 2 when a format that was asked for explicitly could not be produced. */
  exitCode: number;
}

/**
 * Writes the formats to `dir`. `explicit` says whether the user named the formats: PDF without a
 * Chromium is then an error (exit 2, the other formats still written); by default it is skipped.
 */
export async function exportToDir(
  budget: Budget,
  tables: readonly DerivedTable[],
  templates: TemplateSet,
  dir: string,
  formats: readonly ExportFormat[],
  opts: { explicit: boolean; chromium?: string; printer?: PdfPrinter; log?: (line: string) => void; warn?: (line: string) => void },
): Promise<CliExportResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const warn = opts.warn ?? ((l: string) => console.error(l));
  let exitCode = 0;
  let wanted = [...formats];
  let chromium: string | null = null;
  if (wanted.includes('pdf')) {
    chromium = findChromium(opts.chromium);
    if (!chromium) {
      wanted = wanted.filter((f) => f !== 'pdf');
      if (opts.explicit || opts.chromium) {
        warn(chromiumMissingMessage(opts.chromium));
        exitCode = 2;
      } else {
        warn(chromiumMissingMessage());
      }
    }
  }
  ensureDir(dir);
  const printer = chromium ? (opts.printer ?? pdfPrinter(chromium)) : null;
  let files: Awaited<ReturnType<typeof buildExportFiles>>;
  try {
    files = await buildExportFiles(budget, tables, templates, wanted, {
      baseName: CLI_BASE_NAME,
      printPdf: printer
        ? async (html) => {
            const { bytes, blocked } = await printer.print(html);
            if (blocked.length) warn(`生成 PDF 时拦截了 ${blocked.length} 个外部请求`);
            return bytes;
          }
        : undefined,
    });
  } finally {
    if (printer && printer !== opts.printer) await printer.close();
  }
  const written: CliExportResult['written'] = [];
  for (const f of files) {
    const path = join(dir, f.name);
    writeWholeFile(path, f.bytes, true);
    written.push({ format: f.format, path, bytes: f.bytes.length, ms: f.ms });
    log(
      f.format === 'json'
        ? `已写出 ${path}（${tables.length} 张表/表块）`
        : f.format === 'pdf'
          ? `已写出 ${path}（${kib(f.bytes.length)} KB，用时 ${seconds(f.ms)} 秒）`
          : `已写出 ${path}（${kib(f.bytes.length)} KB）`,
    );
  }
  return { written, exitCode };
}

export const exportCommand: Command = {
  name: 'export',
  usage: 'export FILE --out DIR [--format xlsx,html,pdf,json,narrative-docx,narrative-html,narrative-pdf] [--template ID] [--chromium PATH]',
  summary: '导出公开用的表格：xlsx 工作簿、html 网页、pdf、json（与公开文件逐格对应的 tables.json）；情况说明：narrative-docx（Word）、narrative-html / narrative-pdf（情况说明与表格合为一个文件）；--template 按另一套公开表样导出（见 templates）',
  async run(args) {
    const { positional, options } = parseArgs(args, ['--out', '--format', '--chromium', '--template']);
    const [file] = positional;
    const dir = options['--out'];
    if (!file || !dir) throw new CliError(`用法：budget-workbench ${exportCommand.usage}`);
    const explicit = options['--format'] !== undefined;
    const names = explicit ? options['--format'].split(',').map((f) => f.trim()).filter(Boolean) : [...EXPORT_FORMATS];
    if (names.length === 0) throw new CliError(`请在 --format 后写出导出格式，可用：${EXPORT_FORMATS.join('、')}`);
    for (const f of names) {
      if (!isExportFormat(f) && !isNarrativeFormat(f)) {
        throw new CliError(`不支持的导出格式“${f}”，可用：${[...EXPORT_FORMATS, ...NARRATIVE_FORMATS].join('、')}`);
      }
    }
    // Loaded on demand: the storage layer (sql.js) is only needed to read the file.
    const { openBudgetFile } = await import('../open');
    const budget = await openBudgetFile(file);
    const templateId = options['--template'];
    if (templateId !== undefined && !TEMPLATE_SETS.some((t) => t.profile.id === templateId)) {
      throw new CliError(`不认识的公开表样“${templateId}”，可用：${TEMPLATE_SETS.map((t) => t.profile.id).join('、')}（见 budget-workbench templates）`);
    }
    const ctx = contextFor(budget, templateId);
    const tables = deriveTables(budget, ctx);
    // One Chromium page prints every PDF of the run (tables.pdf and narrative.pdf).
    const chromium = findChromium(options['--chromium']);
    const printer = chromium ? pdfPrinter(chromium) : undefined;
    try {
      const opts = { explicit, chromium: options['--chromium'], printer };
      const result = await exportToDir(budget, tables, ctx.templates, dir, names.filter(isExportFormat), opts);
      const narrative = await exportNarrative(budget, tables, ctx, dir, names.filter(isNarrativeFormat), opts);
      return Math.max(result.exitCode, narrative.exitCode);
    } finally {
      await printer?.close();
    }
  },
};
