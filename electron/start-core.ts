/** Starts the core, and explains a database it cannot open in words a technician can act on. */
import { dialog } from 'electron';
import { ApiError } from '../core/rpc/errors';
import type { CoreProcess } from './core-process';
import { log } from './log';

/** Resolves true once the core runs, false when the app should quit (the user has been told why). */
export async function startCoreOrExplain(core: Pick<CoreProcess, 'start'>): Promise<boolean> {
  try {
    await core.start();
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.code === 'DB_TOO_NEW') {
      await dialog.showMessageBox({
        type: 'error',
        title: 'FieldKey',
        message: 'This database belongs to a newer FieldKey.',
        detail: err.message,
        buttons: ['Quit'],
      });
      return false;
    }
    if (err instanceof ApiError && err.code === 'DB_CORRUPT') {
      const { response } = await dialog.showMessageBox({
        type: 'warning',
        title: 'FieldKey',
        message: 'FieldKey cannot read its database.',
        detail: err.message,
        buttons: ['Set it aside and start fresh', 'Quit'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      });
      if (response !== 0) return false;
      try {
        await core.start({ recreateCorruptDatabase: true });
        return true;
      } catch (retryErr) {
        return explainFailure(retryErr);
      }
    }
    return explainFailure(err);
  }
}

async function explainFailure(err: unknown): Promise<false> {
  log('The FieldKey core could not start.', err);
  await dialog.showMessageBox({
    type: 'error',
    title: 'FieldKey',
    message: 'FieldKey could not start.',
    detail: err instanceof Error ? err.message : String(err),
    buttons: ['Quit'],
  });
  return false;
}
