import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../shared/catalog/index';
import { deriveAll } from '../../shared/engine/incremental';
import { roleTables } from '../../shared/rules/define';
import { makeRuleContext } from '../../shared/rules/engine';
import { TABLE_ROLES, templateOf } from '../../shared/tables/roles';
import { templatesFor } from '../../shared/tables/registry';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { syntheticBudget } from '../../bench/synthetic';

describe('a rule context over tables kept grouped by template (as a Session keeps them)', () => {
  for (const [name, make] of [
    ['sample', () => yubeiBigData2024()],
    ['synthetic', () => syntheticBudget(builtinCatalog(), { functionItems: 30, econRows: 20, projects: 20, indicatorsPerProject: 3 })],
  ] as const) {
    it(`finds every table and every role's tables as the flat list does (${name})`, () => {
      const budget = make();
      const env = { catalog: builtinCatalog(), templates: templatesFor(budget.meta.templateId) };
      const byTemplate = deriveAll(budget, env);
      const tables = env.templates.tables.flatMap((t) => byTemplate.get(t.id) ?? []);
      // Each table is listed under the template its id names (what the grouped lookup relies on).
      for (const [id, list] of byTemplate) for (const t of list) expect(templateOf(t.id)).toBe(id);
      const grouped = makeRuleContext(budget, tables, env, undefined, byTemplate);
      const flat = makeRuleContext(budget, tables, env);
      for (const t of tables) expect(grouped.table(t.id)).toBe(flat.table(t.id));
      for (const id of ['t1', 'nope', 't16:nope', 't16']) expect(grouped.table(id)).toBe(flat.table(id));
      for (const role of TABLE_ROLES) expect(roleTables(grouped, role)).toEqual(roleTables(flat, role));
    });
  }

});
