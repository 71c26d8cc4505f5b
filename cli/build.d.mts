/** Types of cli/build.mjs (a plain script, so `npm ci` can run it without TypeScript). */
import type { Metafile } from 'esbuild';

export function buildCli(outdir?: string): Promise<Metafile>;
