/**
 * Page helpers for the workbench: record every request and page error, find grid cells by table,
 * row key and column key, type like an officer, mock the File System Access pickers with files
 * kept on the Node side (they survive a page reload).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';

export const ARTIFACTS = resolve(import.meta.dirname, '../../../test-results/e2e');

export interface Watched {
  page: Page;
  requests: string[];
  errors: string[];
}

export async function openPage(context: BrowserContext, baseUrl: string): Promise<Watched> {
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { page, requests, errors };
}

/** Requests that left the app's own origin (data: and blob: URLs are local). */
export function foreignRequests(requests: readonly string[], baseUrl: string): string[] {
  const origin = new URL(baseUrl).origin;
  return requests.filter((u) => !(u.startsWith('data:') || u.startsWith('blob:') || new URL(u).origin === origin));
}

/** As on a browser without the File System Access API: 保存 is a download, 打开 a file input. */
export async function withoutFileSystemAccess(page: Page): Promise<void> {
  await page.addInitScript(`(() => {
    for (const k of ['showOpenFilePicker', 'showSaveFilePicker', 'showDirectoryPicker']) Object.defineProperty(window, k, { value: undefined, configurable: true });
  })()`);
}

export async function waitForApp(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid=status-bar]');
}

/**
 * A page reloaded after unsaved edits is offered them back (crash recovery): tests that start each
 * case from a fresh page decline the offer when it comes.
 */
export async function declineRecovery(page: Page): Promise<void> {
  const offer = page.locator('[data-testid=confirm-dialog]', { hasText: '尚未保存' });
  const shown = await offer.waitFor({ state: 'visible', timeout: 1500 }).then(() => true, () => false);
  if (!shown) return;
  await offer.locator('button', { hasText: '放弃' }).click();
  await offer.waitFor({ state: 'hidden' });
}

export async function gotoView(page: Page, view: string): Promise<void> {
  await page.click(`nav [data-view="${view}"]`);
  await page.waitForSelector(`.view[data-view="${view}"] .ag-row`);
}

export function cell(page: Page, table: string, row: string, col: string): Locator {
  return page.locator(`.grid-host[data-table="${table}"] .ag-row[row-id="${row}"] .ag-cell[col-id="${col}"]`);
}

export async function cellText(page: Page, table: string, row: string, col: string): Promise<string> {
  return ((await cell(page, table, row, col).textContent()) ?? '').trim();
}

/** Click a cell, type as on a keyboard (the first key starts editing), commit with Enter. */
export async function typeInto(page: Page, table: string, row: string, col: string, text: string): Promise<void> {
  await cell(page, table, row, col).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Whether the element is what the page shows at its centre (not scrolled off, not covered). */
export async function shownAtCentre(page: Page, loc: Locator): Promise<boolean> {
  const box = await loc.boundingBox();
  const view = page.viewportSize();
  if (!box || !view) return false;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  if (x < 0 || y < 0 || x > view.width || y > view.height) return false;
  return loc.evaluate((el, p) => {
    const top = document.elementFromPoint(p.x, p.y);
    return !!top && (el === top || el.contains(top));
  }, { x, y });
}

/** Every cell text of a grid, by row key and column key. */
export async function gridTexts(page: Page, table: string): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(`(() => {
    const out = {};
    for (const row of document.querySelectorAll('.grid-host[data-table="${table}"] .ag-row[row-id]')) {
      const r = (out[row.getAttribute('row-id')] ??= {});
      for (const c of row.querySelectorAll('.ag-cell[col-id]')) r[c.getAttribute('col-id')] = c.textContent.trim();
    }
    return out;
  })()`);
}

/** A paste from Excel: a paste event with tab-separated text on the focused element. */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate(`(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', ${JSON.stringify(text)});
    const e = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
    (document.activeElement ?? document.body).dispatchEvent(e);
  })()`);
}

/** A copy (Ctrl+C): returns what the page put on the clipboard. */
export async function copyText(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const dt = new DataTransfer();
    const e = new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true });
    (document.activeElement ?? document.body).dispatchEvent(e);
    return dt.getData('text/plain');
  })()`);
}

/**
 * A screenshot of a whole table: the window is made large enough for the element (the app scrolls
 * inside its content pane), toasts and tooltips are hidden, then everything is put back.
 */
export async function screenshot(page: Page, locator: Locator, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = resolve(ARTIFACTS, name);
  // (A grid is at most as wide as the view and scrolls inside itself: its full width is its style.)
  const size = await locator.evaluate((el: Element) => ({
    w: Math.max(el.scrollWidth, ...[...el.querySelectorAll<HTMLElement>('.grid-host')].map((g) => parseFloat(g.style.width) || 0)),
    h: el.scrollHeight,
  }));
  const before = page.viewportSize() ?? { width: 1440, height: 900 };
  await page.setViewportSize({ width: Math.max(before.width, size.w + 560), height: Math.max(before.height, size.h + 320) });
  await page.evaluate(`(() => {
    const s = document.createElement('style');
    s.id = 'e2e-shot';
    s.textContent = '[data-testid=toast], .ag-tooltip { display: none !important; }';
    document.head.appendChild(s);
  })()`);
  await page.mouse.move(0, 0);
  await locator.scrollIntoViewIfNeeded();
  await locator.screenshot({ path, animations: 'disabled' });
  await page.evaluate(`document.getElementById('e2e-shot')?.remove()`);
  await page.setViewportSize(before);
  return path;
}

/**
 * showSaveFilePicker / showOpenFilePicker replaced by in-memory handles whose bytes live in Node
 * (`files`), so a saved file can be reopened after a reload. `saveName` is what "the user" types.
 */
export async function mockFilePickers(page: Page, files: Map<string, Buffer>, saveName: string): Promise<void> {
  await page.exposeFunction('__e2eStore', (name: string, b64: string) => {
    files.set(name, Buffer.from(b64, 'base64'));
  });
  await page.exposeFunction('__e2eLoad', (name: string) => files.get(name)?.toString('base64') ?? '');
  await page.exposeFunction('__e2eLastName', () => [...files.keys()].pop() ?? '');
  await page.addInitScript(`(() => {
    const toB64 = (u8) => { let s = ''; for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000)); return btoa(s); };
    const fromB64 = (b64) => { const s = atob(b64); const u8 = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) u8[i] = s.charCodeAt(i); return u8; };
    const handle = (name) => ({
      kind: 'file',
      name,
      async getFile() { return new File([fromB64(await window.__e2eLoad(name))], name); },
      async createWritable() {
        const parts = [];
        return {
          async write(d) { parts.push(d instanceof Blob ? new Uint8Array(await d.arrayBuffer()) : new Uint8Array(d)); },
          async close() { const n = parts.reduce((a, p) => a + p.length, 0); const all = new Uint8Array(n); let o = 0; for (const p of parts) { all.set(p, o); o += p.length; } await window.__e2eStore(name, toB64(all)); },
          async abort() {},
        };
      },
    });
    window.__e2ePickerCalls = [];
    window.showSaveFilePicker = async (opts) => { window.__e2ePickerCalls.push(['save', opts && opts.suggestedName]); return handle(${JSON.stringify(saveName)}); };
    window.showOpenFilePicker = async () => { window.__e2ePickerCalls.push(['open']); return [handle(await window.__e2eLastName())]; };
  })()`);
}
