/** The Electron main process entry (bundled to dist/electron/main.cjs, next to preload.cjs and core-host.cjs). */
import { startApp } from './app';

startApp({ distDir: __dirname });
