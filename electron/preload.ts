/**
 * Preload (sandboxed: only 'electron' may be required, and the bundle inlines everything else).
 * Exposes exactly PreloadBridge as window.budgetHost; see bridge.ts.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('budgetHost', createBridge(ipcRenderer));
