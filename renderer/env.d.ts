/// <reference types="vite/client" />
/// <reference types="svelte" />

import type { PreloadBridge } from '../shared/host/api';

declare global {
  interface Window {
    /** Present only in the desktop edition (electron/preload.ts). */
    budgetHost?: PreloadBridge;
  }
}
