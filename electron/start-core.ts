/** Starts the core, and explains a database it cannot open in words a technician can act on, in their language. */
import { dialog } from 'electron';
import type { Language } from '../core/messages/language';
import { type Translate, translator } from '../core/messages/say';
import { ApiError } from '../core/rpc/errors';
import type { CoreProcess } from './core-process';
import { errorText } from './language';
import { log } from './log';

/** Resolves true once the core runs, false when the app should quit (the user has been told why, in `language`). */
export async function startCoreOrExplain(core: Pick<CoreProcess, 'start'>, language: Language): Promise<boolean> {
  const t = translator(language);
  try {
    await core.start();
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.code === 'DB_TOO_NEW') {
      await dialog.showMessageBox({
        type: 'error',
        title: 'FieldKey',
        message: t('desktop.dialog.dbTooNew'),
        detail: errorText(err, t),
        buttons: [t('desktop.dialog.quit')],
      });
      return false;
    }
    if (err instanceof ApiError && err.code === 'DB_CORRUPT') {
      const { response } = await dialog.showMessageBox({
        type: 'warning',
        title: 'FieldKey',
        message: t('desktop.dialog.dbCorrupt'),
        detail: errorText(err, t),
        buttons: [t('desktop.dialog.setAsideAndStartFresh'), t('desktop.dialog.quit')],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      });
      if (response !== 0) return false;
      try {
        await core.start({ recreateCorruptDatabase: true });
        return true;
      } catch (retryErr) {
        return explainFailure(retryErr, t);
      }
    }
    return explainFailure(err, t);
  }
}

async function explainFailure(err: unknown, t: Translate): Promise<false> {
  log('The FieldKey core could not start.', err);
  await dialog.showMessageBox({
    type: 'error',
    title: 'FieldKey',
    message: t('desktop.dialog.couldNotStart'),
    detail: errorText(err, t),
    buttons: [t('desktop.dialog.quit')],
  });
  return false;
}
