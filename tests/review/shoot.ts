/**
 * Visual review: every screen of the workbench on the built-in sample, at 1440×900 and 1280×720,
 * as PNGs in test-results/review/ (not committed). Run with `npx tsx tests/review/shoot.ts`
 * (optionally a filter: `npx tsx tests/review/shoot.ts t5 t17`).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { buildRenderer } from '../e2e/support/build';
import { serveDir } from '../e2e/support/server';
import { launchChromium } from '../e2e/support/chromium';
import { waitForApp } from '../e2e/support/page';

const OUT = resolve(import.meta.dirname, '../../test-results/review');
const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.some((o) => name.includes(o));

async function shot(page: Page, name: string): Promise<void> {
  if (!want(name)) return;
  await page.mouse.move(0, 0);
  await page.waitForTimeout(120);
  await page.screenshot({ path: resolve(OUT, `${name}.png`), animations: 'disabled' });
}

async function scrollContent(page: Page, to: 'end' | 'right' | 'endright'): Promise<void> {
  await page.evaluate(`(() => {
    const s = document.querySelector('.view .scroll') ?? document.querySelector('main.content');
    if (!s) return;
    if (${JSON.stringify(to)} !== 'right') s.scrollTop = s.scrollHeight;
    if (${JSON.stringify(to)} !== 'end') {
      s.scrollLeft = s.scrollWidth;
      for (const v of document.querySelectorAll('.ag-body-horizontal-scroll-viewport')) { v.scrollLeft = v.scrollWidth; v.dispatchEvent(new Event('scroll')); }
    }
  })()`);
  await page.waitForTimeout(200);
}

async function run(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const dir = await buildRenderer();
  const server = await serveDir(dir);
  try {
    for (const vp of [
      { width: 1440, height: 900 },
      { width: 1280, height: 720 },
    ]) {
      const tag = `${vp.width}x${vp.height}`;
      const chrome = await launchChromium({ viewport: vp });
      const page = await chrome.context.newPage();
      page.on('pageerror', (e) => console.log('pageerror', e.message));
      await page.goto(server.url);
      await waitForApp(page);
      await page.waitForTimeout(300);
      await shot(page, `${tag}-00-概览`);
      const views: string[] = await page.$$eval('nav [data-view]', (els) => els.map((e) => e.getAttribute('data-view')!));
      let i = 1;
      for (const v of views) {
        if (v === 'overview') continue;
        const n = String(i++).padStart(2, '0');
        await page.click(`nav [data-view="${v}"]`);
        await page.waitForTimeout(400);
        if (v === 'narrative') {
          await shot(page, `${tag}-${n}-${v}-generated`);
          await page.click('[data-action=mode-edited]').catch(() => undefined);
          await page.waitForTimeout(300);
          await shot(page, `${tag}-${n}-${v}-edited`);
          await page.click('[data-action=mode-generated]').catch(() => undefined);
          continue;
        }
        await shot(page, `${tag}-${n}-${v}`);
        if (v === 'problems') continue;
        if (v === 't17') {
          const blocks: string[] = await page.$$eval('.view[data-view=t17] [data-block]', (els) => els.map((e) => e.getAttribute('data-block')!));
          for (const b of blocks) {
            await page.locator(`[data-block="${b}"]`).evaluate((el) => el.scrollIntoView({ block: 'start' }));
            await shot(page, `${tag}-${n}-${v}-${b.replace(':', '_')}`);
          }
          continue;
        }
        const sc = await page.evaluate(`(() => { const s = document.querySelector('.view .scroll'); const g = [...document.querySelectorAll('.ag-body-horizontal-scroll-viewport')].some((v) => v.scrollWidth > v.clientWidth + 1); return s ? [g || s.scrollWidth > s.clientWidth, s.scrollHeight > s.clientHeight] : [false, false]; })()`) as [boolean, boolean];
        if (sc[0]) {
          await scrollContent(page, 'right');
          await shot(page, `${tag}-${n}-${v}-right`);
        }
        if (sc[1]) {
          await scrollContent(page, 'endright');
          await shot(page, `${tag}-${n}-${v}-end`);
        }
      }
      // Dialogs.
      await page.click('nav [data-view="t5"]');
      await page.waitForSelector('.view[data-view=t5] .ag-row');
      await page.click('.view[data-view=t5] [data-action=add-row]');
      await page.waitForSelector('[data-testid=code-picker]');
      await shot(page, `${tag}-90-dialog-codepicker`);
      await page.locator('[data-testid=code-picker] input.query').fill('事业运行');
      await page.waitForTimeout(200);
      await shot(page, `${tag}-90-dialog-codepicker-query`);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(200);
      await page.click('[data-action=new]');
      await page.waitForTimeout(300);
      await shot(page, `${tag}-91-dialog-new`);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(200);
      await page.click('[data-action=export]');
      await page.waitForTimeout(800);
      await shot(page, `${tag}-92-dialog-export`);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(200);
      // An error toast and the marks: a rejected entry, then a broken rule in 表六.
      await page.click('nav [data-view="t6"]');
      await page.waitForSelector('.view[data-view=t6] .ag-row');
      const c = (row: string, col: string) => page.locator(`.grid-host[data-table="t6"] .ag-row[row-id="${row}"] .ag-cell[col-id="${col}"]`);
      await c('30205', 'total').click();
      await page.keyboard.type('7千元');
      await page.keyboard.press('Enter');
      await page.waitForTimeout(200);
      await page.screenshot({ path: resolve(OUT, `${tag}-93-toast-error.png`) });
      await c('30201', 'total').click();
      await page.keyboard.type('100000');
      await page.keyboard.press('Enter');
      await page.waitForTimeout(300);
      await c('total', 'total').hover();
      await page.waitForTimeout(800);
      await page.screenshot({ path: resolve(OUT, `${tag}-94-t6-mark-tooltip.png`) });
      await page.click('[data-action=new]');
      await page.waitForTimeout(300);
      await page.screenshot({ path: resolve(OUT, `${tag}-95-dialog-confirm.png`) });
      await page.keyboard.press('Escape');
      await chrome.close();
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await run();
