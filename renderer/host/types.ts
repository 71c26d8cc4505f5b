import type { Host, MenuCommand } from '../../shared/host/api';

/** What the renderer may additionally use when the host offers it. */
export interface RendererHost extends Host {
  /** Desktop: close the window now (after the unsaved-changes dialog). */
  confirmClose?(): void;
  /** Desktop: application-menu commands. */
  onMenuCommand?(handler: (command: MenuCommand, path?: string) => void): void;
}
