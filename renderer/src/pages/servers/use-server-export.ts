// Its one job: Export Server List to Excel — the core writes exactly the rows the filter shows, in
// its order; the file is saved as a download.
import { useCallback, useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import type { ServerFilter } from '../../../../core/servers/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { downloadExportedFile } from '../redeem/download';

export function useServerExport(save: typeof downloadExportedFile = downloadExportedFile) {
  const api = useApi();
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const start = useCallback(
    async (filter: ServerFilter) => {
      setExporting(true);
      setError(null);
      try {
        save(await api.invoke('servers.export', { filter }));
      } catch (err) {
        setError(toApiError(err));
      } finally {
        setExporting(false);
      }
    },
    [api, save],
  );

  return { exporting, error, start, dismiss: () => setError(null) };
}
