/**
 * Every rule the workbench runs, in report order. Families live in their own files; the narrative
 * rules (NT-*, the narrative parts of STR/CHG) come from shared/narrative and are appended here.
 */
import { NARRATIVE_RULES } from '../narrative/rules';
import { CHANGE_RULES } from './change';
import { CROSS_RULES } from './cross';
import { FORMAT_RULES } from './format';
import { GRANULARITY_RULES } from './granularity';
import { PERFORMANCE_RULES } from './performance';
import { ROLLOVER_RULES } from './rollover';
import { STRUCTURE_RULES } from './structure';
import { SUM_RULES } from './sums';
import { TIMELINESS_RULES } from './timeliness';
import type { Rule } from './types';

/** The table and input rules of this module. */
export const TABLE_RULES: readonly Rule[] = [
  ...STRUCTURE_RULES,
  ...ROLLOVER_RULES,
  ...GRANULARITY_RULES,
  ...SUM_RULES,
  ...CROSS_RULES,
  ...CHANGE_RULES,
  ...PERFORMANCE_RULES,
  ...FORMAT_RULES,
  ...TIMELINESS_RULES,
];

/** All rules: the table and input rules, then the narrative rules (shared/narrative/rules.ts; their scope is the narrative). */
export const ALL_RULES: readonly Rule[] = [...TABLE_RULES, ...NARRATIVE_RULES];

/** The narrative rules, for running them off the typing path (SessionOptions.defer in shared/engine/session.ts). */
export const NARRATIVE_RULE_SET: ReadonlySet<Rule> = new Set(NARRATIVE_RULES);
