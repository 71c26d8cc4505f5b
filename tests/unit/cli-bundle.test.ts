/** The CLI bundle (cli/build.mjs): heavy packages only in chunks that the commands load on demand. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildCli } from '../../cli/build.mjs';

describe('CLI bundle', () => {
  it('loads exceljs, docx and playwright-core only through dynamic imports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-cli-bundle-'));
    try {
      const meta = await buildCli(dir);
      const root = join(__dirname, '../..');
      const entry = relative(root, join(dir, 'main.mjs'));
      const outputs = meta.outputs;
      expect(Object.keys(outputs)).toContain(entry);
      // Everything main.mjs loads at start: its static imports, transitively.
      const startup = new Set<string>();
      const visit = (out: string) => {
        if (startup.has(out) || !outputs[out]) return;
        startup.add(out);
        for (const i of outputs[out].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
      };
      visit(entry);
      const inputsOf = (outs: Iterable<string>) => [...outs].flatMap((o) => Object.keys(outputs[o].inputs));
      const atStart = inputsOf(startup);
      const externalAtStart = [...startup].flatMap((o) => outputs[o].imports.filter((i) => i.external && i.kind === 'import-statement').map((i) => i.path));
      for (const heavy of ['node_modules/exceljs/', 'node_modules/docx/', 'node_modules/jszip/']) {
        expect(atStart.some((f) => f.includes(heavy)), heavy).toBe(false);
      }
      expect(externalAtStart).not.toContain('playwright-core');
      expect(externalAtStart).not.toContain('sql.js');
      // …and they are in the bundle, in chunks of their own.
      const later = inputsOf(Object.keys(outputs).filter((o) => !startup.has(o) && !o.endsWith('.map')));
      expect(later.some((f) => f.includes('node_modules/exceljs/'))).toBe(true);
      expect(later.some((f) => f.includes('node_modules/docx/'))).toBe(true);
      // No TypeScript at run time: the built entry runs on plain node.
      const help = spawnSync(process.execPath, ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(join(dir, 'main.mjs'))}); process.exitCode = await main(['--help']);`], { encoding: 'utf8' });
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('用法：budget-workbench <命令> …');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
