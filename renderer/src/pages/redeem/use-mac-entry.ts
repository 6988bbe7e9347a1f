// Its one job: the MAC field — normalised when committed (left, Enter, a system picked, a
// scan), looked up among known systems to fill the name and serial not typed yet, and its
// error or note.
import { useSay } from '../../i18n/messages';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemSummary } from '../../../../core/systems/contract';
import { useApi } from '../../api/CoreProvider';
import type { ScanOutcome } from '../../scan/types';
import { parseMac } from './code-formats';
import type { RedeemSession } from './redeem-session';
import { displayMac } from '../../i18n/format';

export function useMacEntry(session: RedeemSession, { onEntered }: { onEntered: () => void }) {
  const { t } = useTranslation();
  const say = useSay();
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement | null>(null);

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
    setNote(t('redeem.mac.known', { name: system.name ?? t('redeem.mac.unnamed'), count: system.keyCount }));
  };

  const onChange = (value: string) => {
    session.setDraft({ mac: value });
    setNote(null);
  };

  const commit = (value: string, picked: SystemSummary | null, entered = false) => {
    setError(null);
    if (picked) {
      session.setDraft({ mac: value });
      adoptSystem(picked);
      return;
    }
    if (value.trim() === '') {
      setNote(null);
      return;
    }
    const parsed = parseMac(value);
    if (!parsed.ok) {
      setNote(null);
      setError(say(parsed));
      return;
    }
    session.setDraft({ mac: parsed.display });
    setNote(parsed.prefixAdded ? t('redeem.mac.prefixAdded') : null);
    // A MAC scanned (or typed) and Enter: on to the codes, as a scanner user expects.
    if (entered) onEntered();
    api.invoke('systems.get', { mac: parsed.mac }).then(
      (system) => system && adoptSystem(system),
      () => undefined,
    );
  };

  const onScanned = (mac: string): ScanOutcome => {
    commit(displayMac(mac), null);
    inputRef.current?.focus();
    // The MAC mode only needs to hear that it was taken; there is one MAC field.
    return { kind: 'added', field: 1 };
  };

  const reset = () => {
    setError(null);
    setNote(null);
  };

  return {
    error,
    /** Redeem pressed: the MAC's problem (or the core's word on it), or null. */
    showError: setError,
    note,
    inputRef,
    onChange,
    commit,
    onScanned,
    focus: () => inputRef.current?.focus(),
    reset,
  };
}
