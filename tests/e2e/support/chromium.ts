/**
 * Debian's Chromium through playwright-core: headless, no background network, a fresh profile in a
 * temporary directory (a persistent context is how playwright takes a user-data-dir).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../../cli/pdf';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** `profile`: a user-data-dir to reuse (kept on close: the caller removes it), else a fresh one. */
export async function launchChromium(opts: { viewport?: { width: number; height: number }; profile?: string } = {}): Promise<LaunchedChromium> {
  const profile = opts.profile ?? mkdtempSync(join(tmpdir(), 'budget-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    acceptDownloads: true,
    args: [...CHROMIUM_ARGS, '--disable-dev-shm-usage'],
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      if (!opts.profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}
