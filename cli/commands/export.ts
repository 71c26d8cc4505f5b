import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveTables, toPrintedJson } from '../../shared/tables/derive';
import { openBudgetFile } from '../open';
import { contextFor } from '../context';
import { CliError } from '../errors';
import { parseArgs, type Command } from '../command';

const FORMATS = ['json'] as const;

export const exportCommand: Command = {
  name: 'export',
  usage: 'export FILE --out DIR [--format json]',
  summary: '导出公开用的表格（json：与公开文件逐格对应的 tables.json）',
  async run(args) {
    const { positional, options } = parseArgs(args, ['--out', '--format']);
    const [file] = positional;
    const dir = options['--out'];
    if (!file || !dir) throw new CliError(`用法：budget-workbench ${exportCommand.usage}`);
    const formats = (options['--format'] ?? FORMATS.join(',')).split(',').map((f) => f.trim());
    for (const f of formats) {
      if (!(FORMATS as readonly string[]).includes(f)) throw new CliError(`不支持的导出格式“${f}”，可用：${FORMATS.join('、')}`);
    }
    const budget = await openBudgetFile(file);
    const ctx = contextFor(budget);
    const tables = deriveTables(budget, ctx);
    mkdirSync(dir, { recursive: true });
    if (formats.includes('json')) {
      const path = join(dir, 'tables.json');
      writeFileSync(path, JSON.stringify(toPrintedJson(budget, tables, ctx.templates), null, 1));
      console.log(`已写出 ${path}（${tables.length} 张表/表块）`);
    }
    return 0;
  },
};
