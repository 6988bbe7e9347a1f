import { execFile, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { authCodeLookupResponse, redemptionResponse } from '../../../core/portal-api/schemas';
import { startPortalProcess, type PortalProcess } from '../../support/portal-process';
import { repoRoot } from '../../support/serve-process';

/** One client: waits for "go" on stdin, sends one redemption, prints the response body. */
const CLIENT = `
import readline from 'node:readline';
const { URL_, TOKEN, KEY, BODY } = process.env;
console.log('ready');
const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line !== 'go') continue;
  const res = await fetch(URL_ + '/api/v1/redemptions', {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + TOKEN, 'Idempotency-Key': KEY, 'Content-Type': 'application/json' },
    body: BODY,
  });
  console.log(JSON.stringify({ status: res.status, body: await res.text() }));
  process.exit(0);
}
`;

function startClient(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CLIENT], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const queue: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  lines.on('line', (line) => (waiters.length ? waiters.shift()!(line) : queue.push(line)));
  const nextLine = () => new Promise<string>((resolve) => (queue.length ? resolve(queue.shift()!) : waiters.push(resolve)));
  return { child, nextLine };
}

describe('sandbox portal as a process (npm run portal)', () => {
  let portal: PortalProcess;
  beforeAll(async () => {
    portal = await startPortalProcess({ args: ['--seed', 'demo'] });
  });
  afterAll(async () => {
    expect(await portal.stop('SIGTERM')).toBe(0);
  });

  it('exactly one of eight client processes redeems it; seven get already_redeemed naming the winner’s MAC', async () => {
    const login = await fetch(`${portal.url}/api/v1/session`, {
      method: 'POST',
      body: JSON.stringify({ username: 'demo', password: 'demo' }),
    });
    const { token } = (await login.json()) as { token: string };
    const { authCodes } = (await (await fetch(`${portal.url}/sandbox/auth-codes?status=unredeemed`)).json()) as {
      authCodes: { code: string }[];
    };
    const code = authCodes[0]!.code;

    const clients = Array.from({ length: 8 }, (_, i) =>
      startClient({
        URL_: portal.url,
        TOKEN: token,
        KEY: `race-client-${i}-key`,
        BODY: JSON.stringify({ mac: `000ADD5000${String(i).padStart(2, '0')}`, authCodes: [code] }),
      }),
    );
    for (const client of clients) expect(await client.nextLine()).toBe('ready');
    for (const client of clients) client.child.stdin!.write('go\n');
    const answers = await Promise.all(
      clients.map(async (client) => JSON.parse(await client.nextLine()) as { status: number; body: string }),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    const results = answers.map((a) => redemptionResponse.parse(JSON.parse(a.body)).results[0]!);
    const winners = results.filter((r) => r.status === 'redeemed');
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 'already_redeemed')).toHaveLength(7);
    for (const loser of results.filter((r) => r.status === 'already_redeemed')) expect(loser.mac).toBe(winners[0]!.mac);

    // The portal holds one redemption of it, on the winner's system.
    const lookup = await fetch(`${portal.url}/api/v1/auth-codes/${code}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(authCodeLookupResponse.parse(await lookup.json())).toMatchObject({ status: 'redeemed', mac: winners[0]!.mac });
  });

  it('passes the independent probe (scripts/portal-probe.mjs): single use, replay, 422, race of eight', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      path.join(repoRoot, 'scripts', 'portal-probe.mjs'),
      '--url',
      portal.url,
    ]).catch((err: { stdout: string; stderr: string }) => {
      throw new Error(`probe failed:\n${err.stdout}${err.stderr}`);
    });
    expect(stdout).not.toContain('FAIL');
    expect(stdout.match(/^PASS /gm)).toHaveLength(9);
    expect(stdout).toContain('All checks passed.');
  });

  it('refuses bad options with exit code 2 and a message naming the option', () => {
    // The bundle scripts/portal.mjs built when the portal above started.
    const entry = path.join(repoRoot, 'dist', 'node', 'portal.mjs');
    const seed = spawnSync(process.execPath, [entry, '--seed', 'lots'], { encoding: 'utf8' });
    expect(seed.status).toBe(2);
    expect(seed.stderr).toContain('--seed must be "demo" or a number of keys');
    const port = spawnSync(process.execPath, [entry, '--port', '70000'], { encoding: 'utf8' });
    expect(port.status).toBe(2);
    expect(port.stderr).toContain('--port must be a number from 0 to 65535');
  });

  it('stops cleanly on SIGTERM after printing its URL on a line of its own', () => {
    expect(portal.output()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/m);
    expect(portal.output()).toContain('Seeded the demo data');
  });
});
