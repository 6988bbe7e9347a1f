// Its one job: the state of the Add / Register Server dialog — the serial step (servers.lookupSerial:
// model and MAC from a known serial, locked; an unknown one refused on the field; an unchecked one
// left for the user to fill), the form (react-hook-form, checked by the servers.save contract's
// schema for Save or for Register), and sending it with its problems shown on the fields: checked
// before anything is sent, and the core's VALIDATION fields after (through fieldErrorsOf).
import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch, type FieldErrors, type Resolver } from 'react-hook-form';
import type { ApiError } from '../../../../core/rpc/errors';
import { parseMac } from '../../../../core/domain/mac';
import { parseSerial } from '../../../../core/domain/servers';
import type { ServerChangeResult, ServerForm, ServerFormInput } from '../../../../core/servers/contract';
import { fieldErrorsOf, formFieldErrorsOf } from '../../api/api-errors';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { useSay } from '../../i18n/messages';
import {
  SERVER_FORM_FIELDS,
  emptyServerForm,
  formFromDetails,
  serialSchema,
  serverFormSchema,
  type FieldMessages,
} from './server-form-rules';

/** 00:0A:DD:0A:0B:0C → 000ADD0A0B0C; what does not parse is sent as typed, for the core to refuse. */
function compactMac(shown: string): string {
  const parsed = parseMac(shown);
  return parsed.ok ? parsed.mac : shown;
}

/** The messages of react-hook-form's errors, per field, in the order they were found. */
function messagesOf(errors: FieldErrors<ServerFormInput>): FieldMessages {
  const messages: FieldMessages = {};
  for (const [field, error] of Object.entries(errors)) {
    if (typeof error?.message === 'string') messages[field as keyof FieldMessages] = error.message;
  }
  return messages;
}

/** What the dialog was opened for: Add / Register Server, or Modify/Complete Registration of one server. */
export type ServerFormTarget = { mode: 'add' } | { mode: 'modify'; mac: string };

export type ServerFormStep = 'serial' | 'loading' | 'form';

type Action = 'save' | 'register';

/** The form's resolver: the schema of the action being sent (Save or Register). */
function useActionResolver(): [Resolver<ServerFormInput, unknown, ServerForm>, { current: Action }] {
  const action = useRef<Action>('save');
  const resolver = useMemo(() => {
    const byAction = { save: zodResolver(serverFormSchema('save')), register: zodResolver(serverFormSchema('register')) };
    const choose: Resolver<ServerFormInput, unknown, ServerForm> = (values, context, options) =>
      byAction[action.current](values, context, options);
    return choose;
  }, []);
  return [resolver, action];
}

export function useServerForm(target: ServerFormTarget, onDone: (result: ServerChangeResult, action: Action) => void) {
  const api = useApi();
  const say = useSay();
  const [step, setStep] = useState<ServerFormStep>(target.mode === 'add' ? 'serial' : 'loading');
  const [mode, setMode] = useState<'add' | 'modify'>(target.mode);
  /** The serial could not be checked (offline): said above the form. */
  const [uncheckedNote, setUncheckedNote] = useState<string | null>(null);
  /** Model and MAC came from the portal or the cache and are not the user's to change. */
  const [identityLocked, setIdentityLocked] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  /** The server to modify is not in the cache (any more). */
  const [notFound, setNotFound] = useState(false);
  // Messages are checked on Continue / Save / Register and go from a field once the user changes it.
  const serialForm = useForm<{ serial: string }>({
    resolver: zodResolver(serialSchema),
    defaultValues: { serial: '' },
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const [resolver, action] = useActionResolver();
  const serverForm = useForm<ServerFormInput, unknown, ServerForm>({
    resolver,
    defaultValues: emptyServerForm(),
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const serial = useWatch({ control: serialForm.control, name: 'serial' });
  const form = useWatch({ control: serverForm.control }) as ServerForm;
  const problems = messagesOf(serverForm.formState.errors);
  const serialError = serialForm.formState.errors.serial?.message ?? null;

  const { reset } = serverForm;
  const start = useCallback(
    (values: ServerForm, nextMode: 'add' | 'modify', locked: boolean) => {
      // The form as opened is what Reset returns to.
      reset(values);
      setMode(nextMode);
      setIdentityLocked(locked);
      setStep('form');
    },
    [reset],
  );

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

  const refuseSerial = (message: string) => serialForm.setError('serial', { type: 'server', message });

  /** Continue: the serial number → the form. */
  const lookUp = serialForm.handleSubmit(async (values) => {
    const parsed = parseSerial(values.serial);
    if (!parsed.ok) return;
    setError(null);
    setStep('loading');
    try {
      const result = await api.invoke('servers.lookupSerial', { serial: parsed.serial });
      if (result.status === 'unknown') {
        refuseSerial(say(result.message));
        setStep('serial');
      } else if (result.status === 'unchecked') {
        setUncheckedNote(say(result.message));
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
      if (refused.code === 'VALIDATION')
        refuseSerial(
          fieldErrorsOf(refused, say).serial ?? say({ code: refused.messageCode ?? '', message: refused.message, params: refused.params }),
        );
      else setError(refused);
      setStep('serial');
    }
  });

  const change = <K extends keyof ServerForm>(field: K, value: ServerForm[K]) => {
    // (ServerForm[K] is what the form holds at K; TypeScript cannot follow a generic K through RHF's paths.)
    serverForm.setValue(field, value as never, { shouldDirty: true });
    // The message on a field goes once the user changes it.
    serverForm.clearErrors(field);
  };

  /** Sends the checked form; the core's VALIDATION fields are put on their fields. Returns them (none when it was sent). */
  const save = async (values: ServerForm, which: Action): Promise<FieldMessages> => {
    try {
      const result = await api.invoke('servers.save', {
        // The MAC is shown canonical (00:0A:DD:…) and sent compact, as the core stores it.
        form: { ...values, mac: compactMac(values.mac), siteId: values.site === 'existing' ? values.siteId.trim() : '' },
        action: which,
        mode,
      });
      onDone(result, which);
      return {};
    } catch (err) {
      const refused = toApiError(err);
      // servers.save's own checks and the transport's argument check both name them `form.<field>`.
      const fields: FieldMessages = formFieldErrorsOf(refused, say, SERVER_FORM_FIELDS, 'form.');
      for (const [field, message] of Object.entries(fields)) serverForm.setError(field as keyof ServerForm, { type: 'server', message });
      if (Object.keys(fields).length === 0) setError(refused);
      return fields;
    }
  };

  /** Save or Register. Resolves to the problems found (none when it was sent). */
  const send = (which: Action) =>
    new Promise<FieldMessages>((resolve) => {
      action.current = which;
      setError(null);
      void serverForm.handleSubmit(
        async (values) => resolve(await save(values, which)),
        (errors) => resolve(messagesOf(errors)),
      )();
    });

  return {
    step,
    mode,
    notFound,
    serial,
    setSerial: (value: string) => {
      serialForm.setValue('serial', value);
      serialForm.clearErrors('serial');
    },
    serialError,
    uncheckedNote,
    identityLocked,
    form,
    change,
    problems,
    error,
    busy: serverForm.formState.isSubmitting,
    lookUp: () => void lookUp(),
    send,
    /** Reset: the form as it was opened (the serial's model and MAC stay). */
    reset: () => {
      reset();
      setError(null);
    },
    dismissError: () => setError(null),
  };
}
