/**
 * HTML → PDF bytes with Chromium's own printer (webContents.printToPDF) in a hidden, sandboxed
 * window, the way Frappe Books prints. The HTML is served from memory on the app's own origin
 * (app://bundle/__print__/…): no temp file, no data: URL length limit, the same CSP and request
 * filter as the app (so no network), and fonts under dist/ load as 'self'.
 */
import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron';
import { SerialQueue } from './files';
import { secureWebPreferences, type TransientPages } from './security';

export interface PdfWindowLike {
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
  destroy(): void;
  webContents: {
    printToPDF(options: PrintToPDFOptions): Promise<Uint8Array>;
    executeJavaScript(code: string): Promise<unknown>;
  };
}

export interface PdfDeps {
  /** new BrowserWindow(options) in main.ts; a fake in tests. */
  createWindow(options: BrowserWindowConstructorOptions): PdfWindowLike;
  pages: TransientPages;
  timeoutMs?: number;
}

export function pdfWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 1123, // A4 landscape at 96 dpi, so layout matches the printed page
    height: 794,
    // No preload: the print page gets no bridge to the main process at all.
    webPreferences: { ...secureWebPreferences(), backgroundThrottling: false, images: true },
  };
}

export function pdfPrintOptions(landscape: boolean): PrintToPDFOptions {
  return {
    pageSize: 'A4',
    landscape,
    printBackground: true,
    // An @page rule in the HTML (e.g. per-table orientation) wins over the defaults above.
    preferCSSPageSize: true,
    generateDocumentOutline: false,
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what}超时`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

/** Returns print(html, landscape) → PDF bytes. Prints run one at a time (one hidden window). */
export function createPdfPrinter(deps: PdfDeps): (html: string, landscape: boolean) => Promise<Uint8Array> {
  const queue = new SerialQueue();
  const timeout = deps.timeoutMs ?? 120_000;
  return (html, landscape) =>
    queue.run(async () => {
      const page = deps.pages.add(html);
      let win: PdfWindowLike | null = null;
      try {
        win = deps.createWindow(pdfWindowOptions());
        await withTimeout(win.loadURL(page.url), timeout, '加载打印页面');
        // Web fonts may still be loading after 'load'; wait briefly, print anyway if they stall.
        await withTimeout(win.webContents.executeJavaScript('document.fonts.ready.then(() => true)'), 10_000, '加载字体').catch(
          () => undefined,
        );
        const pdf = await withTimeout(win.webContents.printToPDF(pdfPrintOptions(landscape)), timeout, '生成 PDF');
        // A plain Uint8Array of exactly the PDF (a Buffer may view a larger pool).
        return new Uint8Array(pdf);
      } catch (err) {
        throw new Error(`生成 PDF 失败：${err instanceof Error ? err.message : String(err)}`);
      } finally {
        page.dispose();
        if (win && !win.isDestroyed()) win.destroy();
      }
    });
}
