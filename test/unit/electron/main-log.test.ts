import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log, logInfo, startMainLog, stopMainLog } from '../../../electron/log';

describe('the shell log (electron/log.ts)', () => {
  afterEach(() => stopMainLog());

  it('writes main.log under the data folder once it is known, in the core log format, with secrets blanked', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-main-log-'));
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    log('before the data folder is known');
    startMainLog(dataDir);
    logInfo('app.started', { version: '1.2.3' });
    log('The window failed to load.', new Error('GET app://fieldkey/?token=abcdef123456 failed'));
    stopMainLog();
    stderr.mockRestore();

    const text = fs.readFileSync(path.join(dataDir, 'logs', 'main.log'), 'utf8');
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.level, line.process, line.event])).toEqual([
      ['info', 'main', 'app.started'],
      ['error', 'main', 'The window failed to load.'],
    ]);
    expect(text).not.toContain('abcdef123456');
  });

  it('a data folder that cannot hold a log leaves stderr alone, and logging still works', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-main-log-')), 'a-file');
    fs.writeFileSync(file, '');
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    startMainLog(file);
    expect(() => log('still said on stderr')).not.toThrow();
    expect(stderr.mock.calls.map((call) => call[0])).toContain('[FieldKey] still said on stderr');
    stderr.mockRestore();
  });
});
