import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtinCatalog } from '../../shared/catalog/index';
import { templatesFor } from '../../shared/tables/registry';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import type { Budget } from '../../shared/model/types';
import type { NarrativeContext } from '../../shared/narrative/facts';

export function sample(): { budget: Budget; ctx: NarrativeContext } {
  const budget = yubeiBigData2024();
  return { budget, ctx: { catalog: builtinCatalog(), profile: templatesFor(budget.meta.templateId).profile } };
}

/** The seed's narrative (reference/000_0dd22124be572f46.txt up to its table catalogue). */
export function seedNarrative(): string {
  return readFileSync(fileURLToPath(new URL('../fixtures/seed-narrative.txt', import.meta.url)), 'utf8');
}
