/**
 * Builds the renderer once (into a temporary directory) and serves it on 127.0.0.1 for every
 * end-to-end test file. Without Debian's Chromium the tests are skipped, unless CI=true, where a
 * missing browser is a failure.
 */
import type { TestProject } from 'vitest/node';
import { rmSync } from 'node:fs';
import { buildRenderer } from './build';
import { serveDir } from './server';
import { CHROMIUM, chromiumAvailable } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!chromiumAvailable()) {
    if (process.env.CI === 'true') throw new Error(`端到端测试需要 Chromium：找不到 ${CHROMIUM}（CI=true 时不能跳过）`);
    console.warn(`\n[e2e] 跳过端到端测试：找不到 ${CHROMIUM}。安装 Debian 的 chromium 包，或设置 CHROMIUM_PATH。\n`);
    project.provide('baseUrl', '');
    return async () => undefined;
  }
  const started = Date.now();
  const dir = await buildRenderer();
  const server = await serveDir(dir);
  console.log(`[e2e] 构建 ${((Date.now() - started) / 1000).toFixed(1)} 秒，服务于 ${server.url}`);
  project.provide('baseUrl', server.url);
  return async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
