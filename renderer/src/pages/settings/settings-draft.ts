/**
 * The Settings page's one save model: every control edits a draft, and nothing changes until Save
 * sends what differs from the stored settings in one settings.set (Discard drops the draft).
 * Pure: what the draft holds, what it changes, and the patch (or the fields to fix first).
 */
import type { Settings, SettingsPatch } from '../../../../core/settings/contract';

export const DRAFT_FIELDS = ['theme', 'language', 'portalUrl', 'connectivityCheckSeconds', 'syncIntervalMinutes', 'updateFeedUrl'] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];
export type NumberField = 'connectivityCheckSeconds' | 'syncIntervalMinutes';

/** What the user has typed or chosen, as the controls hold it (text); fields not touched are absent. */
export type SettingsDraft = Partial<Record<DraftField, string>>;

/** A stored setting as its control shows it: a missing address is an empty field. */
export function storedText(settings: Settings, field: DraftField): string {
  const value = settings[field];
  return value === null || value === undefined ? '' : String(value);
}

/** What a control shows: the draft where the user changed it, else what is stored. */
export function shownText(settings: Settings, draft: SettingsDraft, field: DraftField): string {
  return draft[field] ?? storedText(settings, field);
}

/** The fields whose draft differs from what is stored (typing a value back is no change). */
export function changedFields(settings: Settings, draft: SettingsDraft): DraftField[] {
  return DRAFT_FIELDS.filter((field) => {
    const value = draft[field];
    if (value === undefined) return false;
    return isAddress(field) || isNumber(field) ? value.trim() !== storedText(settings, field) : value !== storedText(settings, field);
  });
}

export type DraftPatch = { ok: true; patch: SettingsPatch } | { ok: false; notWholeNumbers: NumberField[] };

/** The patch Save sends: changed fields only, addresses trimmed (empty: none), intervals as whole numbers. */
export function patchFromDraft(settings: Settings, draft: SettingsDraft): DraftPatch {
  const patch: SettingsPatch = {};
  const notWholeNumbers: NumberField[] = [];
  for (const field of changedFields(settings, draft)) {
    const value = (draft[field] ?? '').trim();
    if (isNumber(field)) {
      if (/^\d+$/.test(value)) patch[field] = Number(value);
      else notWholeNumbers.push(field);
    } else if (isAddress(field)) {
      patch[field] = value === '' ? null : value;
    } else if (field === 'theme') {
      patch.theme = value as Settings['theme'];
    } else {
      patch.language = value as Settings['language'];
    }
  }
  return notWholeNumbers.length > 0 ? { ok: false, notWholeNumbers } : { ok: true, patch };
}

function isNumber(field: DraftField): field is NumberField {
  return field === 'connectivityCheckSeconds' || field === 'syncIntervalMinutes';
}

function isAddress(field: DraftField): field is 'portalUrl' | 'updateFeedUrl' {
  return field === 'portalUrl' || field === 'updateFeedUrl';
}

/** One control's part of the draft: what it shows, its problem, and how it changes the draft. */
export interface SettingControl {
  value: string;
  error: string | null;
  onChange: (value: string) => void;
}
