import { errorBody, sessionResponse } from '../../../core/portal-api/schemas';
import { useSandboxCores } from '../../support/sandbox-cores';

describe('sandbox portal: session and password', () => {
  let clock = new Date('2026-03-01T09:00:00Z');
  const { portal } = useSandboxCores({ scope: 'all', now: () => clock, sessionTtlMs: 60 * 60 * 1000 });

  it('logs the demo partner in with demo / demo and returns a token, its expiry and the partner', async () => {
    const res = await portal.call('POST', '/api/v1/session', { body: { username: 'demo', password: 'demo' } });
    expect(res.status).toBe(200);
    const session = sessionResponse.parse(await res.json());
    expect(session.partner.username).toBe('demo');
    expect(session.expiresAt).toBe('2026-03-01T10:00:00.000Z');
  });

  it('refuses a wrong password with 401 and a JSON error', async () => {
    const res = await portal.call('POST', '/api/v1/session', { body: { username: 'demo', password: 'nope' } });
    expect(res.status).toBe(401);
    expect(errorBody.parse(await res.json()).error).toEqual({ code: 'unauthorized', message: 'Wrong user name or password.' });
  });

  it('answers 401 without a token, with an unknown token, after logout and after expiry', async () => {
    expect((await portal.call('GET', '/api/v1/changes')).status).toBe(401);
    expect((await portal.call('GET', '/api/v1/changes', { token: 'not-a-token' })).status).toBe(401);

    const token = await portal.login();
    expect((await portal.call('GET', '/api/v1/changes', { token })).status).toBe(200);
    expect((await portal.call('DELETE', '/api/v1/session', { token })).status).toBe(204);
    const afterLogout = await portal.call('GET', '/api/v1/changes', { token });
    expect(afterLogout.status).toBe(401);
    expect(errorBody.parse(await afterLogout.json()).error.code).toBe('unauthorized');

    const expiring = await portal.login();
    clock = new Date(clock.getTime() + 61 * 60 * 1000);
    expect((await portal.call('GET', '/api/v1/changes', { token: expiring })).status).toBe(401);
  });

  it('checks the password rules and the current password, naming each problem', async () => {
    const token = await portal.login();
    const weak = await portal.call('POST', '/api/v1/password', { token, body: { current: 'demo', next: 'short' } });
    expect(weak.status).toBe(400);
    const weakError = errorBody.parse(await weak.json()).error;
    expect(weakError.code).toBe('password_rules');
    expect(weakError.message).toContain('at least 10 characters');
    expect(weakError.message).toContain('both letters and digits');

    const withName = await portal.call('POST', '/api/v1/password', { token, body: { current: 'demo', next: 'mydemo12345' } });
    expect(errorBody.parse(await withName.json()).error.message).toContain('must not contain the user name');

    const wrongCurrent = await portal.call('POST', '/api/v1/password', { token, body: { current: 'guess', next: 'Harbour2026x' } });
    expect(wrongCurrent.status).toBe(403);
    expect(errorBody.parse(await wrongCurrent.json()).error.code).toBe('wrong_password');
  });

  it('changes the password: the new one logs in, the old one no longer does, other sessions end', async () => {
    const other = await portal.login();
    const token = await portal.login();
    const res = await portal.call('POST', '/api/v1/password', { token, body: { current: 'demo', next: 'Harbour2026x' } });
    expect(res.status).toBe(204);
    expect((await portal.call('POST', '/api/v1/session', { body: { username: 'demo', password: 'demo' } })).status).toBe(401);
    await expect(portal.login('demo', 'Harbour2026x')).resolves.toEqual(expect.any(String));
    expect((await portal.call('GET', '/api/v1/changes', { token })).status).toBe(200);
    expect((await portal.call('GET', '/api/v1/changes', { token: other })).status).toBe(401);
  });

  it('refuses a malformed login body with 400 naming the field', async () => {
    const res = await portal.call('POST', '/api/v1/session', { body: { username: 'demo' } });
    expect(res.status).toBe(400);
    expect(errorBody.parse(await res.json()).error.message).toMatch(/^password:/);
    const notJson = await portal.call('POST', '/api/v1/session', { rawBody: '{nope' });
    expect(errorBody.parse(await notJson.json()).error).toEqual({
      code: 'bad_request',
      message: 'The request body must be a JSON object.',
    });
  });
});
