import { errorBody, systemUpsertResponse } from '../../../core/portal-api/schemas';
import { useSandboxCores } from '../../support/sandbox-cores';
import type { TestPortal } from '../../support/sandbox-portal';

const arm = (portal: TestPortal, spec: unknown) =>
  fetch(`${portal.url}/sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(spec) });

describe('sandbox portal: fault switches over HTTP', () => {
  const { portal, otherPortal } = useSandboxCores({ scope: 'all', enableFaults: true });
  let token: string;
  beforeAll(async () => {
    token = await portal.login();
  });
  afterEach(() => fetch(`${portal.url}/sandbox/faults`, { method: 'DELETE' }));

  it('POST /sandbox/faults affects exactly the next N /api/v1 requests, not /sandbox ones', async () => {
    expect((await arm(portal, { kind: 'unavailable', count: 2, retryAfterSeconds: 5 })).status).toBe(200);
    expect((await fetch(`${portal.url}/sandbox/auth-codes`)).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await portal.call('GET', '/api/v1/changes?limit=1', { token });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
    }
    expect((await portal.call('GET', '/api/v1/changes?limit=1', { token })).status).toBe(200);
  });

  it('refuses an unknown fault kind or count with 400, listing the kinds', async () => {
    const res = await arm(portal, { kind: 'explode' });
    expect(res.status).toBe(400);
    expect(errorBody.parse(await res.json()).error.message).toContain('unavailable, rate_limit, hang, cut_after_commit, slow');
    expect((await arm(portal, { kind: 'hang', count: 0 })).status).toBe(400);
  });

  it('slow delays the answer by delayMs', async () => {
    await arm(portal, { kind: 'slow', count: 1, delayMs: 400 });
    const started = performance.now();
    expect((await portal.call('GET', '/api/v1/changes?limit=1', { token })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(380);
  });

  it('cut_after_commit on POST /systems: the system is saved, the retry with the same key gets the stored 201', async () => {
    await arm(portal, { kind: 'cut_after_commit', count: 1 });
    const body = { mac: '000ADD0C0C0C', systemName: 'Cut' };
    await expect(portal.call('POST', '/api/v1/systems', { token, key: 'cut-system-0001', body })).rejects.toThrow();
    const retry = await portal.call('POST', '/api/v1/systems', { token, key: 'cut-system-0001', body });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(systemUpsertResponse.parse(await retry.json()).created).toBe(true);
  });

  it('the faults object returned by startSandboxPortal arms the same switches', async () => {
    portal.faults.arm({ kind: 'rate_limit', count: 1, retryAfterSeconds: 2 });
    expect(await (await fetch(`${portal.url}/sandbox/faults`)).json()).toEqual({ pending: [{ kind: 'rate_limit', remaining: 1 }] });
    const res = await portal.call('GET', '/api/v1/changes?limit=1', { token });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
  });

  it('a stopped portal drops a hung request instead of keeping it open', async () => {
    const other = await otherPortal();
    const otherToken = await other.login();
    other.faults.arm({ kind: 'hang' });
    const hung = other.call('GET', '/api/v1/changes', { token: otherToken });
    await vi.waitFor(() => expect(other.faults.pending()).toEqual([])); // the request took the fault
    await other.close();
    await expect(hung).rejects.toThrow();
  });

  it('a hold stops the next matching request after it claimed its key (a second one gets 409) until released; clear() lets go', async () => {
    const body = { mac: '000ADD0C0C0D', systemName: 'Held' };
    const held = portal.faults.hold({ method: 'POST', path: '/api/v1/systems' });
    const first = portal.call('POST', '/api/v1/systems', { token, key: 'held-system-0001', body });
    await held.reached;
    expect((await portal.call('GET', '/api/v1/changes?limit=1', { token })).status).toBe(200); // other requests pass
    expect((await portal.call('POST', '/api/v1/systems', { token, key: 'held-system-0001', body })).status).toBe(409);
    held.release();
    expect((await first).status).toBe(201);

    const again = portal.faults.hold({ method: 'POST', path: /^\/api\/v1\/systems$/ });
    const second = portal.call('POST', '/api/v1/systems', { token, key: 'held-system-0002', body: { ...body, systemName: 'Held 2' } });
    await again.reached;
    portal.faults.clear();
    expect((await second).status).toBe(200);
  });
});
