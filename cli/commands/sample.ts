import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { budgetToBytes } from '../../shared/storage/index';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { loadSqlJsNode } from '../sqljs-node';
import { CliError } from '../errors';
import { parseArgs, type Command } from '../command';
import { refuseExisting } from './import';
import { writeWholeFile } from '../atomic-write';

export const sample: Command = {
  name: 'sample',
  usage: 'sample OUT.budget',
  summary: '写出内置示例（重庆市渝北区大数据应用发展管理局 2024 年部门预算）；已有同名文件时先另存为 .bak',
  async run(args) {
    const { positional } = parseArgs(args, [], ['--force']);
    const [out] = positional;
    if (!out || positional.length > 1) throw new CliError(`用法：budget-workbench ${sample.usage}`);
    refuseExisting(out, true);
    const bytes = budgetToBytes(await loadSqlJsNode(), yubeiBigData2024());
    // `sample OUT` is a contract other tools run again and again; an existing file (perhaps a real
    // department's) is never lost: it is kept beside the new one as OUT.bak, as the app's saves do.
    if (existsSync(out)) {
      const bak = `${out}.bak`;
      let old: Uint8Array;
      try {
        old = readFileSync(out);
      } catch (e) {
        throw new CliError(`无法读取已有的“${basename(out)}”以备份，未写出示例`, 2, (e as Error).message);
      }
      // The backup is written whole too: a kill while copying never leaves half an OUT.bak.
      writeWholeFile(bak, old, true);
      console.log(`已有的“${basename(out)}”已备份为“${basename(bak)}”`);
    }
    writeWholeFile(out, bytes, true);
    console.log(`已写出示例文件 ${out}（${bytes.length} 字节）`);
    return 0;
  },
};
