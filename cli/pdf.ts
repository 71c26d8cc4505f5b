/**
 * HTML → PDF in the command line: the system's Chromium driven by playwright-core (never a
 * downloaded browser). Offline and sealed: a fresh profile, every request refused (the page is
 * handed over as a string, so nothing needs fetching), the system's CJK fonts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Other common places, tried after /usr/bin/chromium. */
const CANDIDATES = [
  DEFAULT_CHROMIUM,
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium to use: `--chromium PATH` if given (it must exist), else the first one installed. */
export function findChromium(explicit?: string): string | null {
  if (explicit) return existsSync(explicit) ? explicit : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export function chromiumMissingMessage(explicit?: string): string {
  return explicit
    ? `找不到 Chromium 浏览器“${explicit}”，未生成 PDF。请检查 --chromium 指定的路径。`
    : `未找到 Chromium 浏览器（${DEFAULT_CHROMIUM}），未生成 PDF。请安装 Chromium，或用 --chromium 指定浏览器程序的路径；其他格式不受影响。`;
}

export interface PdfResult {
  bytes: Uint8Array;
  /** Requests the page tried to make (all refused); should be none. */
  blocked: string[];
}

export interface PdfPrinter {
  /** Prints an HTML string to PDF with CSS page sizes (A4, per-table landscape). */
  print(html: string): Promise<PdfResult>;
  close(): Promise<void>;
}

/**
 * One Chromium and one page for every PDF of a run (the tables, the narrative): started on the
 * first print, so a run that prints nothing never launches a browser.
 */
export function pdfPrinter(chromiumPath: string, timeoutMs = 60_000): PdfPrinter {
  let started: Promise<{ context: BrowserContext; page: Page; profile: string; blocked: string[] }> | null = null;
  const start = async () => {
    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(join(tmpdir(), 'budget-pdf-'));
    const blocked: string[] = [];
    // A persistent context on a fresh directory = a fresh --user-data-dir we own and remove.
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: CHROMIUM_ARGS.filter((a) => a !== '--headless'), // playwright passes its own headless flag
      offline: true,
      acceptDownloads: false,
      serviceWorkers: 'block',
      timeout: timeoutMs,
    });
    try {
      await context.route('**/*', (route) => {
        blocked.push(route.request().url());
        return route.abort('blockedbyclient');
      });
      const page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(timeoutMs);
      return { context, page, profile, blocked };
    } catch (e) {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
      throw e;
    }
  };
  return {
    async print(html) {
      const { page, blocked } = await (started ??= start());
      blocked.length = 0;
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => true));
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
      return { bytes: new Uint8Array(pdf), blocked: [...blocked] };
    },
    async close() {
      if (!started) return;
      const s = await started.catch(() => null);
      started = null;
      if (!s) return;
      await s.context.close().catch(() => undefined);
      rmSync(s.profile, { recursive: true, force: true });
    },
  };
}

/** Prints one HTML string to PDF in a Chromium of its own. */
export async function htmlToPdf(html: string, chromiumPath: string, timeoutMs = 60_000): Promise<PdfResult> {
  const printer = pdfPrinter(chromiumPath, timeoutMs);
  try {
    return await printer.print(html);
  } finally {
    await printer.close();
  }
}
