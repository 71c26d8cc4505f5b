/** budget-workbench: the command-line front end over shared/. Exit 0 ok, 1 errors found, 2 unreadable input. */
import { basename } from 'node:path';
import { CliError } from './errors';
import type { Command } from './command';
import { sample } from './commands/sample';
import { tables } from './commands/tables';
import { exportCommand } from './commands/export';
import { rollover } from './commands/rollover';
import { importCommand } from './commands/import';
import { check } from './commands/check';
import { templates } from './commands/templates';

// The worker threads of `check DIR` run the same bundle (dist-cli/check-worker.cjs).
export { serveChecks } from './serve-checks';

export const COMMANDS: readonly Command[] = [sample, tables, check, exportCommand, rollover, importCommand, templates];

function usage(): string {
  return ['部门预算公开工作台 命令行', '', '用法：budget-workbench <命令> …', '', ...COMMANDS.map((c) => `  ${c.usage.padEnd(48)} ${c.summary}`)].join('\n');
}

/** Our own messages are Chinese; an English one is a library's, kept for --debug. */
const isOurs = (text: string): boolean => /[\u4e00-\u9fff]/.test(text);

export async function main(args: string[]): Promise<number> {
  // --debug (anywhere): the library's own text and the stack follow the one Chinese line.
  const debug = args.includes('--debug');
  const argv = args.filter((a) => a !== '--debug');
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`不认识的命令“${name}”。\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof CliError) {
      console.error(e.message);
      if (debug && e.detail) console.error(`详细信息：${e.detail}`);
      return e.exitCode;
    }
    // Anything else still names the file(s) it was working on, in one Chinese line.
    const files = rest.filter((a) => !a.startsWith('--') && /[./\\]/.test(a));
    const what = files.length ? `处理${files.map((f) => `“${basename(f)}”`).join('、')}时` : `执行 ${name} 时`;
    const message = e instanceof Error ? e.message : String(e);
    console.error(`${what}出错：${isOurs(message) ? message.split('\n')[0] : '程序内部错误'}${debug ? '' : '（加 --debug 可查看详细信息）'}`);
    if (debug) console.error(`详细信息：${e instanceof Error ? (e.stack ?? message) : message}`);
    return 2;
  }
}
