/**
 * Event channels besides the invoke channels of shared/host/api.ts. The renderer never sees these
 * names (the preload bridge hides them); main and preload share them from here.
 */
/** main → renderer: the user wants to close a window with unsaved changes. */
export const CLOSE_REQUEST_CHANNEL = 'app:close-request';
/** renderer → main: the renderer agrees to close (saved, or the user chose to discard). */
export const CONFIRM_CLOSE_CHANNEL = 'app:confirm-close';
/** main → renderer: an application-menu command (MenuCommand, optional path). */
export const MENU_COMMAND_CHANNEL = 'menu:command';
