/**
 * The one typed contract between the renderer and the core: every feature declares its methods
 * (name → argument schema and result type) and its events (name → payload) in its own
 * `contract.ts`; this file merges them. Every transport serves exactly this map.
 *
 * Only zod and type declarations may be imported here: the renderer imports this file.
 */
import type { z } from 'zod';
import type { MethodContract } from '../rpc/define';
import { appMethods, type AppEvents } from '../app/contract';
import { settingsMethods, type SettingsEvents } from '../settings/contract';
import { sessionMethods, type SessionEvents } from '../session/contract';
import { syncMethods, type SyncEvents } from '../sync/contract';
import { redeemMethods } from '../redeem/contract';
import { systemsMethods } from '../systems/contract';
import { keysMethods, type KeysEvents } from '../keys/contract';
import { searchMethods } from '../search/contract';
import { serversMethods, type ServersEvents } from '../servers/contract';
import { codesMethods, type CodesEvents } from '../codes/contract';
import { bulkMethods, type BulkEvents } from '../bulk/contract';
import { updatesMethods, type UpdatesEvents } from '../updates/contract';
import { importsMethods, type ImportsEvents } from '../import/contract';

export const methodContracts = {
  ...appMethods,
  ...settingsMethods,
  ...sessionMethods,
  ...syncMethods,
  ...redeemMethods,
  ...systemsMethods,
  ...keysMethods,
  ...searchMethods,
  ...serversMethods,
  ...codesMethods,
  ...bulkMethods,
  ...updatesMethods,
  ...importsMethods,
};

export type Events = AppEvents &
  SettingsEvents &
  SessionEvents &
  SyncEvents &
  KeysEvents &
  ServersEvents &
  CodesEvents &
  BulkEvents &
  UpdatesEvents &
  ImportsEvents;

export type Methods = typeof methodContracts;
export type MethodName = keyof Methods;
export type EventName = keyof Events;

/** What a caller passes (before defaults are applied). */
export type ArgsOf<K extends MethodName> = z.input<Methods[K]['args']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedArgsOf<K extends MethodName> = z.output<Methods[K]['args']>;
export type ResultOf<K extends MethodName> = Methods[K] extends MethodContract<z.ZodType, infer R> ? R : never;

export type Handlers = {
  [K in MethodName]: (args: ParsedArgsOf<K>) => ResultOf<K> | Promise<ResultOf<K>>;
};

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methodContracts, name);
}
