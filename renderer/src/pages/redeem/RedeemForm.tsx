import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import DnsOutlined from '@mui/icons-material/DnsOutlined';
import ImageSearchOutlined from '@mui/icons-material/ImageSearchOutlined';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import PhotoCameraOutlined from '@mui/icons-material/PhotoCameraOutlined';
import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/api/errors';
import type { SystemSummary } from '../../../../core/systems/contract';
import { useApi } from '../../api/CoreProvider';
import { fieldErrorsOf } from '../../api/api-errors';
import { toApiError } from '../../api/core-store';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Section } from '../../components/Section';
import type { ScanOutcome } from '../../scan/types';
import { AuthCodeField } from './AuthCodeField';
import {
  canonicalCode,
  earlierDuplicate,
  fillCodes,
  MAX_CODE_FIELDS,
  nextEmptyField,
  placeScannedCode,
  type FillResult,
} from './code-fields';
import { formatMac, parseAuthCode, parseMac } from './code-formats';
import { extractAuthCodes } from './extract-codes';
import { MacField } from './MacField';
import { ResetDialog } from './ResetDialog';
import type { RedeemSession, RedeemSessionState } from './redeem-session';
import type { ScanningTools } from './scanning';
import { useCodePreview } from './use-code-preview';
import { monospaceFontStack } from '../../theme/theme';

/** What a paste, a picture or the camera put into the form, and what it could not. */
interface FillReport {
  source: 'paste' | 'picture';
  added: number;
  unreadable: string[];
  alreadyInForm: { code: string; field: number }[];
  overflow: string[];
  repeated: string[];
}

type FieldErrors = Partial<Record<'mac' | 'serial' | 'systemName', string>> & { codes?: Record<number, string> };

export interface RedeemFormProps {
  session: RedeemSession;
  state: RedeemSessionState;
  scanning: ScanningTools;
}

/**
 * The portal's Redeem form, made for a technician on site: MAC in any format with known systems
 * offered, codes typed, pasted (a whole e-mail or column at once), scanned with a USB scanner
 * (Enter moves on), read by the camera or from a picture; every code checked as it lands.
 *
 * Enter in a code field never submits (a scanner ends every code with Enter); Ctrl+Enter
 * (⌘+Enter on a Mac) anywhere in the form redeems, as the Redeem button does.
 */
export function RedeemForm({ session, state, scanning }: RedeemFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { draft, submitting } = state;
  const { codes, checked } = draft;
  const locked = submitting;

  const [errors, setErrors] = useState<FieldErrors>({});
  const [macNote, setMacNote] = useState<string | null>(null);
  const [conflicting, setConflicting] = useState<ReadonlySet<string>>(new Set());
  const [noCodes, setNoCodes] = useState(false);
  const [submitError, setSubmitError] = useState<ApiError | null>(null);
  const [report, setReport] = useState<FillReport | null>(null);
  const [pictureProblem, setPictureProblem] = useState<string | null>(null);
  const [readingPicture, setReadingPicture] = useState(false);
  const [scanMode, setScanMode] = useState<'codes' | 'mac' | null>(null);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ field: number } | null>(null);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const macInput = useRef<HTMLInputElement | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);

  const validCodes = useMemo(() => [...new Set(codes.map(canonicalCode).filter((code): code is string => code !== null))], [codes]);
  const previews = useCodePreview(validCodes, !locked);

  useEffect(() => {
    if (!focusRequest) return;
    inputs.current[focusRequest.field]?.focus();
  }, [focusRequest]);

  // One stable ref callback per field, so the memoised fields do not re-render for it.
  const refCallbacks = useRef(new Map<number, (element: HTMLInputElement | null) => void>());
  const inputRefFor = (index: number) => {
    let callback = refCallbacks.current.get(index);
    if (!callback) {
      callback = (element) => {
        inputs.current[index] = element;
      };
      refCallbacks.current.set(index, callback);
    }
    return callback;
  };

  /** Writes code fields (and marks `checkedFields` as checked); the draft is current at once. */
  const writeCodes = useCallback(
    (next: string[], checkedFields: number[] = []) => {
      const nextChecked = next.map((_, i) => session.draft.checked[i] ?? false);
      for (const field of checkedFields) nextChecked[field] = true;
      session.setDraft({ codes: next, checked: nextChecked });
    },
    [session],
  );

  const clearCodeError = (field: number) =>
    setErrors((current) => {
      if (!current.codes?.[field]) return current;
      const { [field]: _removed, ...rest } = current.codes;
      return { ...current, codes: rest };
    });

  const onCodeChange = useCallback(
    (index: number, value: string) => {
      const next = [...session.draft.codes];
      next[index] = value;
      writeCodes(next);
      clearCodeError(index);
      setNoCodes(false);
    },
    [session, writeCodes],
  );

  /** Leaving a field: the code is shown canonical, and its errors start to show. */
  const normaliseField = useCallback(
    (index: number): string | null => {
      const value = session.draft.codes[index] ?? '';
      const next = [...session.draft.codes];
      if (value.trim() === '') {
        next[index] = '';
        writeCodes(next);
        return null;
      }
      const code = canonicalCode(value);
      next[index] = code ?? value.trim();
      writeCodes(next, [index]);
      return code;
    },
    [session, writeCodes],
  );

  const onCodeBlur = useCallback((index: number) => void normaliseField(index), [normaliseField]);

  const addField = () => {
    if (session.draft.codes.length >= MAX_CODE_FIELDS) return;
    writeCodes([...session.draft.codes, '']);
    setFocusRequest({ field: session.draft.codes.length - 1 });
  };

  const onCodeKeyDown = useCallback(
    (index: number, event: KeyboardEvent<HTMLInputElement>) => {
      if (event.key !== 'Enter' || event.ctrlKey || event.metaKey) return; // Ctrl+Enter: the form submits.
      event.preventDefault();
      const code = normaliseField(index);
      if (code === null || earlierDuplicate(session.draft.codes, index) >= 0) return;
      // A USB scanner typed a whole code: move on to the next empty field, adding one if needed.
      let next = nextEmptyField(session.draft.codes, index);
      if (next < 0 && session.draft.codes.length < MAX_CODE_FIELDS) {
        next = session.draft.codes.length;
        writeCodes([...session.draft.codes, '']);
      }
      if (next >= 0) setFocusRequest({ field: next });
    },
    [normaliseField, session, writeCodes],
  );

  const applyFill = useCallback(
    (fill: FillResult, source: FillReport['source'], extracted: { unreadable: string[]; repeated: string[] }) => {
      writeCodes(
        fill.values,
        fill.placed.map((placed) => placed.field),
      );
      setNoCodes(false);
      for (const placed of fill.placed) clearCodeError(placed.field);
      setReport({
        source,
        added: fill.placed.length,
        unreadable: extracted.unreadable,
        alreadyInForm: fill.alreadyInForm,
        overflow: fill.overflow,
        repeated: extracted.repeated,
      });
      const last = fill.placed.at(-1)?.field;
      if (last !== undefined) {
        const next = nextEmptyField(fill.values, last);
        setFocusRequest({ field: next >= 0 && next > last ? next : last });
      }
    },
    [writeCodes],
  );

  const readPicture = useCallback(
    async (picture: Blob, start: number | null) => {
      const read = scanning.readBarcodesFromPicture;
      if (!read) return;
      setPictureProblem(null);
      setReport(null);
      setReadingPicture(true);
      try {
        const texts = await read(picture);
        const extracted = extractAuthCodes(texts.join('\n'));
        if (extracted.codes.length === 0) {
          setPictureProblem(t('redeem.picture.noCodes'));
          return;
        }
        const current = session.draft.codes;
        const from =
          start ??
          Math.max(
            0,
            current.findIndex((value) => value.trim() === ''),
          );
        applyFill(fillCodes(current, from, extracted.codes), 'picture', extracted);
      } catch (err) {
        // The reader says what is wrong with the file (not a picture, damaged, empty).
        setPictureProblem(err instanceof Error && err.message ? err.message : t('redeem.picture.unreadable'));
      } finally {
        setReadingPicture(false);
      }
    },
    [applyFill, scanning.readBarcodesFromPicture, session, t],
  );

  const onCodePaste = useCallback(
    (index: number, event: ClipboardEvent<HTMLInputElement>) => {
      const picture = [...event.clipboardData.files].find((file) => file.type.startsWith('image/'));
      if (picture) {
        event.preventDefault();
        void readPicture(picture, index);
        return;
      }
      const extracted = extractAuthCodes(event.clipboardData.getData('text'));
      // Not a single code in it: an ordinary paste, checked when the field is left.
      if (extracted.codes.length === 0) return;
      event.preventDefault();
      const input = event.currentTarget;
      const wholeSelected = input.selectionStart === 0 && input.selectionEnd === input.value.length;
      applyFill(fillCodes(session.draft.codes, index, extracted.codes, { replaceStart: wholeSelected }), 'paste', extracted);
    },
    [applyFill, readPicture, session],
  );

  // A picture pasted anywhere on the page (not into a field, which handles its own).
  useEffect(() => {
    const onPaste = (event: globalThis.ClipboardEvent) => {
      if (event.defaultPrevented || locked || !scanning.readBarcodesFromPicture) return;
      const picture = [...(event.clipboardData?.files ?? [])].find((file) => file.type.startsWith('image/'));
      if (!picture) return;
      event.preventDefault();
      void readPicture(picture, null);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [locked, readPicture, scanning.readBarcodesFromPicture]);

  const droppedPicture = (event: DragEvent) => [...event.dataTransfer.files].find((file) => file.type.startsWith('image/'));
  const onDragOver = (event: DragEvent) => {
    if (locked || !scanning.readBarcodesFromPicture || ![...event.dataTransfer.types].includes('Files')) return;
    event.preventDefault();
    setDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    setDragging(false);
    const picture = droppedPicture(event);
    if (!picture || locked) return;
    event.preventDefault();
    void readPicture(picture, null);
  };

  /** The camera's codes land in the next empty field; the panel is told what happened. */
  const onScannedCode = (code: string): ScanOutcome => {
    const { values, outcome } = placeScannedCode(session.draft.codes, code);
    if (outcome.kind === 'added') {
      writeCodes(values, [outcome.field - 1]);
      clearCodeError(outcome.field - 1);
      setNoCodes(false);
    }
    return outcome;
  };

  /** Known system: fill the name and serial the technician has not typed. */
  const adoptSystem = (system: SystemSummary) => {
    const current = session.draft;
    const typed = parseMac(current.mac);
    // The technician has moved on to another MAC since the lookup started.
    if (typed.ok && typed.mac !== system.mac) return;
    session.setDraft({
      systemName: current.systemName.trim() === '' ? (system.name ?? '') : current.systemName,
      serial: current.serial.trim() === '' ? (system.serial ?? '') : current.serial,
    });
    setMacNote(t('redeem.mac.known', { name: system.name ?? t('redeem.mac.unnamed'), count: system.keyCount }));
  };

  const commitMac = (value: string, picked: SystemSummary | null, entered = false) => {
    setErrors((current) => ({ ...current, mac: undefined }));
    if (picked) {
      session.setDraft({ mac: value });
      adoptSystem(picked);
      return;
    }
    if (value.trim() === '') {
      setMacNote(null);
      return;
    }
    const parsed = parseMac(value);
    if (!parsed.ok) {
      setMacNote(null);
      setErrors((current) => ({ ...current, mac: parsed.message }));
      return;
    }
    session.setDraft({ mac: parsed.display });
    setMacNote(parsed.prefixAdded ? t('redeem.mac.prefixAdded') : null);
    // A MAC scanned (or typed) and Enter: on to the codes, as a scanner user expects.
    if (entered)
      setFocusRequest({
        field: Math.max(
          0,
          session.draft.codes.findIndex((code) => code.trim() === ''),
        ),
      });
    api.invoke('systems.get', { mac: parsed.mac }).then(
      (system) => system && adoptSystem(system),
      () => undefined,
    );
  };

  const onScannedMac = (mac: string): ScanOutcome => {
    commitMac(formatMac(mac), null);
    macInput.current?.focus();
    // The MAC mode only needs to hear that it was taken; there is one MAC field.
    return { kind: 'added', field: 1 };
  };

  const submit = async () => {
    if (session.getState().submitting) return;
    const current = session.draft;
    const next: FieldErrors = {};
    const mac = parseMac(current.mac);
    if (!mac.ok) next.mac = mac.message;
    const filled = current.codes.map((value, field) => ({ value, field })).filter((entry) => entry.value.trim() !== '');
    const codeErrors: Record<number, string> = {};
    for (const { value, field } of filled) {
      const parsed = parseAuthCode(value);
      if (!parsed.ok) codeErrors[field] = parsed.message;
      else if (earlierDuplicate(current.codes, field) >= 0)
        codeErrors[field] = t('redeem.code.duplicate', { number: earlierDuplicate(current.codes, field) + 1 });
    }
    writeCodes(
      current.codes.map((value) => canonicalCode(value) ?? value.trim()),
      filled.map((entry) => entry.field),
    );
    setNoCodes(filled.length === 0);
    setErrors({ ...next, codes: codeErrors });
    setSubmitError(null);
    const firstBadCode = Object.keys(codeErrors)
      .map(Number)
      .sort((a, b) => a - b)[0];
    if (next.mac || filled.length === 0 || firstBadCode !== undefined) {
      if (next.mac) macInput.current?.focus();
      else setFocusRequest({ field: firstBadCode ?? 0 });
      return;
    }

    const submittedFields = filled.map((entry) => entry.field);
    session.setSubmitting(true);
    try {
      const result = await api.invoke('redeem.submit', {
        mac: mac.ok ? mac.mac : current.mac,
        ...(current.serial.trim() ? { serial: current.serial.trim() } : {}),
        ...(current.systemName.trim() ? { systemName: current.systemName.trim() } : {}),
        authCodes: filled.map((entry) => canonicalCode(entry.value)!),
      });
      setReport(null);
      session.submitted(result);
    } catch (err) {
      const error = toApiError(err);
      const byField = fieldErrorsOf(error);
      const mapped: FieldErrors = { codes: {} };
      for (const [field, message] of Object.entries(byField)) {
        const codeIndex = /^authCodes\.(\d+)$/.exec(field)?.[1];
        if (codeIndex !== undefined && submittedFields[Number(codeIndex)] !== undefined)
          mapped.codes![submittedFields[Number(codeIndex)]!] = message;
        else if (field === 'mac' || field === 'serial' || field === 'systemName') mapped[field] = message;
      }
      const mappedAny = Object.keys(mapped.codes!).length > 0 || mapped.mac || mapped.serial || mapped.systemName;
      setErrors(mapped);
      if (error.code === 'CONFLICT') {
        const queued = (error.details as { authCodes?: unknown } | undefined)?.authCodes;
        if (Array.isArray(queued)) setConflicting(new Set(queued.filter((code): code is string => typeof code === 'string')));
      }
      if (!mappedAny) setSubmitError(error);
    } finally {
      session.setSubmitting(false);
    }
  };

  const reset = () => {
    session.reset();
    setErrors({});
    setMacNote(null);
    setConflicting(new Set());
    setNoCodes(false);
    setSubmitError(null);
    setReport(null);
    setPictureProblem(null);
    setConfirmingReset(false);
    macInput.current?.focus();
  };

  const onResetClick = () => {
    if (session.draft.codes.some((value) => value.trim() !== '')) setConfirmingReset(true);
    else reset();
  };

  const codeError = (index: number): string | null => {
    const value = codes[index] ?? '';
    const serverError = errors.codes?.[index] ?? null;
    if (value.trim() === '') return serverError ?? (index === 0 && noCodes ? t('redeem.code.noneEntered') : null);
    const parsed = parseAuthCode(value);
    if (!parsed.ok) return checked[index] || serverError ? (serverError ?? parsed.message) : null;
    const duplicate = earlierDuplicate(codes, index);
    if (duplicate >= 0) return t('redeem.code.duplicate', { number: duplicate + 1 });
    if (serverError) return serverError;
    if (conflicting.has(parsed.code)) return t('redeem.preview.queued');
    const preview = previews.get(parsed.code);
    switch (preview?.state) {
      case 'redeemed': {
        const mac = preview.mac ? formatMac(preview.mac) : '';
        return preview.systemName
          ? t('redeem.preview.redeemedTo', { mac, name: preview.systemName })
          : t('redeem.preview.redeemedToMac', { mac });
      }
      case 'not_found':
        return t('redeem.preview.notFound');
      case 'queued':
        return t('redeem.preview.queued');
      case 'invalid':
        return preview.message ?? null;
      default:
        return null;
    }
  };

  const codeNote = (index: number): string | null => {
    const code = canonicalCode(codes[index] ?? '');
    const preview = code ? previews.get(code) : undefined;
    if (preview?.state === 'unredeemed') return preview.skuDescription ?? null;
    if (preview?.state === 'unchecked') return t('redeem.preview.unchecked');
    return null;
  };

  const ScannerPanel = scanning.ScannerPanel;
  const readPictureAvailable = scanning.readBarcodesFromPicture !== null;

  return (
    <Box
      component="form"
      noValidate
      aria-label={t('redeem.form.label')}
      aria-busy={locked}
      onSubmit={(event) => event.preventDefault()}
      onKeyDown={(event: KeyboardEvent) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void submit();
        }
      }}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      sx={{
        display: 'grid',
        gap: 3,
        outline: dragging ? '2px dashed' : 'none',
        outlineColor: 'primary.main',
        outlineOffset: 8,
        borderRadius: 1,
      }}
    >
      {submitError && <ApiErrorAlert title={t('redeem.form.submitFailed')} error={submitError} onClose={() => setSubmitError(null)} />}

      <Section title={t('redeem.form.systemTitle')} icon={<DnsOutlined />}>
        <Stack spacing={2.5}>
          <TextField
            label={t('redeem.serial.label')}
            value={draft.serial}
            onChange={(event) => session.setDraft({ serial: event.target.value })}
            error={Boolean(errors.serial)}
            helperText={errors.serial}
            disabled={locked}
            sx={{ maxWidth: 440 }}
            slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', maxLength: 64 } }}
          />
          <Box sx={{ maxWidth: 440 }}>
            <MacField
              value={draft.mac}
              onChange={(value) => {
                session.setDraft({ mac: value });
                setMacNote(null);
              }}
              onCommit={commitMac}
              error={errors.mac ?? null}
              note={macNote}
              disabled={locked}
              onScan={ScannerPanel ? () => setScanMode('mac') : null}
              inputRef={macInput}
            />
          </Box>
          <TextField
            label={t('redeem.systemName.label')}
            value={draft.systemName}
            onChange={(event) => session.setDraft({ systemName: event.target.value })}
            error={Boolean(errors.systemName)}
            helperText={errors.systemName}
            disabled={locked}
            sx={{ maxWidth: 440 }}
            slotProps={{ htmlInput: { autoComplete: 'off', maxLength: 200 } }}
          />
        </Stack>
      </Section>

      <Section
        title={t('redeem.form.codesTitle')}
        icon={<KeyOutlined />}
        action={
          <Button
            variant="outlined"
            size="small"
            startIcon={<PhotoCameraOutlined />}
            onClick={() => setScanMode('codes')}
            disabled={locked || !ScannerPanel}
          >
            {t('redeem.form.scanWithCamera')}
          </Button>
        }
      >
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">
            {t('redeem.form.codesHelp')}
          </Typography>
          {report && <FillReportAlert report={report} onClose={() => setReport(null)} />}
          {pictureProblem && (
            <Alert severity="warning" onClose={() => setPictureProblem(null)}>
              {pictureProblem}
            </Alert>
          )}
          {readingPicture && <LinearProgress aria-label={t('redeem.picture.reading')} />}
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2, rowGap: 0.5 }}>
            {codes.map((value, index) => (
              <AuthCodeField
                key={index}
                index={index}
                value={value}
                error={codeError(index)}
                note={codeNote(index)}
                disabled={locked}
                inputRef={inputRefFor(index)}
                onChange={onCodeChange}
                onBlur={onCodeBlur}
                onKeyDown={onCodeKeyDown}
                onPaste={onCodePaste}
              />
            ))}
          </Box>
          <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
            <Button startIcon={<AddOutlined />} onClick={addField} disabled={locked || codes.length >= MAX_CODE_FIELDS}>
              {t('redeem.form.addField')}
            </Button>
            <Button
              startIcon={<ImageSearchOutlined />}
              onClick={() => fileInput.current?.click()}
              disabled={locked || !readPictureAvailable || readingPicture}
            >
              {t('redeem.form.readPicture')}
            </Button>
            <input
              ref={fileInput}
              type="file"
              accept="image/*"
              hidden
              tabIndex={-1}
              aria-hidden
              onChange={(event) => {
                const picture = event.target.files?.[0];
                event.target.value = '';
                if (picture) void readPicture(picture, null);
              }}
            />
            <Typography variant="caption" color="text.secondary">
              {t('redeem.form.fieldCount', { count: codes.length, max: MAX_CODE_FIELDS })}
            </Typography>
          </Stack>
        </Stack>
      </Section>

      <Stack spacing={1.5}>
        {locked && <LinearProgress aria-label={t('redeem.form.redeeming')} />}
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
          <Button
            variant="contained"
            size="large"
            onClick={() => void submit()}
            disabled={locked}
            startIcon={locked ? <CircularProgress size={16} color="inherit" aria-hidden /> : undefined}
          >
            {t('redeem.form.redeem')}
          </Button>
          <Button size="large" onClick={onResetClick} disabled={locked}>
            {t('redeem.form.reset')}
          </Button>
          <Typography variant="body2" color="text.secondary">
            {t('redeem.form.shortcutHint')}
          </Typography>
        </Stack>
      </Stack>

      <ResetDialog open={confirmingReset} onCancel={() => setConfirmingReset(false)} onConfirm={reset} />
      {ScannerPanel && scanMode && (
        <ScannerPanel open mode={scanMode} onCode={scanMode === 'mac' ? onScannedMac : onScannedCode} onClose={() => setScanMode(null)} />
      )}
    </Box>
  );
}

function FillReportAlert({ report, onClose }: { report: FillReport; onClose: () => void }) {
  const { t } = useTranslation();
  const problems = report.unreadable.length > 0 || report.overflow.length > 0;
  return (
    <Alert severity={problems ? 'warning' : 'success'} onClose={onClose} role={problems ? 'alert' : 'status'}>
      <AlertTitle>
        {report.source === 'paste'
          ? t('redeem.fill.fromPaste', { count: report.added })
          : t('redeem.fill.fromPicture', { count: report.added })}
      </AlertTitle>
      {report.unreadable.length > 0 && (
        <>
          {t('redeem.fill.unreadable')}
          <Box component="ul" sx={{ my: 0.5, pl: 3 }}>
            {report.unreadable.map((piece, i) => (
              <li key={i}>
                <Box component="code" sx={{ fontFamily: monospaceFontStack }}>
                  {piece}
                </Box>
              </li>
            ))}
          </Box>
        </>
      )}
      {report.overflow.length > 0 && <div>{t('redeem.fill.overflow', { count: report.overflow.length, max: MAX_CODE_FIELDS })}</div>}
      {report.alreadyInForm.length > 0 && (
        <div>
          {t('redeem.fill.alreadyInForm', {
            fields: report.alreadyInForm.map((entry) => t('redeem.code.label', { number: entry.field + 1 })).join(', '),
          })}
        </div>
      )}
      {report.repeated.length > 0 && <div>{t('redeem.fill.repeated', { codes: report.repeated.join(', ') })}</div>}
    </Alert>
  );
}
