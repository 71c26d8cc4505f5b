/** What every command needs: the catalog and the template set the file names. */
import { builtinCatalog } from '../shared/catalog/index';
import { templatesFor } from '../shared/tables/registry';
import type { Budget } from '../shared/model/types';
import type { DeriveContext } from '../shared/tables/derive';

/** The file's own set, or `templateId` to render the budget under another set (export --template). */
export function contextFor(budget: Budget, templateId = budget.meta.templateId): DeriveContext {
  return { catalog: builtinCatalog(), templates: templatesFor(templateId) };
}
