// Its one job: Export to Excel / Export .txt of one system's keys (keys.exportSystem), saved as a
// download, with the export under way and what went wrong.
import { useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { downloadExportedFile } from '../redeem/download';

export type ExportFormat = 'xlsx' | 'txt';

export function useSystemExport(mac: string) {
  const api = useApi();
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const exportAs = async (format: ExportFormat) => {
    setExporting(format);
    setError(null);
    try {
      downloadExportedFile(await api.invoke('keys.exportSystem', { mac, format }));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setExporting(null);
    }
  };

  return { exporting, error, dismissError: () => setError(null), exportAs };
}
