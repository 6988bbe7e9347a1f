/**
 * Names of exported files, in the user's language: "FieldKey", what is in the file (a system's
 * MAC, or the filter), and the date, e.g. `FieldKey keys 000ADD023F8F 2026-11-30.xlsx` or
 * `FieldKey keys contains 3F8F 2026-11-01 to 2026-11-30.xlsx` (`FieldKey clés contient 3F8F
 * 2026-11-01 au 2026-11-30.xlsx` in French).
 */
import type { KeyFilter, KeySearchField } from './contract';
import { exportFileName, filterDatesPart, safeFileNamePart, type UtcOffset } from '../export/workbook';
import type { Language } from '../messages/language';
import { type Translate, translator } from '../messages/say';

/** The words of a search field (`all` has none: "contains 3F8F"). */
export function keyFieldWords(by: KeySearchField, t: Translate): string {
  return by === 'all' ? '' : t(`export.keys.field.${by}`);
}

/** "auth code contains 3F8F", or "contains 3F8F" for every field; '' without a search. */
export function containsPart(fieldWords: string, contains: string, t: Translate): string {
  const text = safeFileNamePart(contains);
  if (!text) return '';
  return fieldWords ? t('export.fieldContains', { field: fieldWords, text }) : t('export.contains', { text });
}

/**
 * The Keys list: the search (field and text) and the date range; the export day stands for an
 * open end (no `to`), or alone when the filter has no dates.
 */
export function keysExportFileName(
  filter: Pick<KeyFilter, 'by' | 'contains' | 'from' | 'to'>,
  exportDay: string,
  utcOffset: UtcOffset = () => 0,
  language: Language = 'en',
): string {
  const t = translator(language);
  const parts = [t('export.fileName.keys'), containsPart(keyFieldWords(filter.by, t), filter.contains, t)];
  parts.push(filterDatesPart(filter, exportDay, utcOffset, t));
  return exportFileName(parts, 'xlsx');
}

/** One system's keys (the Quick Lookup handover). */
export function systemExportFileName(mac: string | null, day: string, format: 'xlsx' | 'txt', language: Language = 'en'): string {
  return exportFileName([translator(language)('export.fileName.systemKeys'), mac ?? '', day], format);
}
