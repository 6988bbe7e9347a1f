// Its one job: a bulk file chosen with a button or dropped anywhere on the page — refused at once
// when over MAX_BULK_FILE_BYTES (rule `max_size`, nothing read or sent), otherwise read and handed
// to `send` (bulk.createFromFile or bulk.replaceFile); a refusal's problems are kept for the page.
import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import type { BulkJob, BulkRuleProblem } from '../../../../core/bulk/contract';
import { MAX_BULK_FILE_BYTES } from '../../../../core/domain/bulk-rules';
import { toApiError } from '../../api/core-store';
import { readAsBytes } from '../../components/file-drop/read-file';
import { useFileDrop } from '../../components/file-drop/use-file-drop';
import { useImportRun } from '../../components/file-import/use-import-run';
import { problemsOf } from './bulk-labels';

export const BULK_FILE_ACCEPT = '.xlsx,.csv';

/** The refusal of a file too large to send, as the core words its own (its message `bulk.file.tooLarge`). */
export function oversizeProblem(size: number): BulkRuleProblem {
  const mb = 1024 * 1024;
  const params = { size: Math.round((size / mb) * 10) / 10, limit: MAX_BULK_FILE_BYTES / mb };
  return {
    rule: 'max_size',
    row: null,
    column: null,
    text: null,
    message: {
      code: 'bulk.file.tooLarge',
      message: `The file is ${params.size.toFixed(1)} MB; a bulk file may be at most ${params.limit} MB: split it into smaller files.`,
      params,
    },
  };
}

export function useBulkFile({
  send,
  sent,
}: {
  send: (file: { fileName: string; bytes: Uint8Array; importId: string }) => Promise<BulkJob>;
  sent: (job: BulkJob) => void;
}) {
  const [sending, setSending] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ fileName: string; problems: BulkRuleProblem[] } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);
  const busy = useRef(false);
  const latest = useRef({ send, sent });
  latest.current = { send, sent };
  const running = useImportRun();
  const { run } = running;

  const sendFile = useCallback(
    async (file: File) => {
      if (busy.current) return;
      setError(null);
      setProblems(null);
      if (file.size > MAX_BULK_FILE_BYTES) {
        setProblems({ fileName: file.name, problems: [oversizeProblem(file.size)] });
        return;
      }
      busy.current = true;
      setSending(file.name);
      try {
        const bytes = await readAsBytes(file);
        const job = await run(file.name, (importId) => latest.current.send({ fileName: file.name, bytes, importId }));
        if (job) latest.current.sent(job);
      } catch (err) {
        const apiError = toApiError(err);
        const found = problemsOf(apiError);
        if (found) setProblems({ fileName: file.name, problems: found });
        else setError(apiError);
      } finally {
        busy.current = false;
        setSending(null);
      }
    },
    [run],
  );

  const dragging = useFileDrop((file) => void sendFile(file));

  /** Spread on the hidden `<input type="file">` the button opens. */
  const fileInputProps = {
    ref: fileInput,
    type: 'file',
    accept: BULK_FILE_ACCEPT,
    hidden: true,
    onChange: (event: { target: HTMLInputElement }) => {
      const file = event.target.files?.[0];
      event.target.value = '';
      if (file) void sendFile(file);
    },
  };

  return {
    sending,
    /** Cancel, and the file whose reading was cancelled. */
    running,
    problems,
    error,
    dragging,
    choose: () => fileInput.current?.click(),
    fileInputProps,
    sendFile,
    dismiss: () => {
      setError(null);
      setProblems(null);
    },
  };
}
