// Its one job: run one file import under an id of its own, so the page can follow its
// `imports.progress` and stop it with `imports.cancel` (a cancelled import is not a failure).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportProgress } from '../../../../core/import/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';

export function useImportRun() {
  const api = useApi();
  const importId = useRef<string | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [cancelled, setCancelled] = useState<string | null>(null);

  useEffect(
    () =>
      api.on('imports.progress', (event) => {
        if (event.importId === importId.current) setProgress(event);
      }),
    [api],
  );

  /** Runs `call` with a fresh id; resolves to null when the user cancelled it. */
  const run = useCallback(async <T>(fileName: string, call: (id: string) => Promise<T>): Promise<T | null> => {
    const id = crypto.randomUUID();
    importId.current = id;
    setProgress(null);
    setCancelling(false);
    setCancelled(null);
    try {
      return await call(id);
    } catch (err) {
      if (toApiError(err).code !== 'CANCELLED') throw err;
      setCancelled(fileName);
      return null;
    } finally {
      importId.current = null;
      setProgress(null);
      setCancelling(false);
    }
  }, []);

  const cancel = useCallback(async () => {
    const id = importId.current;
    if (!id) return;
    setCancelling(true);
    // The import may have finished meanwhile: nothing to say then.
    await api.invoke('imports.cancel', { importId: id }).catch(() => undefined);
  }, [api]);

  return { run, cancel, progress, cancelling, cancelled, dismissCancelled: () => setCancelled(null) };
}
