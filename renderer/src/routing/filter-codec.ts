/**
 * One codec for every list page's filter in the address (`#/keys?from=…&q=…`, `#/servers?…`,
 * `#/codes?…`), pure: each page lists its fields once — which parameter, which values, which
 * default — and gets both directions from it. Reading is forgiving (anything missing or malformed
 * takes its default, so any link opens a working page); writing leaves defaults out unless a field
 * says `always` (the Keys dates, so a reload another day shows the same range).
 */
import { oneOf, parseLocalDay, type SortDirection } from '../components/data-table/list-rules';
import type { RouteParams } from './hash-route';

/** How one field of a view is read from the address and written back. `view` holds the fields read before it. */
export interface ParamCodec<T, V> {
  read(params: URLSearchParams, view: Partial<V>): T;
  write(value: T, view: V): RouteParams;
}

export interface FilterCodec<V> {
  fromParams(params: URLSearchParams): V;
  toParams(view: V): RouteParams;
}

/** A view's codec from its fields' codecs, read in the order given (a sort before its direction). */
export function filterCodec<V extends object>(fields: { [K in keyof V]: ParamCodec<V[K], V> }): FilterCodec<V> {
  const keys = Object.keys(fields) as (keyof V)[];
  return {
    fromParams(params) {
      const view: Partial<V> = {};
      for (const key of keys) view[key] = fields[key].read(params, view);
      return view as V;
    },
    toParams(view) {
      const params: RouteParams = {};
      for (const key of keys) Object.assign(params, fields[key].write(view[key], view));
      return params;
    },
  };
}

/** Free text (`q=`); absent is ''. */
export function textParam<V>(name: string): ParamCodec<string, V> {
  return {
    read: (params) => params.get(name) ?? '',
    write: (value) => ({ [name]: value }),
  };
}

/** One of `values`; absent or unknown is `fallback`, which is left out of the address unless `always`. */
export function choiceParam<T extends string, V, F extends T | null = T>(
  name: string,
  values: readonly T[],
  fallback: F,
  { always = false }: { always?: boolean } = {},
): ParamCodec<T | F, V> {
  return {
    read: (params) => oneOf(values, params.get(name)) ?? fallback,
    write: (value) => ({ [name]: !always && value === fallback ? null : value }),
  };
}

/** On or off (`hidden=1`). */
export function flagParam<V>(name: string): ParamCodec<boolean, V> {
  return {
    read: (params) => params.get(name) === '1',
    write: (value) => ({ [name]: value ? '1' : null }),
  };
}

/** A date bound the user cleared, written when the field is `always` so its default does not come back. */
export const NO_DATE = 'any';

/** A local calendar day `YYYY-MM-DD` or null (no bound); absent or malformed is `fallback()`. */
export function dayParam<V>(
  name: string,
  { fallback = () => null, always = false }: { fallback?: () => string | null; always?: boolean } = {},
): ParamCodec<string | null, V> {
  return {
    read: (params) => {
      const value = params.get(name);
      if (value === NO_DATE) return null;
      return value !== null && parseLocalDay(value) ? value : fallback();
    },
    write: (value) => ({ [name]: always ? (value ?? NO_DATE) : value }),
  };
}

/** A sort direction whose default depends on the view's sort column (read before it). */
export function directionParam<V>(
  name: string,
  defaultFor: (view: Partial<V>) => SortDirection,
  { always = false }: { always?: boolean } = {},
): ParamCodec<SortDirection, V> {
  return {
    read: (params, view) => oneOf(['asc', 'desc'] as const, params.get(name)) ?? defaultFor(view),
    write: (value, view) => ({ [name]: !always && value === defaultFor(view) ? null : value }),
  };
}

/** The value written for '' in an optional text field (a SKU not known yet). */
export const EMPTY_VALUE = '-';

/** Optional text: absent is null (any), EMPTY_VALUE is '' (a value known to be empty), else the text. */
export function optionalTextParam<V>(name: string): ParamCodec<string | null, V> {
  return {
    read: (params) => {
      const value = params.get(name);
      return value === null ? null : value === EMPTY_VALUE ? '' : value;
    },
    write: (value) => ({ [name]: value === null ? null : value === '' ? EMPTY_VALUE : value }),
  };
}
