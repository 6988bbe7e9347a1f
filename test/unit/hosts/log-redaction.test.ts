import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import yauzl from 'yauzl';
import { startServe, type ServeProcess } from '../../support/serve-process';

// The built browser host (dist/node/serve.mjs) with its embedded sandbox portal, over HTTP, as a
// person runs it; `npm test` builds first. Nothing is mocked.

function unzipEntries(zip: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err);
      const entries = new Map<string, string>();
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (streamErr, stream) => {
          if (streamErr || !stream) return reject(streamErr);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            file.readEntry();
          });
        });
      });
      file.on('end', () => resolve(entries));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

function logFiles(dataDir: string): Map<string, string> {
  const dir = path.join(dataDir, 'logs');
  return new Map(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
}

describe('logs and diagnostics keep secrets out (real browser host, embedded sandbox portal)', () => {
  let host: ServeProcess | null = null;
  afterEach(async () => {
    await host?.stop();
    host = null;
  });

  it('logs an INTERNAL failure with method, stack and the reference the answer carried, and a renderer report, with no password, token or secret in any log file or in the diagnostics zip', async () => {
    host = await startServe({ timeoutMs: 30_000 });
    const { dataDir } = host;
    const sandboxSecret = /[?&]secret=([^&\s]+)/.exec(host.output())?.[1];
    expect(sandboxSecret).toBeDefined();
    const call = async (method: string, args: unknown) => {
      const res = await fetch(`${host!.origin}/api/invoke/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${host!.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(args),
      });
      return { status: res.status, body: (await res.json()) as { ok: boolean; result?: any; error?: any } };
    };

    const wrongPassword = `Wr0ng-Pa55-${crypto.randomBytes(6).toString('hex')}`;
    const refused = await call('session.login', { username: 'demo', password: wrongPassword });
    expect(refused.body.error?.code).toBe('UNAUTHORIZED');
    const signedIn = await call('session.login', { username: 'demo', password: 'demo' });
    expect(signedIn.body.ok).toBe(true);
    // The browser host keeps the portal's session token in secrets.json.
    const stored = JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
    const sessionTokens = Object.values(stored);
    expect(sessionTokens).toHaveLength(1);
    expect(sessionTokens[0]!.length).toBeGreaterThan(20);

    // A renderer report as a page would send it: its text names the page address (with the host
    // token), a bearer and the sandbox link.
    const reported = await call('app.reportError', {
      source: 'window.error',
      message: `TypeError: cannot read 'x' at ${host.url} (Authorization: Bearer ${sessionTokens[0]})`,
      stack: `TypeError: boom\n    at http://127.0.0.1:1/sandbox/auth-codes?status=unredeemed&secret=${sandboxSecret}:1:1`,
      page: 'redeem',
    });
    expect(reported.body.result).toEqual({ logged: true });

    // An unexpected failure: the outbox table is taken away under the running core.
    const db = new Database(path.join(dataDir, 'fieldkey.db'));
    db.exec('ALTER TABLE outbox RENAME TO outbox_taken_away');
    db.close();
    const failed = await call('sync.outbox', {});
    expect(failed.status).toBe(500);
    expect(failed.body.error.code).toBe('INTERNAL');
    const reference = failed.body.error.details.reference as string;
    expect(reference).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{5}$/);
    expect(failed.body.error.message).toContain(`Reference ${reference}`);
    expect(failed.body.error.message).not.toContain('outbox_taken_away');

    // Diagnostics still come out with the database broken; nothing secret inside.
    const diagnostics = await call('app.diagnostics', {});
    expect(diagnostics.body.ok).toBe(true);
    expect(diagnostics.body.result.fileName).toMatch(/^FieldKey diagnostics .*\.zip$/);
    const entries = await unzipEntries(Buffer.from(diagnostics.body.result.base64, 'base64'));
    expect([...entries.keys()]).toEqual(
      expect.arrayContaining(['about.json', 'data-folder.json', 'sync.json', 'settings.json', 'last-errors.json', 'logs/fieldkey.log']),
    );
    const about = JSON.parse(entries.get('about.json')!);
    expect(about.app).toMatchObject({ name: 'FieldKey', host: 'browser' });
    expect(about.os.platform).toBe(process.platform);
    expect(about.database.schemaVersion).toBeGreaterThan(0);
    const folder = JSON.parse(entries.get('data-folder.json')!) as { name: string; bytes: number }[];
    expect(folder.find((entry) => entry.name === 'fieldkey.db')?.bytes).toBeGreaterThan(0);
    expect(JSON.parse(entries.get('settings.json')!)).toMatchObject({ theme: 'system' });
    const lastErrors = JSON.parse(entries.get('last-errors.json')!) as { event: string; reference?: string }[];
    expect(lastErrors.some((entry) => entry.reference === reference)).toBe(true);

    expect(await host.stop('SIGTERM')).toBe(0);
    const logs = logFiles(dataDir);
    const secrets = {
      wrongPassword,
      hostToken: host.token,
      sandboxSecret: sandboxSecret!,
      ...Object.fromEntries(sessionTokens.map((t, i) => [`sessionToken${i}`, t])),
    };
    for (const [where, text] of [...logs.entries(), ...[...entries.entries()].map(([name, text]) => [`zip:${name}`, text] as const)]) {
      for (const [what, secret] of Object.entries(secrets)) {
        expect(text.includes(secret), `${what} found in ${where}`).toBe(false);
      }
    }

    const lines = logs
      .get('fieldkey.log')!
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, any>);
    const internal = lines.find((line) => line.event === 'api.unexpected_error');
    expect(internal).toMatchObject({ level: 'error', method: 'sync.outbox', reference });
    expect(internal!.err.stack).toContain('no such table: outbox');
    expect(lines.find((line) => line.event === 'renderer.error')).toMatchObject({ level: 'error', source: 'window.error', page: 'redeem' });
    expect(lines.map((line) => line.event)).toEqual(
      expect.arrayContaining(['host.starting', 'host.started', 'host.stopping', 'host.stopped']),
    );
  }, 60_000);
});
