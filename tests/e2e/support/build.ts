/** Builds the renderer once into a temporary directory (the tests never touch dist/). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export async function buildRenderer(outDir = mkdtempSync(join(tmpdir(), 'budget-e2e-dist-'))): Promise<string> {
  const root = resolve(import.meta.dirname, '../../..');
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    // (The bundler's "plugin timings" hint is noise on a loaded CI machine.)
    build: { outDir, emptyOutDir: true, rolldownOptions: { checks: { bundlerTimings: false } } },
  });
  return outDir;
}
