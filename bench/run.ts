/**
 * `npm run bench`: prints the machine, then runs every section in bench/sections/ in file-name
 * order. A section is a module exporting (default or `section`) `{ name, run(): Promise<string[]> }`;
 * add a file to add a section. `npm run bench -- engine export` runs only sections whose file or
 * name contains one of the words.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';

export interface BenchSection {
  name: string;
  run(): Promise<string[]>;
}

function machine(): string[] {
  const cpus = os.cpus();
  const gib = (n: number) => `${(n / 2 ** 30).toFixed(1)} GiB`;
  return [
    `机器：${cpus[0]?.model.trim() ?? '未知 CPU'}，${os.availableParallelism?.() ?? cpus.length} 个逻辑核，内存 ${gib(os.totalmem())}（空闲 ${gib(os.freemem())}）`,
    `系统：${os.type()} ${os.release()} ${os.arch()}；Node.js ${process.version}`,
  ];
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2).map((a) => a.toLowerCase());
  const dir = new URL('./sections/', import.meta.url);
  const files = readdirSync(dir)
    .filter((f) => /\.(ts|mts|js|mjs)$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
  for (const line of machine()) console.log(line);
  for (const file of files) {
    const mod = (await import(new URL(file, dir).href)) as { default?: BenchSection; section?: BenchSection };
    const section = mod.default ?? mod.section;
    if (!section || typeof section.run !== 'function') continue;
    if (filters.length && !filters.some((f) => file.toLowerCase().includes(f) || section.name.toLowerCase().includes(f))) continue;
    console.log(`\n== ${section.name} ==`);
    const t0 = performance.now();
    try {
      for (const line of await section.run()) console.log(line);
    } catch (e) {
      process.exitCode = 1;
      console.log(`出错：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    console.log(`（本节用时 ${((performance.now() - t0) / 1000).toFixed(1)} s）`);
  }
}

await main();
