import { parseMac } from '../../../../core/domain/mac';
// Its one job: the state of the Add / Register Server dialog — the serial step (servers.lookupSerial:
// model and MAC from a known serial, locked; an unknown one refused on the field; an unchecked one
// left for the user to fill), the form, and sending it (Save or Register) with its problems shown
// on the fields: checked here before anything is sent, and the core's VALIDATION fields after.
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import { parseSerial } from '../../../../core/domain/servers';
import type { ServerChangeResult, ServerForm } from '../../../../core/servers/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { emptyServerForm, fieldProblemsFromError, formFromDetails, formProblems, type FieldMessages } from './server-form-rules';

/** 00:0A:DD:0A:0B:0C → 000ADD0A0B0C; what does not parse is sent as typed, for the core to refuse. */
function compactMac(shown: string): string {
  const parsed = parseMac(shown);
  return parsed.ok ? parsed.mac : shown;
}

/** What the dialog was opened for: Add / Register Server, or Modify/Complete Registration of one server. */
export type ServerFormTarget = { mode: 'add' } | { mode: 'modify'; mac: string };

export type ServerFormStep = 'serial' | 'loading' | 'form';

export function useServerForm(target: ServerFormTarget, onDone: (result: ServerChangeResult, action: 'save' | 'register') => void) {
  const api = useApi();
  const [step, setStep] = useState<ServerFormStep>(target.mode === 'add' ? 'serial' : 'loading');
  const [mode, setMode] = useState<'add' | 'modify'>(target.mode);
  const [serial, setSerial] = useState('');
  const [serialError, setSerialError] = useState<string | null>(null);
  /** The serial could not be checked (offline): said above the form. */
  const [uncheckedNote, setUncheckedNote] = useState<string | null>(null);
  /** Model and MAC came from the portal or the cache and are not the user's to change. */
  const [identityLocked, setIdentityLocked] = useState(false);
  const [initial, setInitial] = useState<ServerForm>(emptyServerForm);
  const [form, setForm] = useState<ServerForm>(emptyServerForm);
  const [problems, setProblems] = useState<FieldMessages>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState<'save' | 'register' | null>(null);
  /** The server to modify is not in the cache (any more). */
  const [notFound, setNotFound] = useState(false);

  const start = useCallback((values: ServerForm, nextMode: 'add' | 'modify', locked: boolean) => {
    setInitial(values);
    setForm(values);
    setMode(nextMode);
    setIdentityLocked(locked);
    setProblems({});
    setStep('form');
  }, []);

  const loadServer = useCallback(
    async (mac: string) => {
      setStep('loading');
      try {
        const server = await api.invoke('servers.get', { mac });
        if (!server) setNotFound(true);
        return server;
      } catch (err) {
        setError(toApiError(err));
        return null;
      }
    },
    [api],
  );

  useEffect(() => {
    if (target.mode !== 'modify') return;
    void loadServer(target.mac).then((server) => {
      if (server) start(formFromDetails(server), 'modify', true);
    });
  }, [target, loadServer, start]);

  /** Continue: the serial number → the form. */
  const lookUp = async () => {
    const parsed = parseSerial(serial);
    if (!parsed.ok) {
      setSerialError(parsed.message);
      return;
    }
    setSerialError(null);
    setError(null);
    setStep('loading');
    try {
      const result = await api.invoke('servers.lookupSerial', { serial: parsed.serial });
      if (result.status === 'unknown') {
        setSerialError(result.message);
        setStep('serial');
      } else if (result.status === 'unchecked') {
        setUncheckedNote(result.message);
        start(emptyServerForm({ serial: result.serial }), 'add', false);
      } else if (result.onDashboard) {
        const server = await loadServer(result.mac);
        if (server) start(formFromDetails(server), 'modify', true);
        else start(emptyServerForm({ serial: result.serial, model: result.model, mac: result.mac }), 'add', true);
      } else {
        start(emptyServerForm({ serial: result.serial, model: result.model, mac: result.mac }), 'add', true);
      }
    } catch (err) {
      const refused = toApiError(err);
      if (refused.code === 'VALIDATION') setSerialError(fieldProblemsFromError(refused)?.serial ?? refused.message);
      else setError(refused);
      setStep('serial');
    }
  };

  const change = <K extends keyof ServerForm>(field: K, value: ServerForm[K]) => {
    setForm((current) => ({ ...current, [field]: value }));
    // The message on a field goes once the user changes it.
    setProblems((current) => {
      if (!current[field]) return current;
      const { [field]: _gone, ...rest } = current;
      return rest;
    });
  };

  /** Save or Register. Returns the problems found (none when it was sent). */
  const send = async (action: 'save' | 'register'): Promise<FieldMessages> => {
    const found = formProblems(form, action);
    setProblems(found);
    setError(null);
    if (Object.keys(found).length > 0) return found;
    setSending(action);
    try {
      const result = await api.invoke('servers.save', {
        // The MAC is shown canonical (00:0A:DD:…) and sent compact, as the core stores it.
        form: { ...form, mac: compactMac(form.mac), siteId: form.site === 'existing' ? form.siteId.trim() : '' },
        action,
        mode,
      });
      onDone(result, action);
      return {};
    } catch (err) {
      const refused = toApiError(err);
      const fields = refused.code === 'VALIDATION' ? fieldProblemsFromError(refused) : null;
      if (fields) setProblems(fields);
      else setError(refused);
      return fields ?? {};
    } finally {
      setSending(null);
    }
  };

  /** Reset: the form as it was opened (the serial's model and MAC stay). */
  const reset = () => {
    setForm(initial);
    setProblems({});
    setError(null);
  };

  return {
    step,
    mode,
    notFound,
    serial,
    setSerial: (value: string) => {
      setSerial(value);
      setSerialError(null);
    },
    serialError,
    uncheckedNote,
    identityLocked,
    form,
    change,
    problems,
    error,
    sending,
    lookUp,
    send,
    reset,
    dismissError: () => setError(null),
  };
}
