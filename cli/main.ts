/** budget-workbench: the command-line front end over shared/. Exit 0 ok, 1 errors found, 2 unreadable input. */
import { CliError } from './errors';
import type { Command } from './command';
import { sample } from './commands/sample';
import { tables } from './commands/tables';
import { exportCommand } from './commands/export';
import { rollover } from './commands/rollover';
import { importCommand } from './commands/import';
import { check } from './commands/check';
import { templates } from './commands/templates';

export const COMMANDS: readonly Command[] = [sample, tables, check, exportCommand, rollover, importCommand, templates];

function usage(): string {
  return ['部门预算公开工作台 命令行', '', '用法：budget-workbench <命令> …', '', ...COMMANDS.map((c) => `  ${c.usage.padEnd(48)} ${c.summary}`)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
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
      return e.exitCode;
    }
    console.error(`出错：${(e as Error).message}`);
    return 2;
  }
}
