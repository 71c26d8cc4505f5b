export interface Command {
  name: string;
  usage: string; // e.g. 'sample OUT.budget'
  summary: string; // Chinese, one line
  run(args: string[]): Promise<number>;
}

/** Splits `--flag value` options from positional arguments. */
export function parseArgs(args: string[], flags: readonly string[], switches: readonly string[] = []) {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  const on = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (switches.includes(a)) on.add(a);
    else if (flags.includes(a)) {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} 后面缺少取值`);
      options[a] = v;
    } else if (a.startsWith('--')) throw new Error(`不认识的选项 ${a}`);
    else positional.push(a);
  }
  return { positional, options, on };
}
