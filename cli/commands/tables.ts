import { deriveTables } from '../../shared/tables/derive';
import { openBudgetFile } from '../open';
import { contextFor } from '../context';
import { renderTextTable } from '../text-table';
import { CliError } from '../errors';
import type { Command } from '../command';

export const tables: Command = {
  name: 'tables',
  usage: 'tables FILE',
  summary: '在终端中按表格样式打印全部十七张表',
  async run(args) {
    const [file] = args;
    if (!file) throw new CliError('用法：budget-workbench tables FILE');
    const budget = await openBudgetFile(file);
    const out = deriveTables(budget, contextFor(budget)).map(renderTextTable);
    console.log(out.join('\n\n'));
    return 0;
  },
};
