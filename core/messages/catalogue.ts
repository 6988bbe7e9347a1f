/**
 * The core's message catalogue: every sentence the core returns to a person has a stable code
 * (`code.tooShort`) and parameters (`{ length: 10 }`); these files hold its English and French
 * text, in i18next's syntax (`{{length}}`, plurals as `key_one` / `key_other`, numbers as
 * `{{count, number}}`). The core fills in the English (`say`) for logs and API users; the renderer
 * formats the code in the user's language (namespace `core`); exports use `translator`.
 *
 * One file per owner (the feature or shared folder that says it); each file's top-level keys are
 * code prefixes, and no two files share one (test/unit/i18n/catalogues.test.ts).
 */
import enApp from './en/app.json' with { type: 'json' };
import enBulk from './en/bulk.json' with { type: 'json' };
import enCodes from './en/codes.json' with { type: 'json' };
import enDb from './en/db.json' with { type: 'json' };
import enDesktop from './en/desktop.json' with { type: 'json' };
import enDomain from './en/domain.json' with { type: 'json' };
import enExport from './en/export.json' with { type: 'json' };
import enHost from './en/host.json' with { type: 'json' };
import enImport from './en/import.json' with { type: 'json' };
import enKeys from './en/keys.json' with { type: 'json' };
import enList from './en/list.json' with { type: 'json' };
import enPortal from './en/portal.json' with { type: 'json' };
import enRedeem from './en/redeem.json' with { type: 'json' };
import enRpc from './en/rpc.json' with { type: 'json' };
import enSearch from './en/search.json' with { type: 'json' };
import enServers from './en/servers.json' with { type: 'json' };
import enSession from './en/session.json' with { type: 'json' };
import enSync from './en/sync.json' with { type: 'json' };
import enSystems from './en/systems.json' with { type: 'json' };
import enUpdates from './en/updates.json' with { type: 'json' };
import frApp from './fr/app.json' with { type: 'json' };
import frBulk from './fr/bulk.json' with { type: 'json' };
import frCodes from './fr/codes.json' with { type: 'json' };
import frDb from './fr/db.json' with { type: 'json' };
import frDesktop from './fr/desktop.json' with { type: 'json' };
import frDomain from './fr/domain.json' with { type: 'json' };
import frExport from './fr/export.json' with { type: 'json' };
import frHost from './fr/host.json' with { type: 'json' };
import frImport from './fr/import.json' with { type: 'json' };
import frKeys from './fr/keys.json' with { type: 'json' };
import frList from './fr/list.json' with { type: 'json' };
import frPortal from './fr/portal.json' with { type: 'json' };
import frRedeem from './fr/redeem.json' with { type: 'json' };
import frRpc from './fr/rpc.json' with { type: 'json' };
import frSearch from './fr/search.json' with { type: 'json' };
import frServers from './fr/servers.json' with { type: 'json' };
import frSession from './fr/session.json' with { type: 'json' };
import frSync from './fr/sync.json' with { type: 'json' };
import frSystems from './fr/systems.json' with { type: 'json' };
import frUpdates from './fr/updates.json' with { type: 'json' };

/** Each language's files, by owner (a test checks that no two share a top-level key). */
export const catalogueFiles = {
  en: {
    app: enApp,
    bulk: enBulk,
    codes: enCodes,
    db: enDb,
    desktop: enDesktop,
    domain: enDomain,
    export: enExport,
    host: enHost,
    import: enImport,
    keys: enKeys,
    list: enList,
    portal: enPortal,
    redeem: enRedeem,
    rpc: enRpc,
    search: enSearch,
    servers: enServers,
    session: enSession,
    sync: enSync,
    systems: enSystems,
    updates: enUpdates,
  },
  fr: {
    app: frApp,
    bulk: frBulk,
    codes: frCodes,
    db: frDb,
    desktop: frDesktop,
    domain: frDomain,
    export: frExport,
    host: frHost,
    import: frImport,
    keys: frKeys,
    list: frList,
    portal: frPortal,
    redeem: frRedeem,
    rpc: frRpc,
    search: frSearch,
    servers: frServers,
    session: frSession,
    sync: frSync,
    systems: frSystems,
    updates: frUpdates,
  },
} as const;

type Files = (typeof catalogueFiles)['en'];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The English catalogue, as one object (the shape every language has). */
export type CoreCatalogue = UnionToIntersection<Files[keyof Files]>;

function merge(files: Record<string, object>): Record<string, unknown> {
  return Object.assign({}, ...Object.values(files));
}

/**
 * French plural rules (CLDR) give `many` for a million, two million … (`1 000 000 de clés`), where
 * a catalogue writes `_one` and `_other` only: `_many` is `_other` unless a file says otherwise,
 * so such a count never falls back to English.
 */
export function withManyAsOther<T>(catalogue: T): T {
  if (typeof catalogue !== 'object' || catalogue === null) return catalogue;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(catalogue)) result[key] = withManyAsOther(value);
  for (const key of Object.keys(result)) {
    const base = /^(.*)_other$/.exec(key)?.[1];
    if (base !== undefined && typeof result[key] === 'string' && result[`${base}_many`] === undefined) result[`${base}_many`] = result[key];
  }
  return result as T;
}

/** Every language's catalogue, merged (the renderer's `core` namespace). */
export const coreCatalogues = {
  en: merge(catalogueFiles.en) as CoreCatalogue,
  fr: withManyAsOther(merge(catalogueFiles.fr)) as CoreCatalogue,
};

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type WithoutPlural<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${WithoutPlural<K>}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message code the core can say: `code.tooShort`, `zod.too_small`, `export.keys.title`. */
export type MessageCode = Leaves<CoreCatalogue>;

/** The values a message names (a length, a limit, the character at fault), for a translation to fill in. */
export type MessageParams = Record<string, string | number>;

/**
 * A sentence for a person, as the core gives it: its code, its parameters, and the English text
 * (for logs and API users; the renderer shows the code in the user's language instead).
 */
export interface Message {
  code: MessageCode;
  message: string;
  params?: MessageParams;
}
