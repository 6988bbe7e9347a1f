// `npm start`'s command line: the options `npm run serve` takes, checked once here, then given to
// whichever app runs. Pure (no I/O), so the unit test needs no Electron and no process.
import path from 'node:path';
import { parseArgs } from 'node:util';

export const START_USAGE = `Usage: npm start -- [options]

  --port N               browser host only: port on 127.0.0.1 (default: a free one)
  --data-dir DIR         where the database and settings live (default: the app's data folder)
  --portal URL           the portal to talk to for this run, over the setting (default: the one in
                         settings; with none, a sandbox portal with demo data started by the app)
  --recreate-corrupt-db  browser host: if the database cannot be read, set it aside and start an
                         empty one (the desktop app asks instead)
  --help                 show this help`;

const OPTIONS = {
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  portal: { type: 'string' },
  'recreate-corrupt-db': { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
};

/**
 * What to run for `argv` (the words after `npm start --`):
 * - `{ kind: 'help' }` or `{ kind: 'error', message }` (with the usage text);
 * - `{ kind: 'electron', env, notes }`: the
 *   variables the Electron app reads (FIELDKEY_DATA_DIR, FIELDKEY_PORTAL_URL) and one sentence per
 *   option that does not apply to the desktop app;
 * - `{ kind: 'browser', args }`: the arguments for `dist/node/serve.mjs`, as `npm run serve` takes them.
 */
export function planStart(argv, { electron, cwd = process.cwd() }) {
  let values;
  try {
    values = parseArgs({ args: argv, options: OPTIONS, strict: true }).values;
  } catch (err) {
    return { kind: 'error', message: `${err.message}\n\n${START_USAGE}` };
  }
  if (values.help) return { kind: 'help', text: START_USAGE };

  if (values.port !== undefined) {
    const port = Number(values.port);
    if (values.port.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
      return { kind: 'error', message: `--port must be a number from 0 to 65535, not "${values.port}".` };
    }
  }
  if (values.portal !== undefined && !isHttpAddress(values.portal)) {
    return { kind: 'error', message: `--portal must be an http:// or https:// address, not "${values.portal}".` };
  }
  if (values['data-dir'] !== undefined && values['data-dir'].trim() === '') {
    return { kind: 'error', message: '--data-dir needs a folder.' };
  }
  // Resolved here: Electron and the host may start in another working directory.
  const dataDir = values['data-dir'] === undefined ? undefined : path.resolve(cwd, values['data-dir']);

  if (!electron) {
    return {
      kind: 'browser',
      args: [
        ...(values.port !== undefined ? ['--port', values.port] : []),
        ...(dataDir !== undefined ? ['--data-dir', dataDir] : []),
        ...(values.portal !== undefined ? ['--portal', values.portal] : []),
        ...(values['recreate-corrupt-db'] ? ['--recreate-corrupt-db'] : []),
      ],
    };
  }

  const env = {};
  if (dataDir !== undefined) env.FIELDKEY_DATA_DIR = dataDir;
  if (values.portal !== undefined) env.FIELDKEY_PORTAL_URL = values.portal;
  const notes = [];
  if (values.port !== undefined) notes.push('--port is for the browser host: the desktop app listens on no port, so it is ignored.');
  if (values['recreate-corrupt-db']) {
    notes.push('--recreate-corrupt-db is for the browser host: the desktop app asks what to do with a database it cannot read.');
  }
  return { kind: 'electron', env, notes };
}

function isHttpAddress(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
