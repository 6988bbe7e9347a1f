import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '../../../core/core';
import WebSocket from 'ws';
import { methodContracts } from '../../../core/api/contract';
import { encodeWireMessage, MAX_WIRE_FRAME_BYTES } from '../../../core/rpc/wire-frame';
import { startBrowserHost, type BrowserHost } from '../../../core/host/browser-host';
import { startEmbeddedPortal } from '../../../portal-sandbox/embedded';
import { seededRandom } from '../../../portal-sandbox/seeded-random';
import type { SandboxPortal } from '../../../portal-sandbox/server';
import { makeTestCore } from '../../support/contract-suite';
import { DUPLICATE_HOST, fuzzCases, sendAll, sendRaw, type FuzzAnswer, type FuzzTarget } from '../../support/http-fuzz';
import { startServe, type ServeProcess } from '../../support/serve-process';
import { startTestPortal } from '../../support/sandbox-portal';

const SEED = Number(process.env.HTTP_FUZZ_SEED ?? 20260308);
const BATCHES = 3;
const PER_BATCH = 120;

/** Malformed input earns a 4xx (or a closed connection); any 5xx is an internal error, and there must be none. */
function serverErrors(answers: FuzzAnswer[]): FuzzAnswer[] {
  return answers.filter((a) => a.status !== null && a.status >= 500);
}

function summary(answers: FuzzAnswer[]): string {
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(String(a.status ?? 'closed'), (counts.get(String(a.status ?? 'closed')) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${status}×${n}`).join(' ');
}

/** Throws the batches at a server; after each, it must still answer a normal request and have logged no failure. */
async function fuzz(name: string, port: number, target: FuzzTarget, healthy: () => Promise<number>, seed: number) {
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const all: FuzzAnswer[] = [];
    for (let batch = 0; batch < BATCHES; batch++) {
      const answers = await sendAll(port, fuzzCases(target, seed + batch, PER_BATCH));
      all.push(...answers);
      expect(serverErrors(answers), `seed ${seed + batch}`).toEqual([]);
      expect(answers.filter((a) => a.kind === DUPLICATE_HOST && a.status !== 400)).toEqual([]);
      expect(await healthy()).toBe(200);
    }
    expect(logged.mock.calls).toEqual([]);
    console.log(`${name}: ${all.length} malformed requests (seed ${seed}): ${summary(all)}`);
    console.log(
      'closed:',
      all
        .filter((a) => a.status === null)
        .map((a) => a.kind)
        .join(', '),
    );
  } finally {
    logged.mockRestore();
  }
}

const sandboxTarget = (port: number, token: string): FuzzTarget => ({
  host: `127.0.0.1:${port}`,
  bearer: token,
  jsonEndpoints: [
    { method: 'POST', path: '/api/v1/session' },
    { method: 'POST', path: '/api/v1/password' },
    { method: 'POST', path: '/api/v1/redemptions' },
    { method: 'POST', path: '/api/v1/systems' },
    { method: 'POST', path: '/api/v1/servers' },
    { method: 'PUT', path: '/api/v1/servers/000ADD000001' },
    { method: 'POST', path: '/api/v1/servers/000ADD000001/visibility' },
    { method: 'POST', path: '/api/v1/servers/000ADD000001/rma' },
    { method: 'POST', path: '/sandbox/faults' },
    { method: 'POST', path: '/sandbox/servers/000ADD000001/activate' },
    { method: 'GET', path: '/api/v1/changes?cursor=%zz&limit=-1' },
  ],
  paramPaths: [
    '/api/v1/auth-codes/{}',
    '/api/v1/systems/{}/keys',
    '/api/v1/changes?cursor={}',
    '/api/v1/servers/serials/{}',
    '/api/v1/servers/{}/rma',
    '/sandbox/servers/{}/complete-rma',
    '/sandbox/serials?onDashboard={}',
  ],
  upgradePaths: ['/api/v1/changes', '/sandbox/faults'],
});

/** Sends one binary frame on a fresh socket: 'answered' when a result came back, else the close code. */
function sendFrame(url: string, origin: string, frame: Uint8Array): Promise<number | 'answered'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.on('open', () => ws.send(frame, { binary: true }));
    ws.on('message', () => {
      resolve('answered');
      ws.close();
    });
    ws.on('close', (code) => resolve(code));
    ws.on('error', () => {});
    ws.on('unexpected-response', () => reject(new Error('the WebSocket was refused')));
  });
}

async function sandboxHealthy(portal: { url: string }, token: string): Promise<number> {
  return (await fetch(`${portal.url}/api/v1/changes?limit=1`, { headers: { Authorization: `Bearer ${token}` } })).status;
}

async function loginToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'demo', password: 'demo' }),
  });
  return ((await res.json()) as { token: string }).token;
}

describe('HTTP fuzz: malformed input never crashes a server or earns a 5xx', () => {
  it('the browser host (in-process, real core)', async () => {
    const core: Core = makeTestCore();
    const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>FieldKey</title>');
    const host: BrowserHost = await startBrowserHost({ server: core.server, staticDir });
    try {
      const target: FuzzTarget = {
        host: `127.0.0.1:${host.port}`,
        bearer: host.token,
        jsonEndpoints: Object.keys(methodContracts).map((method) => ({ method: 'POST', path: `/api/invoke/${method}` })),
        paramPaths: ['/api/invoke/{}', '/{}', '/assets/{}'],
        upgradePaths: [`/api/ws?token=${host.token}`, '/api/ws?token=wrong', '/'],
      };
      const healthy = async () =>
        (await fetch(`http://127.0.0.1:${host.port}/api/session`, { headers: { Authorization: `Bearer ${host.token}` } })).status;
      await fuzz('browser host', host.port, target, healthy, SEED);
    } finally {
      await host.close();
      core.close();
    }
  });

  it('the browser host (in-process, real core): binary WebSocket frames that lie are refused, the host answers on', async () => {
    const core: Core = makeTestCore();
    const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>FieldKey</title>');
    const host: BrowserHost = await startBrowserHost({ server: core.server, staticDir });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const url = `ws://127.0.0.1:${host.port}/api/ws?token=${host.token}`;
      const origin = `http://127.0.0.1:${host.port}`;
      const good = encodeWireMessage({
        type: 'invoke',
        id: 1,
        method: 'keys.import',
        args: { fileName: 'x.xlsx', bytes: Buffer.from('PK not a zip') },
      });
      const random = seededRandom(SEED + 300);
      const frames: [string, Uint8Array][] = [];
      for (let i = 0; i < 60; i++) {
        const copy = Buffer.from(good as Uint8Array);
        const cut = i % 3 === 0;
        if (cut) frames.push([`truncated at ${i}`, copy.subarray(0, Math.floor(random() * copy.length))]);
        else {
          // Overwrite one length field (header, count, segment) with a lie, small or huge.
          const at = [4, 8 + copy.readUInt32BE(4), 12 + copy.readUInt32BE(4)][i % 3]!;
          copy.writeUInt32BE(i % 2 ? 0xffffffff - i : Math.floor(random() * 64), at);
          frames.push([`lying length at ${at}`, copy]);
        }
      }
      frames.push(['a header of 0xff bytes', Buffer.concat([Buffer.from('FKB1'), Buffer.alloc(200, 0xff)])]);
      for (const [name, bytes] of frames) {
        const outcome = await sendFrame(url, origin, bytes);
        // Refused (closed 1007, unreadable data) or, when the lie happened to still add up, answered.
        expect(outcome === 1007 || outcome === 'answered', `${name}: ${outcome}`).toBe(true);
      }
      // Over the host's cap: `ws` refuses it while reading (1009, too big), nothing is parsed.
      expect(await sendFrame(url, origin, new Uint8Array(MAX_WIRE_FRAME_BYTES + 1))).toBe(1009);
      expect((await sendFrame(url, origin, good as Uint8Array)) === 'answered').toBe(true);
      const status = (await fetch(`http://127.0.0.1:${host.port}/api/session`, { headers: { Authorization: `Bearer ${host.token}` } }))
        .status;
      expect(status).toBe(200);
      expect(logged.mock.calls).toEqual([]);
    } finally {
      logged.mockRestore();
      await host.close();
      core.close();
    }
  });

  it('the sandbox portal', async () => {
    const portal = await startTestPortal();
    try {
      const token = await portal.login();
      await fuzz('sandbox portal', portal.port, sandboxTarget(portal.port, token), () => sandboxHealthy(portal, token), SEED + 100);
    } finally {
      await portal.close();
    }
  });

  it('the embedded sandbox', async () => {
    const portal: SandboxPortal = await startEmbeddedPortal(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-embedded-')));
    try {
      const token = await loginToken(portal.url);
      await fuzz('embedded sandbox', portal.port, sandboxTarget(portal.port, token), () => sandboxHealthy(portal, token), SEED + 200);
    } finally {
      await portal.close();
    }
  });

  it('the built browser host process (npm run serve) is still alive after GET /% and the like', async () => {
    const serve: ServeProcess = await startServe();
    try {
      const port = Number(new URL(serve.origin).port);
      const host = `127.0.0.1:${port}`;
      const raw = (line: string) => Buffer.from(`${line}\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, 'latin1');
      // `//[` is a path like any other (the app's page); the rest cannot be read: 400.
      const statuses = [];
      for (const line of ['GET /% HTTP/1.1', 'GET //[ HTTP/1.1', 'GET http://[bad/ HTTP/1.1', 'GET /a%00 HTTP/1.1']) {
        statuses.push(await sendRaw(port, raw(line)));
      }
      expect(statuses).toEqual([400, 200, 400, 400]);
      const res = await fetch(`${serve.origin}/api/session`, { headers: { Authorization: `Bearer ${serve.token}` } });
      expect(res.status).toBe(200);
      expect(serve.child.exitCode).toBeNull();
      expect(serve.output()).not.toContain('URIError');
    } finally {
      await serve.stop();
    }
  });
});

describe('two Host headers, the valid one first: 400 from every server, before anything runs', () => {
  /** The request with Host `first` then Host `second`, and the same with one Host, as raw bytes. */
  const twice = (line: string, first: string, second: string, extra = '') =>
    Buffer.from(`${line}\r\nHost: ${first}\r\nHost: ${second}\r\n${extra}Connection: close\r\n\r\n`, 'latin1');
  const once = (line: string, host: string, extra = '') =>
    Buffer.from(`${line}\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`, 'latin1');

  it('the browser host: API, page and WebSocket upgrade', async () => {
    const core: Core = makeTestCore();
    const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>FieldKey</title>');
    const host: BrowserHost = await startBrowserHost({ server: core.server, staticDir });
    try {
      const valid = `127.0.0.1:${host.port}`;
      const bearer = `Authorization: Bearer ${host.token}\r\n`;
      const upgrade =
        'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
      const requests: [string, string][] = [
        ['GET /api/session HTTP/1.1', bearer],
        ['GET / HTTP/1.1', ''],
        [`GET /api/ws?token=${host.token} HTTP/1.1`, upgrade],
      ];
      for (const [line, extra] of requests) {
        // The same request with one Host is answered (200, or 101 for the upgrade): only the second Host is refused.
        expect([line, await sendRaw(host.port, once(line, valid, extra))]).toEqual([line, line.includes('/api/ws') ? 101 : 200]);
        for (const second of ['evil.example', valid]) {
          expect([line, second, await sendRaw(host.port, twice(line, valid, second, extra))]).toEqual([line, second, 400]);
        }
      }
    } finally {
      await host.close();
      core.close();
    }
  });

  it('the sandbox portal and the embedded sandbox', async () => {
    const portal = await startTestPortal();
    const embedded: SandboxPortal = await startEmbeddedPortal(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-embedded-')));
    try {
      for (const server of [portal, embedded]) {
        const valid = `127.0.0.1:${server.port}`;
        const line = 'GET /api/v1/changes?limit=1 HTTP/1.1';
        const bearer = `Authorization: Bearer ${await loginToken(server.url)}\r\n`;
        expect(await sendRaw(server.port, once(line, valid, bearer))).toBe(200);
        expect(await sendRaw(server.port, twice(line, valid, 'evil.example', bearer))).toBe(400);
        expect(await sendRaw(server.port, twice('POST /api/v1/session HTTP/1.1', valid, valid, 'Content-Length: 0\r\n'))).toBe(400);
      }
    } finally {
      await embedded.close();
      await portal.close();
    }
  });
});
