/** Types of cli/code-cache.cjs (plain CommonJS: it is copied into dist-cli/ as is). */
export function load(file: string): any;
export function save(force?: boolean): void;
export function loadedFiles(): { name: string; fromCache: boolean }[];
