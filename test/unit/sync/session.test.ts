import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../core/rpc/errors';
import type { SessionStatus } from '../../../core/session/contract';
import { startWebSite, unusedLoopbackUrl } from '../../support/misbehaving-portal';
import { useSandboxCores } from '../../support/sandbox-cores';
import { liveSessions, recordingFetch, tokenAccepted } from '../../support/sandbox-portal';
import type { SyncTestCore } from '../../support/sync-core';
import { rejectionOf } from '../../support/rejection';

const apiError = (promise: Promise<unknown>) => rejectionOf(promise, ApiError);

describe('session.login / logout / status (against the sandbox portal)', () => {
  const { portal, core, otherPortal } = useSandboxCores();
  let app: SyncTestCore;
  /** What the app asked the portal, and the tokens it was given. */
  let recorded: ReturnType<typeof recordingFetch>;

  beforeEach(() => {
    recorded = recordingFetch();
    app = core({ portalUrl: null, fetch: recorded.fetch });
  });

  it('logs in: token to the 0600 secrets file (never settings.json), user and partner remembered, session.changed', async () => {
    const changed = new Promise<SessionStatus>((resolve) => app.client.on('session.changed', resolve));
    const status = await app.client.invoke('session.login', { portalUrl: `${portal.url}/`, username: 'demo', password: 'demo' });
    expect(status).toEqual({ loggedIn: true, username: 'demo', partnerName: 'Demo Partner Ltd', portalUrl: portal.url });
    expect(await changed).toEqual(status);

    expect(recorded.tokens).toHaveLength(1);
    const token = recorded.tokens[0]!;
    expect(await tokenAccepted(portal, token)).toBe(true);
    const secretsFile = path.join(app.dataDir, 'secrets.json');
    expect(fs.readFileSync(secretsFile, 'utf8')).toContain(token);
    if (process.platform !== 'win32') expect(fs.statSync(secretsFile).mode & 0o777).toBe(0o600);
    const settingsText = fs.readFileSync(path.join(app.dataDir, 'settings.json'), 'utf8');
    expect(settingsText).not.toContain(token);
    expect(JSON.parse(settingsText).portalUrl).toBe(portal.url);
    // Nor in the database.
    const dump = app.core.db.prepare("SELECT group_concat(value, ' ') FROM sync_state").pluck().get() as string;
    expect(dump).not.toContain(token);

    expect(await app.client.invoke('session.status')).toEqual(status);
  });

  it('when the token cannot be kept (no OS keychain; a stand-in secret store), the portal session is closed again', async () => {
    const refusing = core({
      portalUrl: null,
      fetch: recorded.fetch,
      secretStore: {
        get: async () => null,
        set: async () => {
          throw new ApiError('SECRETS_UNAVAILABLE', 'No keychain here.');
        },
        delete: async () => undefined,
      },
    });
    const err = await apiError(refusing.client.invoke('session.login', { portalUrl: portal.url, username: 'demo', password: 'demo' }));
    expect(err.code).toBe('SECRETS_UNAVAILABLE');
    // The portal issued a token during the login, and it was revoked straight away.
    expect(recorded.tokens).toHaveLength(1);
    expect(await tokenAccepted(portal, recorded.tokens[0]!)).toBe(false);
    expect(liveSessions(portal.dataFile)).toBe(0);
    expect((await refusing.client.invoke('session.status')).loggedIn).toBe(false);
  });

  it('a wrong password says so, and stores nothing', async () => {
    const err = await apiError(app.client.invoke('session.login', { portalUrl: portal.url, username: 'demo', password: 'wrong' }));
    expect(err.code).toBe('UNAUTHORIZED');
    expect(err.message).toBe('Wrong user name or password for this portal.');
    expect(fs.existsSync(path.join(app.dataDir, 'secrets.json'))).toBe(false);
    expect((await app.client.invoke('session.status')).loggedIn).toBe(false);
  });

  it("the portal's lockout after wrong passwords (429 on sign-in) says: too many attempts, try again in N minutes", async () => {
    const sandbox = await otherPortal();
    for (let i = 0; i < 5; i++) {
      const wrong = await apiError(app.client.invoke('session.login', { portalUrl: sandbox.url, username: 'demo', password: 'wrong' }));
      expect(wrong.code).toBe('UNAUTHORIZED');
    }
    const err = await apiError(app.client.invoke('session.login', { portalUrl: sandbox.url, username: 'demo', password: 'demo' }));
    expect(err.code).toBe('PORTAL_REJECTED');
    expect(err.message).toBe('Too many sign-in attempts. Try again in 15 minutes.');
    expect(err.details).toMatchObject({ kind: 'retry_later', portalCode: 'rate_limited' });
    // The window counts from the first wrong password: on a loaded machine a second or more has gone by.
    const { retryAfterMs } = err.details as { retryAfterMs: number };
    expect(retryAfterMs).toBeGreaterThan(14 * 60 * 1000);
    expect(retryAfterMs).toBeLessThanOrEqual(15 * 60 * 1000);
    expect((await app.client.invoke('session.status')).loggedIn).toBe(false);
  });

  it('an unreachable portal says it cannot be reached, naming the address', async () => {
    const url = await unusedLoopbackUrl();
    const err = await apiError(app.client.invoke('session.login', { portalUrl: url, username: 'demo', password: 'demo' }));
    expect(err.code).toBe('PORTAL_UNREACHABLE');
    expect(err.message).toContain(`Cannot reach the portal at ${url}`);
  });

  it('an address that is not a Portal API says so, naming it', async () => {
    const site = await startWebSite();
    try {
      const err = await apiError(app.client.invoke('session.login', { portalUrl: site.url, username: 'demo', password: 'demo' }));
      expect(err.code).toBe('NOT_A_PORTAL');
      expect(err.message).toContain(`${site.url} does not look like a FieldKey portal`);
    } finally {
      await site.close();
    }
  });

  it('refuses a portal address that is not http(s) by field name', async () => {
    const err = await apiError(
      app.client.invoke('session.login', { portalUrl: 'ftp://portal.example', username: 'demo', password: 'demo' }),
    );
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('portalUrl');
  });

  it('without a portal configured or given, asks for the address', async () => {
    const err = await apiError(app.client.invoke('session.login', { username: 'demo', password: 'demo' }));
    expect(err.code).toBe('VALIDATION');
    expect(err.details).toEqual({ fields: [expect.objectContaining({ field: 'portalUrl' })] });
  });

  it('logs out: ends the portal session, drops the token, keeps the user name for next time', async () => {
    await app.client.invoke('session.login', { portalUrl: portal.url, username: 'demo', password: 'demo' });
    const token = recorded.tokens[0]!;
    expect(fs.readFileSync(path.join(app.dataDir, 'secrets.json'), 'utf8')).toContain(token);
    const status = await app.client.invoke('session.logout');
    expect(status).toMatchObject({ loggedIn: false, username: 'demo', portalUrl: portal.url });
    expect(liveSessions(portal.dataFile)).toBe(0);
    expect(await tokenAccepted(portal, token)).toBe(false);
    expect(recorded.requests).toContain('DELETE /api/v1/session');
    expect(fs.readFileSync(path.join(app.dataDir, 'secrets.json'), 'utf8')).not.toContain(token);
  });

  it('logs out even when the portal cannot be reached', async () => {
    await app.client.invoke('session.login', { portalUrl: portal.url, username: 'demo', password: 'demo' });
    await portal.close();
    expect((await app.client.invoke('session.logout')).loggedIn).toBe(false);
  });
});
