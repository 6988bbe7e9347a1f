/** The only two IPC channels between the preload and the main process. */
export const INVOKE_CHANNEL = 'fieldkey:invoke';
export const EVENT_CHANNEL = 'fieldkey:event';
