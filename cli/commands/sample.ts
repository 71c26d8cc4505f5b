import { budgetToBytes } from '../../shared/storage/index';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { loadSqlJsNode } from '../sqljs-node';
import { CliError } from '../errors';
import { parseArgs, type Command } from '../command';
import { refuseExisting, writeWholeFile } from './import';

export const sample: Command = {
  name: 'sample',
  usage: 'sample OUT.budget [--force]',
  summary: '写出内置示例（重庆市渝北区大数据应用发展管理局 2024 年部门预算）',
  async run(args) {
    const { positional, on } = parseArgs(args, [], ['--force']);
    const [out] = positional;
    if (!out || positional.length > 1) throw new CliError(`用法：budget-workbench ${sample.usage}`);
    // Like import and rollover: an existing file (perhaps a real department's) is kept unless forced.
    const force = on.has('--force');
    refuseExisting(out, force);
    const bytes = budgetToBytes(await loadSqlJsNode(), yubeiBigData2024());
    writeWholeFile(out, bytes, force);
    console.log(`已写出示例文件 ${out}（${bytes.length} 字节）`);
    return 0;
  },
};
