/**
 * The narrative as a Word document (the `docx` package): A4 with 公文 margins, fonts by name only
 * (宋体 title, 黑体 一、, 楷体 （一）, 仿宋 body; Times New Roman for Latin letters and digits; nothing
 * embedded, so WPS/Word/LibreOffice use the system's fonts), headings as real Heading styles (the
 * navigation pane works), body paragraphs with a two-character first-line indent, page numbers.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IRunOptions,
} from 'docx';
import type { NarrativeDoc, Paragraph as NarrativeParagraph } from './doc';

const LATIN = 'Times New Roman';
const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia });

/** 三号 = 16pt; docx sizes are half-points, indents and spacing twips (1pt = 20). */
const BODY_PT = 16;
const size = (pt: number) => pt * 2;
const LINE = { line: 28 * 20, lineRule: LineRuleType.EXACT };
const INDENT_2_CHARS = { firstLine: 2 * BODY_PT * 20 };

/** A4 in twips; margins 37/35/28/26 mm (GB/T 9704 公文). */
const mm = (v: number) => Math.round((v / 25.4) * 1440);
const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(20) },
};

function runs(p: NarrativeParagraph, base: IRunOptions): TextRun[] {
  return p.runs.map((r) => new TextRun({ ...base, text: r.text, ...(r.t === 'input' && r.missing ? { color: 'C00000' } : {}) }));
}

function heading(text: string, level: 1 | 2 | 3): Paragraph {
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
    children: [new TextRun({ text })],
  });
}

/** The Word document's bytes. */
export async function narrativeToDocx(doc: NarrativeDoc): Promise<Uint8Array> {
  const children: Paragraph[] = [];
  const titles = [doc.title, doc.subtitle].filter(Boolean);
  titles.forEach((t, i) =>
    children.push(new Paragraph({ style: 'NarrativeTitle', ...(i === titles.length - 1 ? { spacing: { after: 28 * 20 } } : {}), children: [new TextRun({ text: t })] })),
  );
  for (const s of doc.sections) {
    if (s.title) children.push(heading(s.title, 1));
    for (const p of s.paragraphs) {
      if (p.role === 'heading') {
        children.push(new Paragraph({ heading: p.level <= 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, children: runs(p, {}) }));
      } else {
        children.push(new Paragraph({ children: runs(p, {}) }));
      }
    }
  }

  const document = new Document({
    creator: '部门预算公开工作台',
    title: `${doc.title}${doc.subtitle}`,
    description: '由部门预算公开工作台根据预算数据生成',
    styles: {
      default: {
        document: {
          run: { font: font('仿宋'), size: size(BODY_PT) },
          paragraph: { spacing: LINE, indent: INDENT_2_CHARS, alignment: AlignmentType.JUSTIFIED },
        },
        heading1: {
          run: { font: font('黑体'), size: size(BODY_PT), bold: false, color: '000000' },
          paragraph: { spacing: LINE, indent: INDENT_2_CHARS, keepNext: true, outlineLevel: 0 },
        },
        heading2: {
          run: { font: font('楷体'), size: size(BODY_PT), bold: false, italics: false, color: '000000' },
          paragraph: { spacing: LINE, indent: INDENT_2_CHARS, keepNext: true, outlineLevel: 1 },
        },
        heading3: {
          run: { font: font('仿宋'), size: size(BODY_PT), bold: true, color: '000000' },
          paragraph: { spacing: LINE, indent: INDENT_2_CHARS, keepNext: true, outlineLevel: 2 },
        },
      },
      paragraphStyles: [
        {
          id: 'NarrativeTitle',
          name: '公开标题',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { font: font('宋体'), size: size(22), bold: true },
          paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, spacing: { line: 36 * 20, lineRule: LineRuleType.EXACT } },
        },
      ],
    },
    sections: [
      {
        properties: { page: PAGE },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                indent: { firstLine: 0 },
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font('宋体'), size: size(14) })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
