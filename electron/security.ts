/**
 * Everything that keeps the renderer boxed in: web preferences, CSP, navigation and window guards,
 * permission denial, a request filter that lets nothing leave the machine, and the `app://` protocol
 * that serves only the built renderer (dist/). Plain functions over the Electron objects they are
 * given, so vitest can drive them with fakes; only `import type` from 'electron' here.
 */
import * as nodeFs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { App, CustomScheme, Session, WebContents, WebPreferences } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // sql.js compiles its WebAssembly; nothing else may evaluate code.
  "script-src 'self' 'wasm-unsafe-eval'",
  // Svelte and ag-grid set inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Must be registered before app 'ready'. Standard + secure gives app:// a real origin for fetch/wasm. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: true },
};

export function secureWebPreferences(preload?: string): WebPreferences {
  return {
    ...(preload ? { preload } : {}),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    spellcheck: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

// ---------------------------------------------------------------------------------------------
// app:// protocol

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function mimeTypeFor(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Map an app:// URL to a file under `root`, or null if it is not ours or escapes `root`.
 * Checks the raw and the decoded path: Chromium normalises `/../` but not `..%2f` or `..%5c`.
 */
export function resolveAppPath(url: string, root: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username || u.password || u.port) return null;
  const rawPath = url.slice(APP_ORIGIN.length).split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  // No file of ours needs an encoded separator or a backslash: such a URL is an attack, not a typo.
  if (/%2f|%5c|\\/i.test(rawPath) || decoded.includes('\\') || decoded.includes('//')) return null;
  for (const p of [rawPath, u.pathname, decoded]) {
    if (p.includes('\0')) return null;
    const segments = p.split(/[\\/]/);
    if (segments.some((s) => s === '..' || s.toLowerCase() === '%2e%2e' || s.includes(':'))) return null;
  }
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^[\\/]+/, '');
  const base = path.resolve(root);
  const full = path.resolve(base, rel);
  const inside = path.relative(base, full);
  if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return full;
}

/**
 * In-memory pages served under app://bundle/__print__/ (the HTML printed to PDF), so printing needs
 * neither a data: URL (size-limited) nor a temp file, and stays on the app's origin and CSP.
 */
export class TransientPages {
  static readonly PREFIX = '/__print__/';
  private readonly pages = new Map<string, string>();

  add(html: string): { url: string; dispose: () => void } {
    const token = randomBytes(16).toString('hex');
    this.pages.set(token, html);
    return { url: `${APP_ORIGIN}${TransientPages.PREFIX}${token}.html`, dispose: () => void this.pages.delete(token) };
  }

  /** undefined: not a transient URL; null: a transient URL that is not (or no longer) registered. */
  lookup(url: string): string | null | undefined {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return undefined;
    }
    if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || !u.pathname.startsWith(TransientPages.PREFIX)) return undefined;
    const m = /^([0-9a-f]{32})\.html$/.exec(u.pathname.slice(TransientPages.PREFIX.length));
    return (m && this.pages.get(m[1]!)) ?? null;
  }

  get size(): number {
    return this.pages.size;
  }
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

export interface AppProtocolOptions {
  /** The built renderer folder (dist/), the only place files are served from. */
  root: string;
  readFile?: (file: string) => Promise<Uint8Array>;
  transient?: TransientPages;
}

/** The handler for protocol.handle('app', …). */
export function createAppProtocolHandler(opts: AppProtocolOptions): (request: Request) => Promise<Response> {
  const readFile = opts.readFile ?? ((f: string) => nodeFs.readFile(f));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: securityHeaders('text/plain; charset=utf-8') });
    }
    const page = opts.transient?.lookup(request.url);
    if (typeof page === 'string') return new Response(page, { status: 200, headers: securityHeaders(MIME['.html']!) });
    if (page === null) return new Response('未找到', { status: 404, headers: securityHeaders('text/plain; charset=utf-8') });

    const file = resolveAppPath(request.url, opts.root);
    if (!file) return new Response('禁止访问', { status: 403, headers: securityHeaders('text/plain; charset=utf-8') });
    try {
      const data = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : (data as Uint8Array<ArrayBuffer>), {
        status: 200,
        headers: securityHeaders(mimeTypeFor(file)),
      });
    } catch {
      return new Response('未找到', { status: 404, headers: securityHeaders('text/plain; charset=utf-8') });
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Session: request filter, CSP header, permissions, downloads

/** The only URLs the app may load: its own origin, and inline data/blob content it made itself. */
export function isAllowedRequestUrl(url: string, opts: { allowDevtools?: boolean } = {}): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  switch (u.protocol) {
    case `${APP_SCHEME}:`:
      return u.host === APP_HOST && !u.username && !u.password && !u.port;
    case 'data:':
      return true;
    case 'blob:':
      return url.startsWith(`blob:${APP_ORIGIN}/`);
    case 'about:':
      return url === 'about:blank';
    case 'devtools:':
      return Boolean(opts.allowDevtools);
    default:
      return false; // http, https, ws, file, ftp, chrome, … : no network, no local files
  }
}

/** Replace any CSP the response carries with ours (header names are case-insensitive). */
export function withSecurityHeaders(headers: Record<string, string[] | string> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    const lk = k.toLowerCase();
    if (lk === 'content-security-policy' || lk === 'content-security-policy-report-only' || lk === 'x-content-type-options') continue;
    out[k] = Array.isArray(v) ? v : [v];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}

export interface SessionGuardOptions {
  allowDevtools?: boolean;
  onBlocked?: (url: string) => void;
}

export function installSessionGuards(session: Session, opts: SessionGuardOptions = {}): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const ok = isAllowedRequestUrl(details.url, opts);
    if (!ok) opts.onBlocked?.(details.url);
    callback({ cancel: !ok });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    // DevTools (development only) brings its own policy; ours would break it.
    if (details.url.startsWith('devtools:')) return callback({});
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders as Record<string, string[]> | undefined) });
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Chromium's spellchecker downloads dictionaries from the internet; we want no request at all.
  session.setSpellCheckerEnabled(false);
  // Files leave the app only through the Host (export:write, file:save), never as a browser download.
  session.on('will-download', (event) => event.preventDefault());
}

// ---------------------------------------------------------------------------------------------
// WebContents: navigation, new windows, webviews

export function guardWebContents(contents: WebContents): void {
  // The app is a single page: any navigation is a dropped file, a stray link or an attack.
  contents.on('will-navigate', (event) => event.preventDefault());
  // Subframes (e.g. a srcdoc preview) may load inline or app content, nothing else.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || !(event.url === 'about:srcdoc' || isAllowedRequestUrl(event.url))) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Guard every web contents as it is created (windows, the PDF window, anything unexpected). */
export function installAppGuards(app: App): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}
