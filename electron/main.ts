/**
 * The thin Electron edge: app lifecycle, one instance, the main window, and wiring of the plain
 * modules (security, ipc, menu, pdf, recent, files, lifecycle). Everything with logic lives in those
 * modules and is unit-tested there; this file only connects them to the real Electron objects.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import type { MenuCommand } from '../shared/host/api';
import { CLOSE_REQUEST_CHANNEL, CONFIRM_CLOSE_CHANNEL, MENU_COMMAND_CHANNEL } from './channels';
import { atomicWrite, readFileLimited } from './files';
import { createHandlers, createSenderCheck, PathAllowList, registerIpcHandlers } from './ipc';
import { createDocumentLock, createFileLocks, createJournalStore, RECOVERY_DIR_NAME } from './recovery';
import { budgetFileFromArgv, createCloseGuard, PRODUCT_NAME, windowTitle, type CloseGuard } from './lifecycle';
import { buildMenuTemplate } from './menu';
import { createPdfPrinter } from './pdf';
import { RECENT_FILE_NAME, RecentStore } from './recent';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  installAppGuards,
  installSessionGuards,
  secureWebPreferences,
  TransientPages,
} from './security';

const isDev = !app.isPackaged;

// Before 'ready': the scheme's privileges, sandbox for every renderer, guards for every webContents.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();
installAppGuards(app);

const allowed = new PathAllowList();
const printPages = new TransientPages();
/** The .budget the window has open for writing (its lock file); released when the window closes. */
const documentLock = createDocumentLock(createFileLocks());
let mainWindow: BrowserWindow | null = null;
let closeGuard: CloseGuard | null = null;
let recent: RecentStore | null = null;
/** A .budget file to open once the page has loaded (command line, file association). */
let pendingOpen: string | null = budgetFileFromArgv(process.argv, process.cwd());
if (pendingOpen) allowed.add(pendingOpen);

function sendCommand(command: MenuCommand, file?: string): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(MENU_COMMAND_CHANNEL, command, file);
}

/** A file handed to us by the OS: allow it, then ask the renderer to open it like a recent file. */
function openFromOutside(file: string): void {
  allowed.add(file);
  if (mainWindow && !mainWindow.isDestroyed() && !mainWindow.webContents.isLoading()) sendCommand('open-recent', file);
  else pendingOpen = file;
}

function showAbout(): void {
  const detail = [
    `版本 ${app.getVersion()}`,
    `Electron ${process.versions.electron} · Chromium ${process.versions.chrome}`,
    '离线使用：不连接网络，不自动更新。',
  ].join('\n');
  const opts = { type: 'info' as const, title: '关于', message: PRODUCT_NAME, detail, buttons: ['确定'] };
  void (mainWindow ? dialog.showMessageBox(mainWindow, opts) : dialog.showMessageBox(opts));
}

function rebuildMenu(): void {
  const template = buildMenuTemplate({
    send: sendCommand,
    recent: recent?.snapshot() ?? [],
    clearRecent: () => void recent?.clear(),
    showAbout,
    isDev,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: PRODUCT_NAME,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(path.join(__dirname, 'preload.cjs')),
  });
  const guard = createCloseGuard({
    askRenderer: () => win.webContents.send(CLOSE_REQUEST_CHANNEL),
    closeWindow: () => win.close(),
  });
  closeGuard = guard;
  win.on('close', (event) => guard.handleClose(event));
  win.webContents.on('render-process-gone', () => guard.rendererGone());
  // The close guard already asked; a page 'beforeunload' (browser-edition code) must not block silently.
  win.webContents.on('will-prevent-unload', (event) => event.preventDefault());
  win.webContents.on('did-finish-load', () => {
    if (pendingOpen) {
      sendCommand('open-recent', pendingOpen);
      pendingOpen = null;
    }
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    documentLock.dropSync();
    if (mainWindow === win) {
      mainWindow = null;
      closeGuard = null;
    }
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

async function start(): Promise<void> {
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: path.join(app.getAppPath(), 'dist'), transient: printPages }));
  installSessionGuards(session.defaultSession, {
    allowDevtools: isDev,
    onBlocked: (url) => console.warn('[security] 已阻止请求', url.slice(0, 200)),
  });

  recent = new RecentStore({ file: path.join(app.getPath('userData'), RECENT_FILE_NAME) });
  await recent.list(); // fills the cache the menu reads
  recent.onChange(() => rebuildMenu());

  const printPdf = createPdfPrinter({ createWindow: (options) => new BrowserWindow(options), pages: printPages });
  const handlers = createHandlers({
    dialog: {
      showOpenDialog: (o) => (mainWindow ? dialog.showOpenDialog(mainWindow, o) : dialog.showOpenDialog(o)),
      showSaveDialog: (o) => (mainWindow ? dialog.showSaveDialog(mainWindow, o) : dialog.showSaveDialog(o)),
      showMessageBox: (o) => (mainWindow ? dialog.showMessageBox(mainWindow, o) : dialog.showMessageBox(o)),
    },
    files: { read: (f, max) => readFileLimited(f, max), write: (f, bytes, o) => atomicWrite(f, bytes, o) },
    recent,
    allowed,
    printPdf,
    setDirty: (dirty, title) => {
      closeGuard?.setDirty(dirty);
      if (mainWindow && !mainWindow.isDestroyed()) {
        mainWindow.setTitle(windowTitle(title, dirty));
        mainWindow.setDocumentEdited(dirty);
      }
    },
    defaultDir: () => app.getPath('documents'),
    journal: createJournalStore(path.join(app.getPath('userData'), RECOVERY_DIR_NAME)),
    lock: documentLock,
  });
  const isTrustedSender = createSenderCheck(() => (mainWindow && !mainWindow.isDestroyed() ? [mainWindow.webContents.id] : []));
  registerIpcHandlers(ipcMain, handlers, isTrustedSender);
  ipcMain.on(CONFIRM_CLOSE_CHANNEL, (event) => {
    if (isTrustedSender(event)) closeGuard?.confirm();
  });

  mainWindow = createMainWindow();
  rebuildMenu();

  app.on('activate', () => {
    if (!mainWindow) mainWindow = createMainWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another instance is running; it receives our command line through 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    const file = budgetFileFromArgv(argv, workingDirectory);
    if (file) openFromOutside(file);
  });
  // macOS delivers file associations as an event (possibly before 'ready').
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFromOutside(file);
  });
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start).catch((err: unknown) => {
    console.error(err);
    dialog.showErrorBox('启动失败', `${PRODUCT_NAME}无法启动：${err instanceof Error ? err.message : String(err)}`);
    app.exit(1);
  });
}
