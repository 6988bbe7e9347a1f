#!/usr/bin/env node
// A second, independent client of the Portal API (plain fetch, none of FieldKey's code) that
// probes a portal for the promises sync relies on: single use, byte-identical replay, 422 on a
// reused key, and exactly one winner when eight client processes race for one code.
//
//   node scripts/portal-probe.mjs --url http://127.0.0.1:PORT [--username demo --password demo]
//                                 [--codes CODE1,CODE2,CODE3] [--sandbox-secret S]
//
// Without --codes it takes unredeemed codes from the sandbox's /sandbox/auth-codes (the embedded
// sandbox wants the secret it printed at start: --sandbox-secret). It redeems
// three codes: point it at a sandbox or a test account, never at real stock. Exit code 0 when
// every check passes.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    username: { type: 'string', default: 'demo' },
    password: { type: 'string', default: 'demo' },
    codes: { type: 'string' },
    'sandbox-secret': { type: 'string' },
    'race-client': { type: 'boolean', default: false },
  },
});

if (values['race-client']) await raceClient();
else await probe();

async function probe() {
  if (!values.url) {
    console.error(
      'Usage: node scripts/portal-probe.mjs --url http://127.0.0.1:PORT [--username U --password P] [--codes A,B,C] [--sandbox-secret S]',
    );
    process.exit(2);
  }
  const base = values.url.replace(/\/$/, '');
  const api = `${base}/api/v1`;
  let failures = 0;
  const check = (name, ok, detail = '') => {
    console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${ok || !detail ? '' : ` — ${detail}`}`);
    if (!ok) failures++;
  };
  const randomMac = () => `000ADD${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
  const newKey = () => crypto.randomUUID();

  const login = await fetch(`${api}/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: values.username, password: values.password }),
  });
  check('login returns a token', login.status === 200, `HTTP ${login.status}`);
  if (login.status !== 200) process.exit(1);
  const { token } = await login.json();
  const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const redeem = (key, body) =>
    fetch(`${api}/redemptions`, { method: 'POST', headers: { ...auth, 'Idempotency-Key': key }, body: JSON.stringify(body) });
  const lookup = async (code) => (await fetch(`${api}/auth-codes/${code}`, { headers: auth })).json();

  let codes = values.codes ? values.codes.split(',') : null;
  if (!codes) {
    const secret = values['sandbox-secret'];
    const res = await fetch(`${base}/sandbox/auth-codes?status=unredeemed`, { headers: secret ? { 'X-Sandbox-Secret': secret } : {} });
    codes = res.ok ? (await res.json()).authCodes.map((c) => c.code) : [];
    if (res.status === 401) console.error('The sandbox wants its secret for /sandbox/auth-codes: pass --sandbox-secret, or --codes.');
  }
  if (codes.length < 3) {
    console.error('Need three unredeemed codes (--codes A,B,C); the portal offered fewer.');
    process.exit(2);
  }
  const [single, other, raced] = codes;

  // Single use.
  const macA = randomMac();
  const key1 = newKey();
  const body1 = { mac: macA, authCodes: [single] };
  const first = await redeem(key1, body1);
  const firstText = await first.text();
  const firstResult = first.status === 200 ? JSON.parse(firstText).results[0] : null;
  check('a code redeems', firstResult?.status === 'redeemed', `HTTP ${first.status} ${firstText}`);
  const second = await redeem(newKey(), { mac: randomMac(), authCodes: [single] });
  const secondResult = second.status === 200 ? (await second.json()).results[0] : null;
  check(
    'the same code under another key is already_redeemed, naming the MAC it went to',
    secondResult?.status === 'already_redeemed' && secondResult?.mac === macA,
    JSON.stringify(secondResult),
  );

  // Replay.
  const replay = await redeem(key1, body1);
  const replayText = await replay.text();
  check(
    'the same key and body replay the first response byte for byte',
    replay.status === first.status && replayText === firstText,
    replayText,
  );
  const afterReplay = await lookup(single);
  check(
    'the replay redeemed nothing more (the code is still on the first MAC)',
    afterReplay.status === 'redeemed' && afterReplay.mac === macA,
    JSON.stringify(afterReplay),
  );

  // Same key, different body.
  const mismatch = await redeem(key1, { mac: macA, authCodes: [other] });
  const mismatchBody = await mismatch.json().catch(() => null);
  check(
    'the same key with a different body is refused with 422',
    mismatch.status === 422 && mismatchBody?.error?.code === 'idempotency_mismatch',
    `HTTP ${mismatch.status}`,
  );
  check('the refused request redeemed nothing', (await lookup(other)).status === 'unredeemed');

  // Eight client processes race for one code.
  const script = fileURLToPath(import.meta.url);
  const clients = Array.from({ length: 8 }, () => {
    const child = spawn(process.execPath, [script, '--race-client'], {
      env: {
        ...process.env,
        PROBE_URL: `${api}/redemptions`,
        PROBE_TOKEN: token,
        PROBE_KEY: newKey(),
        PROBE_BODY: JSON.stringify({ mac: randomMac(), authCodes: [raced] }),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    return { child, next: async () => (await lines.next()).value };
  });
  for (const client of clients) await client.next(); // "ready": every process is up and connected
  for (const client of clients) client.child.stdin.write('go\n');
  const answers = await Promise.all(clients.map(async (client) => JSON.parse(await client.next())));
  const statuses = answers.map((a) => (a.status === 200 ? JSON.parse(a.body).results[0].status : `HTTP ${a.status}`));
  const winners = answers.filter((_, i) => statuses[i] === 'redeemed').map((a) => JSON.parse(a.body).results[0].mac);
  check(
    'eight racing clients: exactly one redeemed, seven already_redeemed',
    winners.length === 1 && statuses.filter((s) => s === 'already_redeemed').length === 7,
    statuses.join(', '),
  );
  const racedNow = await lookup(raced);
  check(
    'the portal holds the raced code on the winner’s MAC',
    racedNow.status === 'redeemed' && racedNow.mac === winners[0],
    JSON.stringify(racedNow),
  );

  console.log(failures ? `${failures} check(s) failed.` : 'All checks passed.');
  process.exit(failures ? 1 : 0);
}

/** One racing client: connects first (a warm-up request), then fires on "go". */
async function raceClient() {
  const { PROBE_URL, PROBE_TOKEN, PROBE_KEY, PROBE_BODY } = process.env;
  await fetch(PROBE_URL.replace(/\/redemptions$/, '/changes?limit=1'), { headers: { Authorization: `Bearer ${PROBE_TOKEN}` } }).then((r) =>
    r.arrayBuffer(),
  );
  console.log('ready');
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line !== 'go') continue;
    const res = await fetch(PROBE_URL, {
      method: 'POST',
      headers: { Authorization: `Bearer ${PROBE_TOKEN}`, 'Idempotency-Key': PROBE_KEY, 'Content-Type': 'application/json' },
      body: PROBE_BODY,
    });
    console.log(JSON.stringify({ status: res.status, body: await res.text() }));
    process.exit(0);
  }
}
