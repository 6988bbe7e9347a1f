/**
 * A local update feed for the updater tests: an HTTP server serving latest.yml and an installer,
 * and electron-updater's real NsisUpdater made to run off Electron (a stand-in Electron app as
 * its AppAdapter, Node's http for Electron's net module).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { NsisUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';

export const RUNNING_VERSION = '0.1.0';

/** Electron's app as electron-updater sees it, packaged, in a temp folder. */
export class StandInElectronApp implements AppAdapter {
  readonly name = 'FieldKey';
  readonly isPackaged = true;
  readonly quits: number[] = [];
  constructor(
    readonly version: string,
    private readonly dir: string,
  ) {
    // What electron-builder writes beside app.asar when `publish` is set (electron-builder.yml).
    fs.writeFileSync(
      this.appUpdateConfigPath,
      'provider: generic\nurl: https://updates.example.invalid/\nupdaterCacheDirName: fieldkey-updater\n',
    );
  }
  get appUpdateConfigPath() {
    return path.join(this.dir, 'app-update.yml');
  }
  get userDataPath() {
    return path.join(this.dir, 'userData');
  }
  get baseCachePath() {
    return path.join(this.dir, 'cache');
  }
  whenReady() {
    return Promise.resolve();
  }
  relaunch() {}
  quit() {
    this.quits.push(Date.now());
  }
  onQuit() {}
}

/**
 * Node's http in place of Electron's net module (ElectronHttpExecutor), downloading the way
 * ElectronHttpExecutor does: through HttpExecutor's own doDownload (checksum, progress, redirects).
 */
export class NodeHttpExecutor extends HttpExecutor<http.ClientRequest> {
  createRequest(options: http.RequestOptions, callback: (response: http.IncomingMessage) => void): http.ClientRequest {
    return http.request(options, callback);
  }
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: http.RequestOptions = { headers: (options.headers as http.OutgoingHttpHeaders) ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error == null ? resolve(destination) : reject(error)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

/** A feed server: path → body (string or bytes), or a status. */
export async function startFeed(files: Map<string, string | Buffer>): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://feed').pathname;
    requests.push(pathname);
    const body = files.get(pathname);
    if (body === undefined) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/feed/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function latestYml(version: string, installer: { name: string; bytes: Buffer; sha512?: string }): string {
  const sha512 = installer.sha512 ?? createHash('sha512').update(installer.bytes).digest('base64');
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${installer.name}`,
    `    sha512: ${sha512}`,
    `    size: ${installer.bytes.length}`,
    `path: ${installer.name}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    '',
  ].join('\n');
}

/** The real NsisUpdater over a stand-in Electron app in `dir`, fetching with Node's http, reading latest.yml (Windows' feed name). */
export function realNsisUpdater(dir: string, version = RUNNING_VERSION): { updater: NsisUpdater; app: StandInElectronApp } {
  const app = new StandInElectronApp(version, dir);
  const updater = new NsisUpdater(null, app);
  // What electron-updater's own tests do off Electron.
  Object.assign(updater, { httpExecutor: new NodeHttpExecutor(), _testOnlyOptions: { platform: 'win32' } });
  return { updater, app };
}
