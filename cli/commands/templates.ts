import { TEMPLATE_SETS } from '../../shared/tables/registry';
import type { Command } from '../command';

/** One line per table set: id, name, number of tables (the id is what `export --template` takes). */
export function templatesText(): string {
  const width = Math.max(...TEMPLATE_SETS.map((t) => t.profile.id.length));
  return TEMPLATE_SETS.map((t) => `${t.profile.id.padEnd(width)}  ${t.profile.name}  ${t.tables.length} 张表`).join('\n');
}

export const templates: Command = {
  name: 'templates',
  usage: 'templates',
  summary: '列出本程序支持的公开表样（编号、名称、表格数），供 export --template 选用',
  async run() {
    console.log(templatesText());
    return 0;
  },
};
