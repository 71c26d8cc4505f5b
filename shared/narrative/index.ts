/** 情况说明: generated from the data, read back and checked, exported (see README.md). */
export * from './doc';
export * from './keys';
export { narrativeFacts, type NarrativeContext, type NarrativeFacts } from './facts';
export { generateNarrative, CHONGQING_NARRATIVE, GLOSSARY, type NarrativeTemplate } from './template';
export { checkNarrative, checkNarrativeText, narrativeTextToCheck, readParagraphs, type NarrativeCheck } from './check';
export { splitParagraphs, splitBlocks, numbersIn, type TextParagraph, type Topic } from './parse';
export { NARRATIVE_RULES, narrativeCheckFor } from './rules';
export { narrativeToHtml, narrativeHtmlDocument } from './html';
export { docFromText, narrativeForExport } from './edited';
export { narrativeSectionHtml, narrativeDocxBytes, narrativeBaseName } from './export';
export { diffNarrative, type DiffLine, type DiffPart } from './diff';
// narrativeToDocx is in './docx' (imported on demand: the docx package is large; see narrativeDocxBytes).
export * from './inputs';
