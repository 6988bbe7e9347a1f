const { standIn, electronModule } = await vi.hoisted(() => import('../../support/electron-stand-in'));
vi.mock('electron', () => electronModule);

import { say } from '../../../core/messages/say';
import { ApiError } from '../../../core/rpc/errors';
import type { StartCoreOptions } from '../../../electron/core-process';
import { startCoreOrExplain } from '../../../electron/start-core';

/** A core whose start() fails with the given errors, in order, then succeeds. */
function coreFailingWith(...errors: ApiError[]) {
  const starts: StartCoreOptions[] = [];
  return {
    starts,
    start: async (options: StartCoreOptions = {}) => {
      starts.push(options);
      const err = errors.shift();
      if (err) throw err;
    },
  };
}

const tooNew = new ApiError('DB_TOO_NEW', 'The FieldKey database /data/fieldkey.db was written by a newer version of FieldKey (schema 7).');
const corrupt = new ApiError('DB_CORRUPT', 'The FieldKey database /data/fieldkey.db cannot be read (the file is damaged).');

describe('starting the core and explaining database problems (stand-in electron)', () => {
  beforeEach(() => {
    standIn.reset();
    vi.spyOn(console, 'error').mockImplementation(() => {}); // Failures are logged; keep the output readable.
  });

  it('starts quietly when the database opens', async () => {
    const core = coreFailingWith();
    await expect(startCoreOrExplain(core, 'en')).resolves.toBe(true);
    expect(standIn.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('DB_TOO_NEW: shows the message and says to quit, without trying again', async () => {
    const core = coreFailingWith(tooNew);
    await expect(startCoreOrExplain(core, 'en')).resolves.toBe(false);
    expect(standIn.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    const [options] = standIn.dialog.showMessageBox.mock.calls[0] as [Record<string, unknown>];
    expect(options.detail).toBe(tooNew.message);
    expect(options.buttons).toEqual(['Quit']);
    expect(core.starts).toHaveLength(1);
  });

  it('DB_CORRUPT and the user agrees: restarts the core with recreateCorruptDatabase', async () => {
    const core = coreFailingWith(corrupt);
    standIn.dialog.responses = [0];
    await expect(startCoreOrExplain(core, 'en')).resolves.toBe(true);
    const [options] = standIn.dialog.showMessageBox.mock.calls[0] as [Record<string, any>];
    expect(options.detail).toBe(corrupt.message);
    expect(options.buttons[0]).toMatch(/set it aside/i);
    expect(core.starts).toEqual([{}, { recreateCorruptDatabase: true }]);
  });

  it('DB_CORRUPT and the user declines (or closes the dialog): quits and leaves the file alone', async () => {
    const core = coreFailingWith(corrupt);
    standIn.dialog.responses = [1];
    await expect(startCoreOrExplain(core, 'en')).resolves.toBe(false);
    expect(core.starts).toEqual([{}]);
    const [options] = standIn.dialog.showMessageBox.mock.calls[0] as [Record<string, any>];
    expect(options.cancelId).toBe(1);
  });

  it('in French (Settings → Language): the dialog and its buttons are in French, the cause too when it has a message code', async () => {
    const core = coreFailingWith(corrupt);
    standIn.dialog.responses = [1];
    await expect(startCoreOrExplain(core, 'fr')).resolves.toBe(false);
    const [options] = standIn.dialog.showMessageBox.mock.calls[0] as [Record<string, any>];
    expect(options.message).toBe('FieldKey ne peut pas lire sa base de données.');
    expect(options.buttons).toEqual(['La mettre de côté et repartir de zéro', 'Quitter']);
    expect(options.cancelId).toBe(1);

    standIn.dialog.showMessageBox.mockClear();
    const coded = new ApiError('INTERNAL', say('desktop.core.exitedWhileStarting', { exitCode: 3 }));
    await expect(startCoreOrExplain(coreFailingWith(coded), 'fr')).resolves.toBe(false);
    const [failed] = standIn.dialog.showMessageBox.mock.calls[0] as [Record<string, any>];
    expect(failed.message).toBe("FieldKey n'a pas pu démarrer.");
    expect(failed.detail).toBe("Le moteur de FieldKey s'est arrêté pendant son démarrage (code de sortie 3).");
    expect(failed.buttons).toEqual(['Quitter']);

    standIn.dialog.showMessageBox.mockClear();
    await expect(startCoreOrExplain(coreFailingWith(tooNew), 'fr')).resolves.toBe(false);
    const [newer] = standIn.dialog.showMessageBox.mock.calls[0] as [Record<string, any>];
    expect(newer.buttons).toEqual(['Quitter']);
    // A cause without a code is shown as it came (English), never lost.
    expect(newer.detail).toBe(tooNew.message);
  });

  it('any other failure is shown with its message and the app quits', async () => {
    const core = coreFailingWith(new ApiError('INTERNAL', 'The FieldKey core could not start: wrong NODE_MODULE_VERSION'));
    await expect(startCoreOrExplain(core, 'en')).resolves.toBe(false);
    const [options] = standIn.dialog.showMessageBox.mock.calls[0] as [Record<string, any>];
    expect(options.detail).toContain('NODE_MODULE_VERSION');
  });
});
