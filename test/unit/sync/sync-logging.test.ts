import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../../core/log/logger';
import { useSandboxCores } from '../../support/sandbox-cores';
import { unredeemedCodes } from '../../support/sandbox-portal';
import type { SyncTestCore } from '../../support/sync-core';

// A real core and the real sandbox portal over 127.0.0.1; the log's lines are kept in memory.
describe('sync and outbox failures are logged', () => {
  const { portal, signedInCore } = useSandboxCores();
  let app: SyncTestCore;
  let lines: Record<string, any>[];

  beforeEach(async () => {
    lines = [];
    const log = createLogger({ destination: { write: (line) => lines.push(JSON.parse(line)) }, process: 'test' });
    app = await signedInCore({ log, portalTimeoutMs: 2000 });
  });

  it('a refused redemption (needs attention) is a warning with the operation and the reason', async () => {
    const [code] = (await unredeemedCodes(portal)).map((c) => c.code);
    const token = await portal.login();
    await portal.call('POST', '/api/v1/redemptions', { token, key: 'elsewhere-1', body: { mac: '000ADD999999', authCodes: [code] } });

    const result = await app.client.invoke('redeem.submit', { mac: '000ADD0C0FFE', authCodes: [code!] });
    expect(result.operation.status).toBe('needs_attention');
    expect(lines.find((line) => line.event === 'outbox.needs_attention')).toMatchObject({
      level: 'warn',
      operationId: result.operation.id,
      kind: 'redemption',
      lastError: expect.stringContaining('already redeemed'),
    });
  });

  it('a pull that cannot reach the portal is a warning with its kind, and no token is in any line', async () => {
    await portal.close();
    expect((await app.client.invoke('sync.now')).ok).toBe(false);
    const failed = lines.filter((line) => line.event === 'sync.pull_failed').at(-1);
    expect(failed).toMatchObject({ level: 'warn', component: 'sync', kind: expect.stringMatching(/offline|timeout/) });
    const token = Object.values(JSON.parse(fs.readFileSync(path.join(app.dataDir, 'secrets.json'), 'utf8')))[0] as string;
    expect(JSON.stringify(lines)).not.toContain(token);
  });
});
