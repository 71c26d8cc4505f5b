/** What every command needs: the catalog and the template set the file names. */
import { builtinCatalog } from '../shared/catalog/index';
import { templatesFor } from '../shared/tables/registry';
import type { Budget } from '../shared/model/types';
import type { DeriveContext } from '../shared/tables/derive';

export function contextFor(budget: Budget): DeriveContext {
  return { catalog: builtinCatalog(), templates: templatesFor(budget.meta.templateId) };
}
