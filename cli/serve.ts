/**
 * `npm run serve`: runs the core in this Node process and serves the renderer and the API to a
 * browser on 127.0.0.1. Also what `npm start` falls back to when Electron's binary is missing.
 */
import path from 'node:path';
import { closeOnSignals, failCommand, parseCommandLine, portOption, runCommand } from '../core/command-line/options';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../core/rpc/errors';
import { createCore, openAppDatabase, type Core } from '../core/core';
import type { OpenedDatabase } from '../core/db/database';
import { asDataDirError } from '../core/host/data-dir-check';
import { createFilesPrivately, restrictFileModes } from '../core/fs/private-modes';
import { JsonFileSettingsStore } from '../core/settings/store';
import { startBrowserHost } from '../core/host/browser-host';
import { defaultDataDir } from '../core/host/data-dir';
import { startEmbeddedPortal, type EmbeddedPortal } from '../portal-sandbox/embedded';
import { createFileLogger } from '../core/log/logger';
import { routeRequestFailures } from '../core/http/request-guard';

declare const __FIELDKEY_VERSION__: string;

const USAGE = `Usage: npm run serve -- [options]

  --port N               port on 127.0.0.1 (default: a free one)
  --data-dir DIR         where the database and settings live (default: ${defaultDataDir()})
  --portal URL           the portal to talk to (default: the one in settings; with none,
                         a sandbox portal with demo data started in this process)
  --recreate-corrupt-db  if the database cannot be read, set it aside and start an empty one
  --help                 show this help`;

const OPTIONS = {
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  portal: { type: 'string' },
  'static-dir': { type: 'string' },
  'recreate-corrupt-db': { type: 'boolean', default: false },
} as const;

async function main(argv: string[]): Promise<void> {
  const values = parseCommandLine(argv, OPTIONS, USAGE);
  const port = portOption(values.port);
  if (values.portal !== undefined) {
    let ok = false;
    try {
      const url = new URL(values.portal);
      ok = url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) failCommand(`--portal must be an http:// or https:// address, not "${values.portal}".`);
  }

  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const here = path.dirname(fileURLToPath(import.meta.url));
  const staticDir = path.resolve(values['static-dir'] ?? path.join(here, '..', 'renderer'));

  createFilesPrivately();
  // The data folder and the database first: a bad folder or database is explained before the
  // embedded sandbox writes anything there.
  let database: OpenedDatabase;
  try {
    database = openAppDatabase({ dataDir, recreateCorruptDatabase: values['recreate-corrupt-db'] });
  } catch (err) {
    if (err instanceof ApiError && err.code === 'DB_CORRUPT') {
      failCommand(`${err.message}\nTo do that, start again with --recreate-corrupt-db.`);
    }
    if (err instanceof ApiError) failCommand(err.message);
    throw err;
  }
  // The folder is known to be writable now: from here on, everything goes to logs/fieldkey.log too.
  const log = createFileLogger({ dataDir, process: 'fieldkey' });
  const version = typeof __FIELDKEY_VERSION__ === 'string' ? __FIELDKEY_VERSION__ : '0.0.0-dev';
  log.info('host.starting', { host: 'browser', version, dataDir, portal: values.portal ?? null });
  routeRequestFailures((server, request, err) => log.error('http.request_failed', { server, request }, err));
  if (database.corruptFileMovedTo) log.warn('db.corrupt_file_set_aside', { movedTo: database.corruptFileMovedTo });
  if (database.corruptFileMovedTo) console.log(`The unreadable database was kept as ${database.corruptFileMovedTo}.`);
  if (database.backupFile) console.log(`Backed up the database before upgrading it: ${database.backupFile}`);

  const settingsStore = new JsonFileSettingsStore(path.join(dataDir, 'settings.json'));
  let embeddedPortal: EmbeddedPortal | null = null;
  let core: Core;
  try {
    // No portal configured: the embedded default is the sandbox, with demo data, in this process.
    if (values.portal === undefined && settingsStore.read().portalUrl === null) {
      embeddedPortal = await startEmbeddedPortal(dataDir);
      log.addSecret(embeddedPortal.sandboxSecret);
      log.info('sandbox.started', { url: embeddedPortal.url });
      console.log(`No portal is configured: using the sandbox portal at ${embeddedPortal.url} (sign in as demo / demo).`);
      console.log(embeddedPortal.notice);
    }
    core = createCore({
      version,
      log,
      dataDir,
      host: 'browser',
      settingsStore,
      database,
      portalUrlOverride: values.portal ?? null,
      embeddedPortalUrl: embeddedPortal?.url ?? null,
    });
  } catch (err) {
    database.db.close();
    await embeddedPortal?.close();
    // The settings file or the sandbox's folder may be what cannot be read or written.
    const explained = asDataDirError(dataDir, err);
    log.error('host.start_failed', {}, err);
    log.close();
    if (explained instanceof ApiError) failCommand(explained.message);
    throw err;
  }

  // What an earlier version or a looser umask left readable by other users becomes private.
  restrictFileModes(dataDir);

  const host = await startBrowserHost({ server: core.server, staticDir, port, log: log.child('host') }).catch(
    async (err: NodeJS.ErrnoException) => {
      core.close();
      await embeddedPortal?.close();
      log.error('host.start_failed', {}, err);
      log.close();
      if (err.code === 'EADDRINUSE') failCommand(`Port ${port} on 127.0.0.1 is already in use. Choose another with --port.`);
      throw err;
    },
  );

  console.log(`FieldKey is running (data in ${dataDir}). Open this address in your browser:`);
  console.log(host.url);
  log.info('host.started', { port: host.port });

  closeOnSignals('FieldKey', async () => {
    log.info('host.stopping', {});
    await host.close();
    core.close();
    await embeddedPortal?.close();
    log.info('host.stopped', {});
    log.close();
  });
}

runCommand('FieldKey', () => main(process.argv.slice(2)));
