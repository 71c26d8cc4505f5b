#!/usr/bin/env node
// The CLI runs from its bundle, dist-cli/main.mjs (cli/build.mjs), built by `npm ci` / `npm install`
// (the `prepare` script) or `npm run build:cli`: no TypeScript is transpiled at run time.
import module from 'node:module';

module.enableCompileCache?.(); // Node ≥ 22.1: later runs skip compiling the bundle
let cli;
try {
  cli = await import('../dist-cli/main.mjs');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist-cli')) throw e;
  console.error('命令行程序尚未构建（缺少 dist-cli/main.mjs）：请在项目目录运行 npm run build:cli（npm ci 会自动构建）。');
  process.exit(2);
}
process.exitCode = await cli.main(process.argv.slice(2));
