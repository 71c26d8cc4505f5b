/** The template sets this program knows, by id. A file names its template set in meta. */
import { CHONGQING_YUBEI_2024 } from './templates/chongqing-yubei-2024';
import { MOF_143_2016 } from './templates/mof-143-2016';
import type { TemplateSet } from './template-types';

export const TEMPLATE_SETS: readonly TemplateSet[] = [CHONGQING_YUBEI_2024, MOF_143_2016];

export function templatesFor(id: string): TemplateSet {
  const found = TEMPLATE_SETS.find((t) => t.profile.id === id);
  if (!found) throw new Error(`不认识的报表模板“${id}”，本程序支持：${TEMPLATE_SETS.map((t) => t.profile.id).join('、')}`);
  return found;
}
