import { rolloverWithSummary } from '../../shared/rollover/index';
import { openBudgetFile } from '../open';
import { CliError } from '../errors';
import { parseArgs, type Command } from '../command';
import { budgetFileBytes, refuseExisting, refuseSameFile } from './import';
import { writeWholeFile } from '../atomic-write';

export const rollover: Command = {
  name: 'rollover',
  usage: 'rollover LAST.budget NEW.budget [--force]',
  summary: '新建年度：由上年文件结转出下一年度的文件（上年数转为“上年预算数”）',
  async run(args) {
    const { positional, on } = parseArgs(args, [], ['--force']);
    const [last, next] = positional;
    if (!last || !next || positional.length > 2) throw new CliError(`用法：budget-workbench ${rollover.usage}`);
    refuseSameFile(last, next, '新年度文件不能与上年文件相同：上年文件必须保留');
    const force = on.has('--force');
    refuseExisting(next, force, '新年度文件');
    const budget = await openBudgetFile(last, { strict: true });
    const { budget: rolled, lines } = rolloverWithSummary(budget);
    const bytes = await budgetFileBytes(rolled, next);
    writeWholeFile(next, bytes, force);
    console.log([...lines, `已写出 ${next}（${bytes.length} 字节）`].join('\n'));
    return 0;
  },
};
