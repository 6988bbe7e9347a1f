// Its one job: the list of Auth Code fields — typing, leaving, a USB scanner's Enter, a pasted
// block of text, codes from the camera or a picture, adding fields up to fifty, which field has
// the focus, and the error or note beside each field.
import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanOutcome } from '../../scan/types';
import { canonicalCode, fillCodes, MAX_CODE_FIELDS, nextEmptyField, placeScannedCode, type FillResult } from './code-fields';
import { checkCodes, codeProblemShows, normalisedCodes } from './draft-check';
import { extractAuthCodes, type ExtractedCodes } from './extract-codes';
import type { RedeemSession } from './redeem-session';
import { useCodePreview } from './use-code-preview';
import { displayMac } from '../../i18n/format';
import { useSay } from '../../i18n/messages';

/** What a paste or a picture put into the form, and what it could not. */
export interface FillReport {
  source: 'paste' | 'picture';
  added: number;
  unreadable: string[];
  alreadyInForm: { code: string; field: number }[];
  overflow: string[];
  repeated: string[];
}

export function useCodeFields(session: RedeemSession, locked: boolean) {
  const { t } = useTranslation();
  const say = useSay();
  const { codes, checked } = session.draft;
  /** What the core said about a field on the last Redeem; cleared when the field changes. */
  const [coreErrors, setCoreErrors] = useState<Record<number, string>>({});
  /** Redeem was pressed with no code at all: the first field says so until a code is entered. */
  const [noCodes, setNoCodes] = useState(false);
  /** Codes the core said are already waiting in the outbox. */
  const [queued, setQueued] = useState<ReadonlySet<string>>(new Set());
  const [report, setReport] = useState<FillReport | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ field: number } | null>(null);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);

  const checks = useMemo(() => checkCodes(codes), [codes]);
  const validCodes = useMemo(() => [...new Set(codes.map(canonicalCode).filter((code): code is string => code !== null))], [codes]);
  const previews = useCodePreview(validCodes, !locked);

  useEffect(() => {
    if (!focusRequest) return;
    inputs.current[focusRequest.field]?.focus();
  }, [focusRequest]);

  // A new object each time, so asking for the same field twice still moves the focus.
  const focusField = useCallback((field: number) => setFocusRequest({ field }), []);
  const focusFirstEmpty = useCallback(
    () =>
      focusField(
        Math.max(
          0,
          session.draft.codes.findIndex((code) => code.trim() === ''),
        ),
      ),
    [focusField, session],
  );

  // One stable ref callback per field, so the memoised fields do not re-render for it.
  const refCallbacks = useRef(new Map<number, (element: HTMLInputElement | null) => void>());
  const inputRefFor = useCallback((index: number) => {
    let callback = refCallbacks.current.get(index);
    if (!callback) {
      callback = (element) => {
        inputs.current[index] = element;
      };
      refCallbacks.current.set(index, callback);
    }
    return callback;
  }, []);

  /** Writes code fields (and marks `checkedFields` as checked); the draft is current at once. */
  const writeCodes = useCallback(
    (next: string[], checkedFields: readonly number[] = []) => {
      const nextChecked = next.map((_, i) => session.draft.checked[i] ?? false);
      for (const field of checkedFields) nextChecked[field] = true;
      session.setDraft({ codes: next, checked: nextChecked });
    },
    [session],
  );

  /** Fields that changed: what the core said about them, and "no codes", no longer apply. */
  const edited = useCallback((fields: readonly number[]) => {
    setNoCodes(false);
    setCoreErrors((current) => {
      if (!fields.some((field) => current[field])) return current;
      const rest = { ...current };
      for (const field of fields) delete rest[field];
      return rest;
    });
  }, []);

  const onChange = useCallback(
    (index: number, value: string) => {
      const next = [...session.draft.codes];
      next[index] = value;
      writeCodes(next);
      edited([index]);
    },
    [edited, session, writeCodes],
  );

  /** Leaving a field: the code is shown canonical, and (unless `quietly`) its errors start to show. */
  const normaliseField = useCallback(
    (index: number, quietly = false): string | null => {
      const value = session.draft.codes[index] ?? '';
      const next = [...session.draft.codes];
      if (value.trim() === '') {
        next[index] = '';
        writeCodes(next);
        return null;
      }
      const code = canonicalCode(value);
      next[index] = code ?? value.trim();
      writeCodes(next, quietly ? [] : [index]);
      return code;
    },
    [session, writeCodes],
  );

  // Left for the Redeem button: Redeem checks every field. An error appearing now would move the
  // button away between the press and the release, and the click would be lost.
  const onBlur = useCallback(
    (index: number, leavingFor: EventTarget | null) =>
      void normaliseField(index, leavingFor instanceof HTMLElement && leavingFor.dataset.redeemSubmit !== undefined),
    [normaliseField],
  );

  const onKeyDown = useCallback(
    (index: number, event: KeyboardEvent<HTMLInputElement>) => {
      if (event.key !== 'Enter' || event.ctrlKey || event.metaKey) return; // Ctrl+Enter: the form submits.
      event.preventDefault();
      const code = normaliseField(index);
      if (code === null || checkCodes(session.draft.codes)[index]?.kind === 'duplicate') return;
      // A USB scanner typed a whole code: move on to the next empty field, adding one if needed.
      let next = nextEmptyField(session.draft.codes, index);
      if (next < 0 && session.draft.codes.length < MAX_CODE_FIELDS) {
        next = session.draft.codes.length;
        writeCodes([...session.draft.codes, '']);
      }
      if (next >= 0) focusField(next);
    },
    [focusField, normaliseField, session, writeCodes],
  );

  const addField = () => {
    if (session.draft.codes.length >= MAX_CODE_FIELDS) return;
    writeCodes([...session.draft.codes, '']);
    focusField(session.draft.codes.length - 1);
  };

  const applyFill = useCallback(
    (fill: FillResult, source: FillReport['source'], extracted: Pick<ExtractedCodes, 'unreadable' | 'repeated'>) => {
      const placed = fill.placed.map((entry) => entry.field);
      writeCodes(fill.values, placed);
      edited(placed);
      setReport({
        source,
        added: fill.placed.length,
        unreadable: extracted.unreadable,
        alreadyInForm: fill.alreadyInForm,
        overflow: fill.overflow,
        repeated: extracted.repeated,
      });
      const last = placed.at(-1);
      if (last !== undefined) {
        const next = nextEmptyField(fill.values, last);
        focusField(next >= 0 && next > last ? next : last);
      }
    },
    [edited, focusField, writeCodes],
  );

  /** Codes read from a picture: from field `start`, else the first empty one. */
  const fillFromPicture = useCallback(
    (extracted: ExtractedCodes, start: number | null) => {
      const current = session.draft.codes;
      const from =
        start ??
        Math.max(
          0,
          current.findIndex((value) => value.trim() === ''),
        );
      applyFill(fillCodes(current, from, extracted.codes), 'picture', extracted);
    },
    [applyFill, session],
  );

  /** Codes picked from the inventory go into the empty fields (adding fields up to fifty); what was placed is returned. */
  const fillPicked = useCallback(
    (picked: readonly string[]): FillResult => {
      const current = session.draft.codes;
      const fill = fillCodes(
        current,
        Math.max(
          0,
          current.findIndex((value) => value.trim() === ''),
        ),
        picked,
      );
      const placed = fill.placed.map((entry) => entry.field);
      writeCodes(fill.values, placed);
      edited(placed);
      const first = placed[0];
      if (first !== undefined) focusField(first);
      return fill;
    },
    [edited, focusField, session, writeCodes],
  );

  /** A pasted block of text with codes in it fills as many fields as it has codes. */
  const onPasteText = useCallback(
    (index: number, event: ClipboardEvent<HTMLInputElement>) => {
      const extracted = extractAuthCodes(event.clipboardData.getData('text'));
      // Not a single code in it: an ordinary paste, checked when the field is left.
      if (extracted.codes.length === 0) return;
      event.preventDefault();
      const input = event.currentTarget;
      const wholeSelected = input.selectionStart === 0 && input.selectionEnd === input.value.length;
      applyFill(fillCodes(session.draft.codes, index, extracted.codes, { replaceStart: wholeSelected }), 'paste', extracted);
    },
    [applyFill, session],
  );

  /** The camera's codes land in the next empty field; the panel is told what happened. */
  const placeScanned = (code: string): ScanOutcome => {
    const { values, outcome } = placeScannedCode(session.draft.codes, code);
    if (outcome.kind === 'added') {
      writeCodes(values, [outcome.field - 1]);
      edited([outcome.field - 1]);
    }
    return outcome;
  };

  /** Redeem pressed: every filled field is shown canonical and checked; the core's old words go. */
  const markSubmitted = (filled: readonly number[], noneEntered: boolean) => {
    writeCodes(normalisedCodes(session.draft.codes), filled);
    setNoCodes(noneEntered);
    setCoreErrors({});
  };

  /** What the core refused: messages on fields, and codes it says are already queued. */
  const showCoreAnswer = (errors: Record<number, string>, queuedCodes: readonly string[] | null) => {
    setCoreErrors(errors);
    if (queuedCodes) setQueued(new Set(queuedCodes));
  };

  const dismissReport = useCallback(() => setReport(null), []);

  const reset = () => {
    setCoreErrors({});
    setNoCodes(false);
    setQueued(new Set());
    setReport(null);
  };

  /** The red message beside a field, if any: its own problem, else the core's, else what the preview says is wrong. */
  const errorOf = (index: number): string | null => {
    const check = checks[index] ?? { kind: 'empty' };
    const coreError = coreErrors[index] ?? null;
    switch (check.kind) {
      case 'empty':
        return coreError ?? (index === 0 && noCodes ? t('redeem.code.noneEntered') : null);
      case 'invalid':
        return codeProblemShows(check, checked[index] ?? false) || coreError ? (coreError ?? say(check.message)) : null;
      case 'duplicate':
        return t('redeem.code.duplicate', { number: check.sameAs + 1 });
    }
    if (coreError) return coreError;
    if (queued.has(check.code)) return t('redeem.preview.queued');
    const preview = previews.get(check.code);
    switch (preview?.state) {
      case 'redeemed': {
        const mac = preview.mac ? displayMac(preview.mac) : '';
        return preview.systemName
          ? t('redeem.preview.redeemedTo', { mac, name: preview.systemName })
          : t('redeem.preview.redeemedToMac', { mac });
      }
      case 'not_found':
        return t('redeem.preview.notFound');
      case 'queued':
        return t('redeem.preview.queued');
      case 'invalid':
        return preview.message ? say(preview.message) : null;
      default:
        return null;
    }
  };

  /** The grey note beside a field with nothing wrong: its SKU, or that it could not be checked. */
  const noteOf = (index: number): string | null => {
    const check = checks[index];
    const preview = check?.kind === 'valid' || check?.kind === 'duplicate' ? previews.get(check.code) : undefined;
    if (preview?.state === 'unredeemed') return preview.skuDescription ?? null;
    if (preview?.state === 'unchecked') return t('redeem.preview.unchecked');
    return null;
  };

  return {
    codes,
    canAddField: codes.length < MAX_CODE_FIELDS,
    errorOf,
    noteOf,
    inputRefFor,
    onChange,
    onBlur,
    onKeyDown,
    onPasteText,
    addField,
    focusField,
    focusFirstEmpty,
    fillFromPicture,
    fillPicked,
    placeScanned,
    report,
    dismissReport,
    markSubmitted,
    showCoreAnswer,
    reset,
  };
}
