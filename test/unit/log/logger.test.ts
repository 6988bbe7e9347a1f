import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFileLogger, createLogger, lastErrorEntries, logsDir, newErrorReference } from '../../../core/log/logger';
import { KnownSecrets, redactValue, scrubText } from '../../../core/log/redact';
import { RotatingFile, rotatedName } from '../../../core/log/rotating-file';
import { rendererErrorReporter, RENDERER_ERRORS_PER_MINUTE } from '../../../core/app/report-error';

const base64Payload = Buffer.alloc(300, 7).toString('base64');

describe('scrubText: secret-looking text never reaches a log', () => {
  it.each([
    ['a bearer header', 'Authorization: Bearer abc.DEF-123_xyz', 'abc.DEF-123_xyz'],
    ['a basic header', 'authorization=Basic ZGVtbzpkZW1v', 'ZGVtbzpkZW1v'],
    ['a token in an address', 'GET http://127.0.0.1:3000/?token=s3cr3tT0ken&x=1', 's3cr3tT0ken'],
    ['a sandbox secret in an address', 'http://127.0.0.1:9/sandbox/auth-codes?status=unredeemed&secret=Zq9-xx', 'Zq9-xx'],
    ['a password as JSON', '{"username":"demo","password":"hunter2!"}', 'hunter2!'],
    ['a password as text', 'login failed for password=hunter2', 'hunter2'],
    ['a token as JSON', '{"accessToken": "tok_ABCDEFG"}', 'tok_ABCDEFG'],
    ['a base64 file', `import failed on ${base64Payload}`, base64Payload.slice(0, 40)],
  ])('%s', (_name, text, secret) => {
    const scrubbed = scrubText(text);
    expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toContain('[redacted');
  });

  it('keeps ordinary text as it was', () => {
    const text = 'sync.pull_failed: The portal at http://127.0.0.1:4000 did not answer in time (offline).';
    expect(scrubText(text)).toBe(text);
  });

  it('blanks a known secret wherever it appears, in any shape of text', () => {
    const known = new KnownSecrets();
    known.add('Q7xv-2mH9p_LkT3');
    expect(scrubText('stack at x (Q7xv-2mH9p_LkT3)', known)).toBe('stack at x ([redacted])');
  });

  it('redactValue blanks secret keys at any depth and scrubs strings', () => {
    const redacted = redactValue({ theme: 'dark', portal: { password: 'p', url: 'http://x/?token=abc' }, list: [{ secret: 's' }] });
    expect(redacted).toEqual({
      theme: 'dark',
      portal: { password: '[redacted]', url: 'http://x/?token=[redacted]' },
      list: [{ secret: '[redacted]' }],
    });
  });
});

describe('the logger', () => {
  const capture = () => {
    const lines: string[] = [];
    const log = createLogger({ destination: { write: (line) => lines.push(line) }, process: 'test' });
    return { log, entries: () => lines.map((line) => JSON.parse(line) as Record<string, any>) };
  };

  it('writes one JSON line per event with time, level, process, event and fields', () => {
    const { log, entries } = capture();
    log.info('host.started', { port: 4100 });
    log.child('sync').warn('sync.pull_failed', { kind: 'offline' });
    const [started, failed] = entries();
    expect(started).toMatchObject({ level: 'info', process: 'test', event: 'host.started', port: 4100 });
    expect(new Date(started!.time).toString()).not.toBe('Invalid Date');
    expect(failed).toMatchObject({ level: 'warn', component: 'sync', event: 'sync.pull_failed', kind: 'offline' });
  });

  it('blanks fields named like secrets and scrubs values, messages and stacks', () => {
    const { log, entries } = capture();
    log.addSecret('HOSTTOKEN-0123456789');
    const err = new Error('refused Bearer abcdefghij for http://h/?token=HOSTTOKEN-0123456789');
    log.error('api.unexpected_error', { method: 'session.login', password: 'hunter2', note: 'password: hunter2' }, err);
    const line = JSON.stringify(entries()[0]);
    expect(line).not.toContain('hunter2');
    expect(line).not.toContain('abcdefghij');
    expect(line).not.toContain('HOSTTOKEN-0123456789');
    expect(entries()[0]).toMatchObject({ method: 'session.login', password: '[redacted]', err: { type: 'Error' } });
    expect(entries()[0]!.err.stack).toContain('Error: refused Bearer [redacted]');
  });

  it('drops objects passed as fields (a call cannot log request arguments wholesale)', () => {
    const { log, entries } = capture();
    log.info('x', { args: { password: 'hunter2' } } as never);
    expect(JSON.stringify(entries()[0])).not.toContain('hunter2');
  });

  it('references are five characters from an alphabet with no look-alikes', () => {
    for (let i = 0; i < 200; i++) expect(newErrorReference()).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{5}$/);
  });

  it('lastErrorEntries reads the error lines of every log file, newest last', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-log-'));
    const core = createFileLogger({ dataDir, process: 'core' });
    const main = createFileLogger({ dataDir, process: 'main' });
    core.error('first', { n: 1 });
    core.info('not an error');
    main.error('second', { n: 2 });
    core.close();
    main.close();
    expect(lastErrorEntries(logsDir(dataDir), 50).map((entry) => entry.event)).toEqual(['first', 'second']);
    expect(lastErrorEntries(logsDir(dataDir), 1).map((entry) => entry.event)).toEqual(['second']);
  });
});

describe('RotatingFile', () => {
  it('keeps each file under the cap and only the newest few files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-rotate-'));
    const file = path.join(dir, 'core.log');
    const destination = new RotatingFile({ file, maxBytes: 1000, keep: 2 });
    for (let i = 0; i < 100; i++) destination.write(`${JSON.stringify({ line: i, pad: 'x'.repeat(80) })}\n`);
    destination.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['core.1.log', 'core.2.log', 'core.log']);
    for (const name of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, name)).size).toBeLessThanOrEqual(1000);
    expect(fs.readFileSync(file, 'utf8')).toContain('"line":99');
    expect(fs.readFileSync(rotatedName(file, 2), 'utf8')).not.toContain('"line":0,');
  });

  it('carries on after a restart from the size already on disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-rotate-'));
    const file = path.join(dir, 'main.log');
    fs.writeFileSync(file, 'x'.repeat(950));
    const destination = new RotatingFile({ file, maxBytes: 1000, keep: 3 });
    destination.write(`${'y'.repeat(100)}\n`);
    destination.close();
    expect(fs.readFileSync(rotatedName(file, 1), 'utf8')).toBe('x'.repeat(950));
    expect(fs.readFileSync(file, 'utf8')).toBe(`${'y'.repeat(100)}\n`);
  });
});

describe('renderer error reports', () => {
  it(`logs at most ${RENDERER_ERRORS_PER_MINUTE} a minute and says how many were dropped with the next`, () => {
    const lines: string[] = [];
    const log = createLogger({ destination: { write: (line) => lines.push(line) }, process: 'test' });
    let now = new Date('2026-12-04T10:00:00Z');
    const report = rendererErrorReporter(log, () => now);
    const one = { source: 'window.error' as const, message: 'TypeError: x is undefined' };
    for (let i = 0; i < RENDERER_ERRORS_PER_MINUTE; i++) expect(report(one)).toEqual({ logged: true });
    expect(report(one)).toEqual({ logged: false });
    expect(report(one)).toEqual({ logged: false });
    now = new Date('2026-12-04T10:01:00Z');
    expect(report(one)).toEqual({ logged: true });
    expect(lines).toHaveLength(RENDERER_ERRORS_PER_MINUTE + 1);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ event: 'renderer.error', source: 'window.error', droppedBefore: 2 });
  });
});
