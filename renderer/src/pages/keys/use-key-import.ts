// Its one job: Import portal export — a file chosen with the button or dropped anywhere on the page
// is checked against the size limit (before anything is sent), read, sent to keys.import, and its
// report (or the reason nothing was imported) kept for the page to show.
import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import type { ImportReport } from '../../../../core/keys/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { readAsBytes } from '../../components/file-drop/read-file';
import { useFileDrop } from '../../components/file-drop/use-file-drop';
import { useImportRun } from '../../components/file-import/use-import-run';

/** Why a file was not sent: too large (with its size and the limit, in bytes). */
export interface ImportRefusal {
  fileName: string;
  size: number;
  limit: number;
}

/**
 * The contract's MAX_IMPORT_FILE_BYTES (the renderer takes only types from feature contracts; a
 * unit test holds the two equal), so a file over it is refused before it is read or sent.
 */
export const IMPORT_LIMIT_BYTES = 25 * 1024 * 1024;

export function useKeyImport({ imported }: { imported: (report: ImportReport) => void }) {
  const api = useApi();
  const [importing, setImporting] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [refusal, setRefusal] = useState<ImportRefusal | null>(null);
  const [unreadable, setUnreadable] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);
  const busy = useRef(false);
  const importedRef = useRef(imported);
  importedRef.current = imported;
  const running = useImportRun();
  const { run } = running;

  const importFile = useCallback(
    async (file: File) => {
      if (busy.current) return;
      setError(null);
      setRefusal(null);
      setUnreadable(null);
      setReport(null);
      if (file.size > IMPORT_LIMIT_BYTES) {
        setRefusal({ fileName: file.name, size: file.size, limit: IMPORT_LIMIT_BYTES });
        return;
      }
      busy.current = true;
      setImporting(file.name);
      try {
        let bytes: Uint8Array;
        try {
          bytes = await readAsBytes(file);
        } catch {
          setUnreadable(file.name);
          return;
        }
        const result = await run(file.name, (importId) => api.invoke('keys.import', { fileName: file.name, bytes, importId }));
        if (!result) return;
        setReport(result);
        importedRef.current(result);
      } catch (err) {
        setError(toApiError(err));
      } finally {
        busy.current = false;
        setImporting(null);
      }
    },
    [api, run],
  );

  const dragging = useFileDrop((file) => void importFile(file));

  /** Spread on the hidden `<input type="file">` the Import portal export button opens. */
  const fileInputProps = {
    ref: fileInput,
    onChange: (event: { target: HTMLInputElement }) => {
      const file = event.target.files?.[0];
      event.target.value = '';
      if (file) void importFile(file);
    },
  };

  return {
    importing,
    /** Progress, Cancel, and the file whose import was cancelled. */
    running,
    report,
    error,
    refusal,
    unreadable,
    dragging,
    choose: () => fileInput.current?.click(),
    fileInputProps,
    importFile,
    closeReport: () => setReport(null),
    dismissProblem: () => {
      setError(null);
      setRefusal(null);
      setUnreadable(null);
    },
  };
}
