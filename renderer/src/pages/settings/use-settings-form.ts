// Its one job: the Settings page's form (react-hook-form). Every control edits the form; a control
// the user has not changed follows what the core holds (a change made elsewhere appears), Save
// sends what changed in one settings.set (the core's VALIDATION fields put on their fields),
// Discard changes puts back what is saved.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { ApiError } from '../../../../core/rpc/errors';
import type { Settings } from '../../../../core/settings/contract';
import { formFieldErrorsOf } from '../../api/api-errors';
import { useSettings } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { changedFields, DRAFT_FIELDS, patchFromDraft, storedText, type DraftField, type SettingControl } from './settings-draft';
import { useSay } from '../../i18n/messages';

type SettingsTexts = Record<DraftField, string>;

/** The stored settings as the controls show them. */
function textsOf(settings: Settings): SettingsTexts {
  return Object.fromEntries(DRAFT_FIELDS.map((field) => [field, storedText(settings, field)])) as SettingsTexts;
}

/** The form's schema: the intervals must be whole numbers (`wholeNumber` says so on each); the core checks the rest. */
function settingsSchema(wholeNumber: { connectivityCheckSeconds: string; syncIntervalMinutes: string }) {
  const text = z.string();
  const whole = (message: string) => z.string().trim().regex(/^\d+$/, message);
  return z.object({
    theme: text,
    language: text,
    portalUrl: text,
    updateFeedUrl: text,
    connectivityCheckSeconds: whole(wholeNumber.connectivityCheckSeconds),
    syncIntervalMinutes: whole(wholeNumber.syncIntervalMinutes),
  });
}

export function useSettingsForm() {
  const { t } = useTranslation();
  const say = useSay();
  const { settings, save } = useSettings();
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [savedMessage, setSavedMessage] = useState<string | null>(null);
  const stored = useMemo(() => (settings ? textsOf(settings) : undefined), [settings]);
  const schema = useMemo(
    () =>
      settingsSchema({
        connectivityCheckSeconds: t('settings.connectivity.wholeNumber'),
        syncIntervalMinutes: t('settings.syncInterval.wholeNumber'),
      }),
    [t],
  );
  const form = useForm<SettingsTexts>({
    resolver: zodResolver(schema),
    // What the core holds, followed by every control the user has not changed.
    values: stored,
    resetOptions: { keepDirtyValues: true },
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const texts = useWatch({ control: form.control }) as Partial<SettingsTexts>;
  const { errors, isSubmitting } = form.formState;
  const changed = settings ? changedFields(settings, texts) : [];

  const control = (field: DraftField): SettingControl => ({
    value: texts[field] ?? '',
    error: errors[field]?.message ?? null,
    onChange: (value) => {
      form.setValue(field, value, { shouldDirty: true });
      form.clearErrors(field);
    },
  });

  const send = form.handleSubmit(async (values) => {
    if (!settings) return;
    const built = patchFromDraft(settings, values);
    if (!built.ok) return;
    try {
      // (reset takes resetOptions too: here every field is to be what the core now holds.)
      form.reset(textsOf(await save(built.patch)), { keepDirtyValues: false });
      setSavedMessage(t('settings.saved'));
    } catch (err) {
      const apiError = toApiError(err);
      const known = formFieldErrorsOf(apiError, say, DRAFT_FIELDS, 'patch.');
      for (const [field, message] of Object.entries(known)) form.setError(field as DraftField, { type: 'server', message });
      if (Object.keys(known).length === 0) setFormError(apiError);
    }
  });

  return {
    settings,
    changed,
    saving: isSubmitting,
    control,
    formError,
    dismissFormError: () => setFormError(null),
    savedMessage,
    dismissSaved: () => setSavedMessage(null),
    submit: () => {
      if (!settings || changed.length === 0 || isSubmitting) return;
      setFormError(null);
      void send();
    },
    discard: () => {
      if (stored) form.reset(stored, { keepDirtyValues: false });
      setFormError(null);
    },
  };
}
