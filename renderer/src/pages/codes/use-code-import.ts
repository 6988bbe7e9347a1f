// Its one job: Import distributor spreadsheet — a file chosen with the button or dropped anywhere
// on the page is checked against the size limit (before anything is sent), read, and previewed
// (`codes.previewImport`) into a Draft report; the report can be replaced by another file (the old
// draft is dropped), cancelled (`codes.discardImport`) or confirmed (`codes.confirmImport`) with
// the new codes the user left out. Nothing is saved before the confirmation.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import type { CodeImportDraft, CodeImportProgress, CodeImportResult } from '../../../../core/codes/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { readAsBytes } from '../../components/file-drop/read-file';
import { useFileDrop } from '../../components/file-drop/use-file-drop';
import { useImportRun } from '../../components/file-import/use-import-run';

/**
 * The contract's MAX_CODE_SHEET_BYTES (the renderer takes only types from feature contracts; a
 * unit test holds the two equal), so a file over it is refused before it is read or sent.
 */
export const CODE_SHEET_LIMIT_BYTES = 5 * 1024 * 1024;

/** Why nothing was imported from a file. */
export type ImportProblem =
  | { kind: 'too_large'; fileName: string; size: number; limit: number }
  | { kind: 'unreadable'; fileName: string }
  | { kind: 'refused'; fileName: string; error: ApiError };

/** A file being read: its name, and how far the pictures are when the core says so. */
export interface ImportReading {
  fileName: string;
  progress: CodeImportProgress | null;
}

export function useCodeImport() {
  const api = useApi();
  const [reading, setReading] = useState<ImportReading | null>(null);
  const [draft, setDraft] = useState<CodeImportDraft | null>(null);
  /** New codes the user left out (canonical). */
  const [skip, setSkip] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<ImportProblem | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<CodeImportResult | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);
  const busy = useRef(false);
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const running = useImportRun();
  const { run } = running;

  // The core's progress for the file being read (pictures n of m).
  useEffect(
    () =>
      api.on('codes.importProgress', (progress) =>
        setReading((current) => (current && current.fileName === progress.fileName ? { ...current, progress } : current)),
      ),
    [api],
  );

  const previewFile = useCallback(
    async (file: File) => {
      if (busy.current) return;
      setProblem(null);
      setResult(null);
      setConfirmError(null);
      if (file.size > CODE_SHEET_LIMIT_BYTES) {
        setProblem({ kind: 'too_large', fileName: file.name, size: file.size, limit: CODE_SHEET_LIMIT_BYTES });
        return;
      }
      busy.current = true;
      setReading({ fileName: file.name, progress: null });
      try {
        let bytes: Uint8Array;
        try {
          bytes = await readAsBytes(file);
        } catch {
          setProblem({ kind: 'unreadable', fileName: file.name });
          return;
        }
        const replaceDraftId = draftRef.current?.draftId;
        const next = await run(file.name, (importId) =>
          api.invoke('codes.previewImport', {
            fileName: file.name,
            bytes,
            importId,
            ...(replaceDraftId ? { replaceDraftId } : {}),
          }),
        );
        if (!next) return;
        setDraft(next);
        setSkip(new Set());
      } catch (err) {
        setProblem({ kind: 'refused', fileName: file.name, error: toApiError(err) });
      } finally {
        busy.current = false;
        setReading(null);
      }
    },
    [api, run],
  );

  const dragging = useFileDrop((file) => void previewFile(file));

  const toggleSkip = useCallback((code: string) => {
    setSkip((current) => {
      const next = new Set(current);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });
  }, []);

  const confirm = useCallback(async () => {
    const current = draftRef.current;
    if (!current || busy.current) return;
    busy.current = true;
    setConfirming(true);
    setConfirmError(null);
    try {
      const done = await api.invoke('codes.confirmImport', { draftId: current.draftId, skip: [...skip] });
      setResult(done);
      setDraft(null);
      setSkip(new Set());
    } catch (err) {
      setConfirmError(toApiError(err));
    } finally {
      busy.current = false;
      setConfirming(false);
    }
  }, [api, skip]);

  const cancel = useCallback(async () => {
    const current = draftRef.current;
    setDraft(null);
    setSkip(new Set());
    setConfirmError(null);
    if (!current) return;
    try {
      await api.invoke('codes.discardImport', { draftId: current.draftId });
    } catch {
      // The draft expires by itself in the core; nothing was saved either way.
    }
  }, [api]);

  /** Spread on the hidden `<input type="file">` the buttons open. */
  const fileInputProps = {
    ref: fileInput,
    onChange: (event: { target: HTMLInputElement }) => {
      const file = event.target.files?.[0];
      event.target.value = '';
      if (file) void previewFile(file);
    },
  };

  return {
    reading,
    /** Cancel, and the file whose reading was cancelled. */
    running,
    draft,
    skip,
    problem,
    confirming,
    confirmError,
    result,
    dragging,
    choose: () => fileInput.current?.click(),
    fileInputProps,
    previewFile,
    toggleSkip,
    confirm,
    cancel,
    dismissProblem: () => setProblem(null),
    dismissResult: () => setResult(null),
  };
}
