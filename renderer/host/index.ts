/** Picks the host at startup: the desktop preload's bridge when present, else the browser's APIs. */
import { BrowserHost } from './browser';
import { ElectronHost } from './electron';
import type { RendererHost } from './types';

export type { RendererHost };

export function pickHost(): RendererHost {
  return window.budgetHost ? new ElectronHost(window.budgetHost) : new BrowserHost();
}
