#!/usr/bin/env node
// The CLI runs from its bundle, dist-cli/main.cjs (cli/build.mjs), built by `npm ci` / `npm install`
// (the `prepare` script) or `npm run build:cli`: no TypeScript is transpiled at run time, and V8's
// code cache (cli/code-cache.cjs) spares compiling what the last run compiled.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist-cli/', import.meta.url));
let cache;
try {
  cache = createRequire(import.meta.url)(`${dist}code-cache.cjs`);
} catch (e) {
  if (e?.code !== 'MODULE_NOT_FOUND' || !String(e.message).includes('dist-cli')) throw e;
  console.error('命令行程序尚未构建（缺少 dist-cli/）：请在项目目录运行 npm run build:cli（npm ci 会自动构建）。');
  process.exit(2);
}
// The caches of the files this run compiled afresh (a new build, a new Node) are written at exit.
process.on('exit', () => cache.save());
const code = await cache.load(`${dist}main.cjs`).main(process.argv.slice(2));
// Exit once stdout and stderr are flushed (every command has awaited its own work by now): letting
// Node tear down a check's heap at a natural exit cost ~50 ms more.
process.exitCode = code;
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
