import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPortal, type EmbeddedPortal } from '../../../portal-sandbox/embedded';
import { DEMO_SERVERS } from '../../../portal-sandbox/seed';
import { startPortalProcess, type PortalProcess } from '../../support/portal-process';
import { useSandboxCores } from '../../support/sandbox-cores';

/** A raw request, so Host and Origin can be set as an attacker's page (or a rebound DNS name) would. */
function request(url: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  const { port } = new URL(url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: Number(port), method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** What a page on another site can send without a CORS preflight: a text/plain POST. */
const crossSiteFaultPost = (url: string) =>
  request(url, {
    method: 'POST',
    path: '/sandbox/faults',
    headers: { Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
    body: JSON.stringify({ kind: 'hang', count: 100 }),
  });

describe('sandbox portal: only its own Host and Origin', () => {
  // Faults on, as in `npm run portal`: the worst case for a cross-site POST.
  const { portal } = useSandboxCores({ scope: 'all', enableFaults: true });

  it('refuses a cross-site text/plain POST to /sandbox/faults; no fault is armed and sync still works', async () => {
    const res = await crossSiteFaultPost(portal.url);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('forbidden');
    expect(portal.faults.pending()).toEqual([]);
    const token = await portal.login();
    expect((await portal.call('GET', '/api/v1/changes?limit=1', { token })).status).toBe(200);
  });

  it.each(['/api/v1/session', '/sandbox/auth-codes?status=unredeemed', '/no/such/endpoint'])(
    'refuses a foreign Host (DNS rebinding) on %s with 403 and says why',
    async (pathname) => {
      const res = await request(portal.url, { path: pathname, headers: { Host: `evil.example:${portal.port}` } });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body).error.message).toContain(`127.0.0.1:${portal.port}`);
    },
  );

  it('answers its own names and origin: 127.0.0.1 and localhost, with or without an Origin', async () => {
    for (const name of [`127.0.0.1:${portal.port}`, `localhost:${portal.port}`]) {
      expect((await request(portal.url, { path: '/sandbox/auth-codes', headers: { Host: name } })).status).toBe(200);
      const sameOrigin = await request(portal.url, { path: '/sandbox/auth-codes', headers: { Host: name, Origin: `http://${name}` } });
      expect(sameOrigin.status).toBe(200);
    }
  });
});

describe('the embedded sandbox portal: /sandbox/ needs the per-launch secret, faults are off', () => {
  let embedded: EmbeddedPortal;
  beforeAll(async () => {
    embedded = await startEmbeddedPortal(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-embedded-')));
  });
  afterAll(() => embedded.close());

  it('refuses /sandbox/ requests without the secret, or with a wrong one (401)', async () => {
    expect((await fetch(`${embedded.url}/sandbox/auth-codes?status=unredeemed`)).status).toBe(401);
    expect((await fetch(`${embedded.url}/sandbox/distributor-sheet.xlsx`)).status).toBe(401);
    const wrong = await fetch(`${embedded.url}/sandbox/auth-codes`, { headers: { 'X-Sandbox-Secret': `${embedded.sandboxSecret}x` } });
    expect(wrong.status).toBe(401);
  });

  it('answers with the secret in the X-Sandbox-Secret header, or in the links it prints', async () => {
    const res = await fetch(`${embedded.url}/sandbox/auth-codes?status=unredeemed`, {
      headers: { 'X-Sandbox-Secret': embedded.sandboxSecret },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { authCodes: unknown[] }).authCodes.length).toBeGreaterThan(0);
    const links = embedded.notice.match(/http:\/\/\S+/g) ?? [];
    expect(links).toHaveLength(2);
    for (const link of links) expect((await fetch(link)).status).toBe(200);
  });

  it('has the fault switches and compaction off, even with the secret; the API is unaffected', async () => {
    const headers = { 'X-Sandbox-Secret': embedded.sandboxSecret, 'Content-Type': 'application/json' };
    const arm = await fetch(`${embedded.url}/sandbox/faults`, { method: 'POST', headers, body: '{"kind":"hang","count":5}' });
    expect(arm.status).toBe(404);
    expect(((await arm.json()) as { error: { message: string } }).error.message).toContain('switched off');
    expect((await fetch(`${embedded.url}/sandbox/compact-changes`, { method: 'POST', headers })).status).toBe(404);
    expect(embedded.faults.pending()).toEqual([]);
    const login = await fetch(`${embedded.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password: 'demo' }),
    });
    expect(login.status).toBe(200);
  });

  it('keeps the server switches (serials, activate, complete-rma) behind the secret too, and offers them with it', async () => {
    const demo = DEMO_SERVERS.find((s) => s.status === 'registered')!;
    expect((await fetch(`${embedded.url}/sandbox/serials?onDashboard=false`)).status).toBe(401);
    expect((await fetch(`${embedded.url}/sandbox/servers/${demo.mac}/activate`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${embedded.url}/sandbox/servers/${demo.mac}/complete-rma`, { method: 'POST' })).status).toBe(401);
    const cross = await request(embedded.url, {
      method: 'POST',
      path: `/sandbox/servers/${demo.mac}/activate?secret=${embedded.sandboxSecret}`,
      headers: { Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
    });
    expect(cross.status).toBe(403);
    const headers = { 'X-Sandbox-Secret': embedded.sandboxSecret };
    expect((await fetch(`${embedded.url}/sandbox/serials?onDashboard=false`, { headers })).status).toBe(200);
    const activated = await fetch(`${embedded.url}/sandbox/servers/${demo.mac}/activate`, { method: 'POST', headers });
    expect(activated.status).toBe(200);
    expect(((await activated.json()) as { server: { status: string } }).server.status).toBe('activated');
  });

  it('refuses a foreign Host even with the secret', async () => {
    const res = await request(embedded.url, {
      path: '/sandbox/auth-codes',
      headers: { Host: `evil.example:${embedded.port}`, 'X-Sandbox-Secret': embedded.sandboxSecret },
    });
    expect(res.status).toBe(403);
  });

  it('offers the fault switches when started with enableFaults (tests only)', async () => {
    const withFaults = await startEmbeddedPortal(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-embedded-')), { enableFaults: true });
    try {
      const res = await fetch(`${withFaults.url}/sandbox/faults`, {
        method: 'POST',
        headers: { 'X-Sandbox-Secret': withFaults.sandboxSecret, 'Content-Type': 'application/json' },
        body: '{"kind":"rate_limit","count":1}',
      });
      expect(res.status).toBe(200);
      expect(withFaults.faults.pending()).toEqual([{ kind: 'rate_limit', remaining: 1 }]);
    } finally {
      await withFaults.close();
    }
  });
});

describe('npm run portal (the standalone sandbox)', () => {
  let portal: PortalProcess;
  beforeAll(async () => {
    portal = await startPortalProcess({ args: ['--seed', 'demo'] });
  }, 60_000);
  afterAll(() => portal.stop());

  it('keeps the fault switches for tests and development, with no secret, behind the Host and Origin checks', async () => {
    const arm = await fetch(`${portal.url}/sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"kind":"rate_limit","count":1}',
    });
    expect(arm.status).toBe(200);
    expect((await fetch(`${portal.url}/api/v1/changes?limit=1`)).status).toBe(429);

    expect((await crossSiteFaultPost(portal.url)).status).toBe(403);
    const { port } = new URL(portal.url);
    expect((await request(portal.url, { path: '/sandbox/auth-codes', headers: { Host: `evil.example:${port}` } })).status).toBe(403);
    expect((await request(portal.url, { path: '/api/v1/session', headers: { Host: `evil.example:${port}` } })).status).toBe(403);
    expect((await fetch(`${portal.url}/sandbox/faults`)).status).toBe(200);
  });
});
