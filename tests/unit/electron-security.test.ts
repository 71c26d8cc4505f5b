import { afterAll, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { App, Session, WebContents } from 'electron';

vi.mock('electron', () => ({}));

import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  guardWebContents,
  installAppGuards,
  installSessionGuards,
  isAllowedRequestUrl,
  resolveAppPath,
  secureWebPreferences,
  TransientPages,
  withSecurityHeaders,
} from '../../electron/security';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-electron-security-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const dist = path.join(root, 'dist');
fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>工作台</title>');
fs.writeFileSync(path.join(dist, 'assets', 'sql-wasm.wasm'), Buffer.from([0, 97, 115, 109]));
fs.writeFileSync(path.join(root, 'secret.txt'), 'SECRET');
fs.mkdirSync(path.join(root, 'dist-evil'));
fs.writeFileSync(path.join(root, 'dist-evil', 'x.txt'), 'SECRET');

/** A fake WebContents: an EventEmitter plus setWindowOpenHandler. */
function fakeContents() {
  const em = new EventEmitter() as EventEmitter & { openHandler?: (d: { url: string }) => { action: string } };
  (em as unknown as { setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => void }).setWindowOpenHandler = (h) => {
    em.openHandler = h;
  };
  return em;
}
const event = (extra: object = {}) => ({ preventDefault: vi.fn(), ...extra });

describe('web preferences and CSP', () => {
  it('locks the renderer down', () => {
    const prefs = secureWebPreferences('/app/dist-electron/preload.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      preload: '/app/dist-electron/preload.cjs',
    });
    expect(secureWebPreferences()).not.toHaveProperty('preload');
  });

  it('has the agreed strict CSP', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('replaces any CSP a response carries', () => {
    const h = withSecurityHeaders({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] });
    expect(h['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(h['content-security-policy']).toBeUndefined();
    expect(h['Content-Type']).toEqual(['text/html']);
  });

  it('registers app:// as a standard, secure scheme', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
    expect(APP_ENTRY_URL).toBe('app://bundle/index.html');
  });
});

describe('web contents guards', () => {
  it('prevents navigation and redirects, denies window.open and webviews', () => {
    const c = fakeContents();
    guardWebContents(c as unknown as WebContents);
    const nav = event({ url: 'https://example.com/' });
    c.emit('will-navigate', nav);
    expect(nav.preventDefault).toHaveBeenCalled();
    const self = event({ url: 'app://bundle/index.html' });
    c.emit('will-navigate', self);
    expect(self.preventDefault).toHaveBeenCalled();
    const redirect = event({ url: 'https://example.com/' });
    c.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = event();
    c.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(c.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(c.openHandler!({ url: 'app://bundle/index.html' })).toEqual({ action: 'deny' });
  });

  it('lets a subframe show inline content but not the web, and never navigates the main frame', () => {
    const c = fakeContents();
    guardWebContents(c as unknown as WebContents);
    const srcdoc = event({ url: 'about:srcdoc', isMainFrame: false });
    c.emit('will-frame-navigate', srcdoc);
    expect(srcdoc.preventDefault).not.toHaveBeenCalled();
    const web = event({ url: 'https://example.com/', isMainFrame: false });
    c.emit('will-frame-navigate', web);
    expect(web.preventDefault).toHaveBeenCalled();
    const main = event({ url: 'app://bundle/other.html', isMainFrame: true });
    c.emit('will-frame-navigate', main);
    expect(main.preventDefault).toHaveBeenCalled();
  });

  it('guards every web contents as it is created', () => {
    const app = new EventEmitter();
    installAppGuards(app as unknown as App);
    const c = fakeContents();
    app.emit('web-contents-created', {}, c);
    const nav = event({ url: 'https://example.com/' });
    c.emit('will-navigate', nav);
    expect(nav.preventDefault).toHaveBeenCalled();
    expect(c.openHandler).toBeDefined();
  });
});

describe('session guards', () => {
  function fakeSession() {
    const em = new EventEmitter();
    const s = {
      on: em.on.bind(em),
      emit: em.emit.bind(em),
      beforeRequest: undefined as undefined | ((d: { url: string }, cb: (r: { cancel?: boolean }) => void) => void),
      headersReceived: undefined as undefined | ((d: { url: string; responseHeaders?: Record<string, string[]> }, cb: (r: object) => void) => void),
      permissionRequest: undefined as undefined | ((wc: unknown, p: string, cb: (ok: boolean) => void, details: object) => void),
      permissionCheck: undefined as undefined | ((...a: unknown[]) => boolean),
      deviceCheck: undefined as undefined | ((...a: unknown[]) => boolean),
      spellcheck: true,
      webRequest: {
        onBeforeRequest: (l: never) => void (s.beforeRequest = l),
        onHeadersReceived: (l: never) => void (s.headersReceived = l),
      },
      setPermissionRequestHandler: (h: never) => void (s.permissionRequest = h),
      setPermissionCheckHandler: (h: never) => void (s.permissionCheck = h),
      setDevicePermissionHandler: (h: never) => void (s.deviceCheck = h),
      setSpellCheckerEnabled: (on: boolean) => void (s.spellcheck = on),
    };
    return s;
  }

  function cancelled(s: ReturnType<typeof fakeSession>, url: string): boolean {
    let result: boolean | undefined;
    s.beforeRequest!({ url }, (r) => (result = Boolean(r.cancel)));
    return result!;
  }

  it('cancels every request that is not the app’s own', () => {
    const s = fakeSession();
    const blocked: string[] = [];
    installSessionGuards(s as unknown as Session, { onBlocked: (u) => blocked.push(u) });
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'ws://localhost/',
      'file:///etc/passwd',
      'ftp://x/',
      'app://evil/index.html',
      'app://user:pw@bundle/index.html',
      'chrome://gpu',
      'devtools://devtools/bundled/inspector.html',
      'blob:https://example.com/uuid',
      'not a url',
    ]) {
      expect(cancelled(s, url), url).toBe(true);
    }
    for (const url of ['app://bundle/index.html', 'app://bundle/assets/sql-wasm.wasm', 'data:image/png;base64,AA==', 'blob:app://bundle/uuid']) {
      expect(cancelled(s, url), url).toBe(false);
    }
    expect(blocked).toContain('https://example.com/');
  });

  it('allows devtools only in development', () => {
    expect(isAllowedRequestUrl('devtools://devtools/x', { allowDevtools: true })).toBe(true);
    expect(isAllowedRequestUrl('devtools://devtools/x')).toBe(false);
  });

  it('denies every permission request and check, and turns the spellchecker off', () => {
    const s = fakeSession();
    installSessionGuards(s as unknown as Session);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const cb = vi.fn();
      s.permissionRequest!({}, p, cb, {});
      expect(cb).toHaveBeenCalledWith(false);
      expect(s.permissionCheck!({}, p, 'app://bundle', {})).toBe(false);
    }
    expect(s.deviceCheck!({})).toBe(false);
    expect(s.spellcheck).toBe(false);
  });

  it('sets the CSP header on every response and prevents downloads', () => {
    const s = fakeSession();
    installSessionGuards(s as unknown as Session);
    let headers: Record<string, string[]> = {};
    s.headersReceived!({ url: 'app://bundle/index.html', responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (headers = (r as { responseHeaders: typeof headers }).responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    const dl = event();
    s.emit('will-download', dl, {}, {});
    expect(dl.preventDefault).toHaveBeenCalled();
  });
});

describe('app:// protocol', () => {
  const pages = new TransientPages();
  const handler = createAppProtocolHandler({ root: dist, transient: pages });
  const get = (url: string, method = 'GET') => handler({ url, method } as Request);

  it('serves files under dist/ with the right type and the CSP', async () => {
    const res = await get('app://bundle/index.html');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('工作台');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const root = await get('app://bundle/');
    expect(await root.text()).toContain('工作台');
    const wasm = await get('app://bundle/assets/sql-wasm.wasm');
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect((await get('app://bundle/missing.js')).status).toBe(404);
  });

  it.each([
    'app://bundle/../secret.txt',
    'app://bundle/..%2fsecret.txt',
    'app://bundle/%2e%2e/secret.txt',
    'app://bundle/%2E%2E%2Fsecret.txt',
    'app://bundle/assets/..%2f..%2fsecret.txt',
    'app://bundle/..%5csecret.txt',
    'app://bundle/..%5c..%5csecret.txt',
    'app://bundle/%2e%2e%5csecret.txt',
    'app://bundle/../dist-evil/x.txt',
    'app://bundle/..%2fdist-evil%2fx.txt',
    'app://bundle/%2fetc%2fpasswd',
    'app://bundle/C:%5cWindows%5cwin.ini',
    'app://bundle/index.html%00.png',
    'app://evil/index.html',
    'app://bundle:8080/index.html',
  ])('refuses traversal and foreign hosts: %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('SECRET');
  });

  it('resolveAppPath maps only into the root', () => {
    expect(resolveAppPath('app://bundle/assets/a.js', dist)).toBe(path.join(dist, 'assets', 'a.js'));
    expect(resolveAppPath('app://bundle/', dist)).toBe(path.join(dist, 'index.html'));
    expect(resolveAppPath('app://bundle/%E8%A1%A8.html', dist)).toBe(path.join(dist, '表.html'));
    expect(resolveAppPath('app://bundle/../secret.txt', dist)).toBeNull();
    expect(resolveAppPath('app://bundle/..%2fsecret.txt', dist)).toBeNull();
    expect(resolveAppPath('app://bundle/%zz', dist)).toBeNull();
    expect(resolveAppPath('file:///etc/passwd', dist)).toBeNull();
  });

  it('refuses methods other than GET/HEAD', async () => {
    expect((await get('app://bundle/index.html', 'POST')).status).toBe(405);
  });

  it('serves a transient print page only while it is registered', async () => {
    const page = pages.add('<h1>表一</h1>');
    expect(page.url).toMatch(/^app:\/\/bundle\/__print__\/[0-9a-f]{32}\.html$/);
    const res = await get(page.url);
    expect(await res.text()).toBe('<h1>表一</h1>');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    page.dispose();
    expect((await get(page.url)).status).toBe(404);
    expect((await get('app://bundle/__print__/guess.html')).status).toBe(404);
    expect(pages.size).toBe(0);
  });
});
