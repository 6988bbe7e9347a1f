// Its one job: Save diagnostics — ask the core for the support .zip and save it like any export.
import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { downloadExportedFile } from '../redeem/download';

export function useSaveDiagnostics(save: typeof downloadExportedFile = downloadExportedFile) {
  const api = useApi();
  const [saving, setSaving] = useState(false);
  const [savedAs, setSavedAs] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // One zip at a time, also when the menu asks while a save runs.
  const running = useRef(false);

  const start = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    setSaving(true);
    setSavedAs(null);
    setError(null);
    try {
      const file = await api.invoke('app.diagnostics', {});
      save(file);
      setSavedAs(file.fileName);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      running.current = false;
      setSaving(false);
    }
  }, [api, save]);

  return { saving, savedAs, error, start, dismiss: () => setError(null) };
}
