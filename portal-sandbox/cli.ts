/**
 * `npm run portal -- [--port P] [--data-dir D] [--seed demo|N]`: runs the sandbox portal as a
 * process and prints its URL on a line of its own.
 */
import os from 'node:os';
import path from 'node:path';
import { closeOnSignals, failCommand, parseCommandLine, portOption, runCommand } from '../core/command-line/options';
import { DEMO_PARTNER, DEMO_PASSWORD, type SeedSpec } from './seed';
import { startSandboxPortal } from './server';

const USAGE = `Usage: npm run portal -- [options]

  --port N          port on 127.0.0.1 (default: a free one)
  --data-dir DIR    where the sandbox keeps its database (default: ${defaultDataDir()})
  --seed demo|N     fill an empty database: the demo data, or N redeemed keys for benchmarks
  --help            show this help`;

function defaultDataDir(): string {
  return path.join(os.tmpdir(), 'fieldkey-sandbox-portal');
}

const OPTIONS = {
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  seed: { type: 'string' },
} as const;

async function main(argv: string[]): Promise<void> {
  const values = parseCommandLine(argv, OPTIONS, USAGE);
  const port = portOption(values.port);
  let seed: SeedSpec | undefined;
  if (values.seed !== undefined) {
    if (values.seed === 'demo') seed = 'demo';
    else if (/^\d+$/.test(values.seed) && Number(values.seed) >= 1 && Number(values.seed) <= 50_000_000) seed = Number(values.seed);
    else failCommand(`--seed must be "demo" or a number of keys from 1 to 50000000, not "${values.seed}".`);
  }
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());

  // Faults on: tests and development arm them over HTTP. No secret: it holds only sandbox data,
  // and the Host and Origin checks keep web pages out (see README).
  const portal = await startSandboxPortal({ port, dataDir, seed, enableFaults: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') failCommand(`Port ${port} on 127.0.0.1 is already in use. Choose another with --port.`);
    throw err;
  });
  if (portal.seeded) {
    const s = portal.seeded;
    console.log(
      `Seeded ${seed === 'demo' ? 'the demo data' : `${s.redeemedKeys} keys`}: ${s.systems} systems, ${s.redeemedKeys} redeemed keys, ${s.unredeemedCodes} unredeemed codes, ${s.servers} servers in ${(s.ms / 1000).toFixed(1)} s.`,
    );
  } else if (seed !== undefined) {
    console.log(`The database in ${dataDir} already has data; --seed ${String(seed)} was not applied.`);
  }
  console.log(`Sandbox portal (data in ${portal.dataFile}); log in as ${DEMO_PARTNER.username} / ${DEMO_PASSWORD} if seeded. Portal URL:`);
  console.log(portal.url);

  closeOnSignals('the sandbox portal', () => portal.close());
}

runCommand('The sandbox portal', () => main(process.argv.slice(2)));
