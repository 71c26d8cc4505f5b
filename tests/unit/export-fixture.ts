/** The sample, derived once, for the export tests. */
import { builtinCatalog } from '../../shared/catalog/index';
import { deriveTables, toPrintedJson } from '../../shared/tables/derive';
import { CHONGQING_YUBEI_2024 } from '../../shared/tables/templates/chongqing-yubei-2024';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';

export function sampleExport() {
  const budget = yubeiBigData2024();
  const templates = CHONGQING_YUBEI_2024;
  const tables = deriveTables(budget, { catalog: builtinCatalog(), templates });
  const json = toPrintedJson(budget, tables, templates);
  return { budget, templates, tables, json };
}
