/**
 * How the renderer shows dates, times and MAC addresses: one style everywhere, in the user's
 * language. Every date or time on screen goes through here (the pure formatters for tests and
 * non-React code, the hooks for components), so Keys, Codes, Servers and Sync read alike.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMac, parseMac } from '../../../core/domain/mac';

/** A moment: date and time to the minute, e.g. "Dec 4, 2026, 3:35 PM" (en) or "4 Dec 2026, 15:35" (en-GB). */
const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
/** A day, or a moment where only its day matters, e.g. "Dec 4, 2026". */
const DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };

export type FormatTime = (value: string | Date) => string;

function formatter(language: string | undefined, options: Intl.DateTimeFormatOptions): FormatTime {
  const format = new Intl.DateTimeFormat(language, options);
  return (value) => {
    const date = typeof value === 'string' ? parseTime(value) : value;
    if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '';
    return format.format(date);
  };
}

/**
 * An ISO time with a zone is that moment; a plain calendar day ("2026-12-04") is that day here,
 * not midnight UTC (which is the day before west of Greenwich).
 */
function parseTime(value: string): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
  return new Date(value);
}

/** Date and time in `language`'s style; a value that is not a time is shown as it is. */
export function dateTimeFormatter(language: string | undefined): FormatTime {
  return formatter(language, DATE_TIME);
}

/** The date alone in `language`'s style; a value that is not a time is shown as it is. */
export function dateFormatter(language: string | undefined): FormatTime {
  return formatter(language, DATE);
}

/** Formats an ISO 8601 time (or a Date) for the current language: "Dec 4, 2026, 3:35 PM". */
export function useFormatDateTime(): FormatTime {
  const { i18n } = useTranslation();
  return useMemo(() => dateTimeFormatter(i18n.language), [i18n.language]);
}

/** Formats a day (ISO date or time, or a Date) for the current language: "Dec 4, 2026". */
export function useFormatDate(): FormatTime {
  const { i18n } = useTranslation();
  return useMemo(() => dateFormatter(i18n.language), [i18n.language]);
}

/**
 * A MAC address as FieldKey shows it: 00:0A:DD:02:3F:8F, whatever form it is stored or typed in.
 * Text that is not a MAC is shown as it is (a problem row quotes what the file said).
 */
export function displayMac(mac: string): string {
  if (/^[0-9A-Fa-f]{12}$/.test(mac)) return formatMac(mac);
  const parsed = parseMac(mac);
  return parsed.ok && !parsed.prefixAdded ? parsed.display : mac;
}
