/**
 * A hand-edited (or pasted) narrative as a document, for publishing it as written: the text is
 * kept, split into title, sections, headings and paragraphs the same way the checker reads it.
 * And the one choice every exporter makes: the edited text when there is one, else the generated.
 */
import type { Budget } from '../model/types';
import type { NarrativeDoc, NarrativeSection, Paragraph } from './doc';
import type { NarrativeContext } from './facts';
import { EDITED_KEY } from './keys';
import { headingLevel, splitParagraphs } from './parse';
import { generateNarrative } from './template';

export function docFromText(text: string, year: number): NarrativeDoc {
  const paragraphs = splitParagraphs(text);
  const titles = paragraphs.filter((p) => p.topic === 'title').map((p) => p.raw);
  const sections: NarrativeSection[] = [];
  let current: NarrativeSection | null = null;
  const section = () => {
    if (!current) {
      current = { key: `s${sections.length + 1}`, title: '', paragraphs: [] };
      sections.push(current);
    }
    return current;
  };
  for (const p of paragraphs) {
    if (p.topic === 'title') continue;
    if (p.topic === 'heading') {
      const level = headingLevel(p.text);
      if (level === 1) {
        current = { key: `s${sections.length + 1}`, title: p.raw, paragraphs: [] };
        sections.push(current);
        continue;
      }
      section().paragraphs.push({ key: p.key, role: 'heading', level, runs: [{ t: 'text', text: p.raw }] });
      continue;
    }
    const para: Paragraph = { key: p.key, role: 'body', level: 0, runs: [{ t: 'text', text: p.raw }] };
    section().paragraphs.push(para);
  }
  return { title: titles[0] ?? '', subtitle: titles.slice(1).join(''), year, sections, inputs: [] };
}

/** What gets published: the officer's edited narrative if there is one, else the generated one. */
export function narrativeForExport(budget: Budget, ctx: NarrativeContext): { doc: NarrativeDoc; edited: boolean } {
  const edited = budget.texts[EDITED_KEY];
  if (edited && edited.trim() !== '') return { doc: docFromText(edited, budget.meta.year), edited: true };
  return { doc: generateNarrative(budget, ctx), edited: false };
}
