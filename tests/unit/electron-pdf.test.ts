import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron';

vi.mock('electron', () => ({}));

import { createPdfPrinter, pdfPrintOptions, pdfWindowOptions, type PdfWindowLike } from '../../electron/pdf';
import { createAppProtocolHandler, TransientPages } from '../../electron/security';

function fakeWindowFactory(opts: { failLoad?: boolean; failPrint?: boolean } = {}) {
  const created: { options: BrowserWindowConstructorOptions; win: PdfWindowLike & { loaded?: string; printed?: PrintToPDFOptions; destroyed: boolean } }[] = [];
  const createWindow = (options: BrowserWindowConstructorOptions) => {
    const win = {
      destroyed: false,
      loaded: undefined as string | undefined,
      printed: undefined as PrintToPDFOptions | undefined,
      loadURL: (async (url: string) => {
        if (opts.failLoad) throw new Error('ERR_BLOCKED_BY_CLIENT');
        win.loaded = url;
      }) as (url: string) => Promise<void>,
      isDestroyed: () => win.destroyed,
      destroy: () => void (win.destroyed = true),
      webContents: {
        executeJavaScript: vi.fn(async () => true),
        printToPDF: vi.fn(async (o: PrintToPDFOptions) => {
          if (opts.failPrint) throw new Error('printing failed');
          win.printed = o;
          return Buffer.from('%PDF-1.7 fake');
        }),
      },
    };
    created.push({ options, win });
    return win;
  };
  return { created, createWindow };
}

describe('printToPDF', () => {
  it('uses a hidden, sandboxed window without preload', () => {
    const o = pdfWindowOptions();
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false });
    expect(o.webPreferences).not.toHaveProperty('preload');
  });

  it('prints A4 with backgrounds, landscape on request', () => {
    expect(pdfPrintOptions(true)).toMatchObject({ pageSize: 'A4', landscape: true, printBackground: true });
    expect(pdfPrintOptions(false)).toMatchObject({ pageSize: 'A4', landscape: false, printBackground: true });
  });

  it('loads the HTML from the app origin, returns the bytes, and cleans up', async () => {
    const pages = new TransientPages();
    const serve = createAppProtocolHandler({ root: '/nonexistent', transient: pages });
    const { created, createWindow } = fakeWindowFactory();
    let servedDuringPrint = '';
    const print = createPdfPrinter({
      pages,
      createWindow: (o) => {
        const w = createWindow(o);
        const load = w.loadURL;
        w.loadURL = async (url: string) => {
          servedDuringPrint = await (await serve({ url, method: 'GET' } as Request)).text();
          return load(url);
        };
        return w;
      },
    });
    const pdf = await print('<table><tr><td>表一</td></tr></table>', true);
    expect(pdf).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(pdf)).toBe(false);
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.7 fake');
    const { win } = created[0]!;
    expect(win.loaded).toMatch(/^app:\/\/bundle\/__print__\/[0-9a-f]{32}\.html$/);
    expect(servedDuringPrint).toBe('<table><tr><td>表一</td></tr></table>');
    expect(win.printed).toMatchObject({ landscape: true, pageSize: 'A4', printBackground: true });
    expect(win.destroyed).toBe(true);
    expect(pages.size).toBe(0);
  });

  it('reports failures in Chinese and still cleans up', async () => {
    for (const failure of [{ failLoad: true }, { failPrint: true }]) {
      const pages = new TransientPages();
      const { created, createWindow } = fakeWindowFactory(failure);
      const print = createPdfPrinter({ pages, createWindow });
      await expect(print('<p/>', false)).rejects.toThrow(/^生成 PDF 失败：/);
      expect(created[0]!.win.destroyed).toBe(true);
      expect(pages.size).toBe(0);
    }
  });

  it('prints one document at a time', async () => {
    const pages = new TransientPages();
    const { created, createWindow } = fakeWindowFactory();
    let open = 0;
    let maxOpen = 0;
    const print = createPdfPrinter({
      pages,
      createWindow: (o) => {
        const w = createWindow(o);
        open++;
        maxOpen = Math.max(maxOpen, open);
        const destroy = w.destroy;
        w.destroy = () => {
          open--;
          destroy();
        };
        return w;
      },
    });
    await Promise.all([print('<p>1</p>', false), print('<p>2</p>', true), print('<p>3</p>', false)]);
    expect(created).toHaveLength(3);
    expect(maxOpen).toBe(1);
  });

  it('gives up on a page that never loads', async () => {
    const pages = new TransientPages();
    const { created, createWindow } = fakeWindowFactory();
    const print = createPdfPrinter({
      pages,
      timeoutMs: 30,
      createWindow: (o) => {
        const w = createWindow(o);
        w.loadURL = () => new Promise(() => undefined);
        return w;
      },
    });
    await expect(print('<p/>', false)).rejects.toThrow(/加载打印页面超时/);
    expect(created[0]!.win.destroyed).toBe(true);
  });
});
