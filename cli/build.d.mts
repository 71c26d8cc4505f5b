/** Types of cli/build.mjs (a plain script, so `npm ci` can run it without TypeScript). */
import type { Metafile } from 'esbuild';

export const HEAVY: Record<string, { chunk: string; names: string[]; exports?: string }>;
export const COL_CACHE_FILL: { from: string; to: string };
export function buildCli(outdir?: string): Promise<Metafile>;
export function warmCodeCache(): void;
export function rawCsvAsString(code: string): string | undefined;
export function asciiOnly(code: string): string;
