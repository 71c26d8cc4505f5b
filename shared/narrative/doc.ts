/**
 * The generated narrative as a document: sections → paragraphs → runs. A figure run says what it
 * states (`source`, a stable key such as 'income.total' or 'function.2150517.change'), so the UI can
 * link it to its table cell and the tests can pair it with a printed figure. An input run is text the
 * officer wrote (a reason, a free-text section) or, when missing, a visible placeholder.
 */

export type FigureKind = 'amount' | 'percent' | 'count';

export interface Figure {
  kind: FigureKind;
  /** Exact decimal text of the value as stated: amount in 元 ('6095655.89'), percent ('15.8'), count ('5'). */
  value: string;
  source: string;
}

export type Run =
  | { t: 'text'; text: string }
  | { t: 'figure'; text: string; figure: Figure }
  | { t: 'input'; text: string; key: string; missing: boolean };

export type ParagraphRole = 'heading' | 'body';

export interface Paragraph {
  /** Stable key: 'income', 'function:2150517', 'threePublic', 'h:s3:1' for headings … */
  key: string;
  role: ParagraphRole;
  /** 1 一、, 2 （一）, 3 1. for headings; 0 for body text. */
  level: number;
  runs: Run[];
}

export interface NarrativeSection {
  key: string; // 's1' … 's7'
  title: string; // '一、单位基本情况'
  paragraphs: Paragraph[];
}

/** An input the narrative needs from the officer, placed beside the paragraph that uses it. */
export interface NarrativeInput {
  key: string; // a budget.texts key (see keys.ts), or 'priorOperatingCost'
  paragraph: string; // the paragraph key it belongs to
  label: string; // Chinese: '产业发展（项）增减原因'
  kind: 'reason' | 'text' | 'amount' | 'count';
  value: string;
  missing: boolean;
  /** A reason is required (NT-08) only where the sentence states an increase or decrease. */
  required: boolean;
  multiline: boolean;
}

export interface NarrativeDoc {
  title: string; // 部门全称
  subtitle: string; // '2024年部门预算情况说明'
  year: number;
  sections: NarrativeSection[];
  inputs: NarrativeInput[];
}

/** The text of runs that are shared (a 项 paragraph's, kept between generations), kept with them. */
const sharedTexts = new WeakMap<readonly Run[], string>();

export function runText(runs: readonly Run[]): string {
  let text = sharedTexts.get(runs);
  if (text === undefined) {
    text = '';
    for (const r of runs) text += r.text;
  }
  return text;
}

/** Marks runs as shared and never changed again: their text is computed once. */
export function keepRunText(runs: readonly Run[]): void {
  if (!sharedTexts.has(runs)) sharedTexts.set(runs, runText(runs));
}

export function paragraphText(p: Paragraph): string {
  return runText(p.runs);
}

/** Every paragraph of the document in reading order. */
export function allParagraphs(doc: NarrativeDoc): Paragraph[] {
  return doc.sections.flatMap((s) => s.paragraphs);
}

/** Every figure the document states, in reading order, with the paragraph that states it. */
export function allFigures(doc: NarrativeDoc): { paragraph: string; text: string; figure: Figure }[] {
  const out: { paragraph: string; text: string; figure: Figure }[] = [];
  for (const p of allParagraphs(doc)) {
    for (const r of p.runs) if (r.t === 'figure') out.push({ paragraph: p.key, text: r.text, figure: r.figure });
  }
  return out;
}

/**
 * The document as plain text, one paragraph a line: title, subtitle, then each section title and
 * its paragraphs. This is the text a hand edit starts from, and what the checker reads back.
 */
export function toPlainText(doc: NarrativeDoc): string {
  return plainLines(doc).join('\n') + '\n';
}

/** The lines of toPlainText (the checker splits them without joining them first). */
export function plainLines(doc: NarrativeDoc): string[] {
  const lines = [doc.title, doc.subtitle];
  for (const s of doc.sections) {
    lines.push(s.title);
    for (const p of s.paragraphs) lines.push(paragraphText(p));
  }
  return lines;
}
