/**
 * `check NARRATIVE.txt|.docx|.html [--json]`: a 情况说明 checked on its own, with no budget — the
 * identities its figures must satisfy among themselves (shared/narrative/internal.ts). The JSON is
 * the `check --json` shape (findings with id, severity, message, cells; counts), each finding with
 * the quoted sentences it concerns and where they stand. Exit 0 no errors, 1 errors, 2 unreadable.
 * Plugged into `check` as one of its input checkers (cli/check-file.ts).
 */
import { basename } from 'node:path';
import { builtinCatalog } from '../../shared/catalog/index';
import { countFindings, SEVERITIES } from '../../shared/rules/engine';
import { checkNarrativeAlone, type TextFinding } from '../../shared/narrative/internal';
import { narrativeFileKind, narrativeTextOf, NarrativeFileError } from '../../shared/narrative/source';
import { readInputFile } from '../open';
import { CliError } from '../errors';
import { renderFindings } from '../findings-text';
import type { InputChecker } from '../check-file';

export const isNarrativeFile = (file: string) => narrativeFileKind(file) !== null;

/** A narrative file's text (a CliError naming the file when it cannot be read). */
export async function readNarrativeFile(file: string): Promise<string> {
  if (!isNarrativeFile(file)) {
    throw new CliError(`无法读取“${basename(file)}”：情况说明只能是 .txt、.docx 或 .html 文件${/\.doc$/i.test(file) ? '（旧版 .doc 请在 Word/WPS 中另存为 .docx）' : ''}`);
  }
  try {
    return await narrativeTextOf(basename(file), readInputFile(file));
  } catch (e) {
    if (e instanceof NarrativeFileError) throw new CliError(e.message);
    throw e;
  }
}

export function narrativeReport(findings: readonly TextFinding[]) {
  const rank = (f: TextFinding) => SEVERITIES.indexOf(f.severity);
  const sorted = [...findings].sort((a, b) => rank(a) - rank(b));
  return {
    findings: sorted.map((f) => ({
      id: f.id,
      severity: f.severity,
      message: f.message,
      cells: f.cells.map((c) => ({ ...c, tableNo: '' })),
      quotes: f.quotes,
    })),
    counts: countFindings(sorted),
  };
}

/** A 情况说明 on its own (.txt/.docx/.html), named on the command line. */
export const narrativeChecker: InputChecker = {
  takes: isNarrativeFile,
  inFolders: false,
  async check(path) {
    const text = await readNarrativeFile(path);
    if (text.trim() === '') throw new CliError(`文件“${basename(path)}”中没有文字`);
    const result = checkNarrativeAlone(text, { catalog: builtinCatalog() });
    const report = narrativeReport(result.findings);
    const heading = `检查 ${basename(path)}：情况说明${result.year ? `（${result.year}年）` : ''}，未对照预算数据，只核对文中数字之间的关系${result.truncated ? '；文本在句中结束' : ''}`;
    return {
      entry: { file: path, department: '', year: result.year ?? null, counts: report.counts, findings: report.findings },
      text: renderFindings(heading, report.counts, report.findings, (f) => f.quotes.map((q) => `第${q.line}行：“${q.text}”`)),
      report,
    };
  },
};
