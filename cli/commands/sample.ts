import { writeFileSync } from 'node:fs';
import { budgetToBytes } from '../../shared/storage/index';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { loadSqlJsNode } from '../sqljs-node';
import { CliError } from '../errors';
import type { Command } from '../command';

export const sample: Command = {
  name: 'sample',
  usage: 'sample OUT.budget',
  summary: '写出内置示例（重庆市渝北区大数据应用发展管理局 2024 年部门预算）',
  async run(args) {
    const [out] = args;
    if (!out) throw new CliError('用法：budget-workbench sample OUT.budget');
    const bytes = budgetToBytes(await loadSqlJsNode(), yubeiBigData2024());
    writeFileSync(out, bytes);
    console.log(`已写出示例文件 ${out}（${bytes.length} 字节）`);
    return 0;
  },
};
