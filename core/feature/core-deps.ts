/**
 * `CoreDeps`: the one object every feature receives (`createXFeature(deps: CoreDeps)`), built by
 * core.ts before any feature. The infrastructure is declared here. What a feature folder owns and
 * shares with the others is added to this interface by that folder, next to its code, by
 * declaration merging (`declare module '../feature/core-deps'`):
 *
 * - `outbox`, `sync`: the outbox and the sync engine (core/sync/services.ts, which builds them);
 * - `settings`: the settings store (core/settings/feature.ts);
 * - `imports`: the registry of running file imports (core/import/feature.ts);
 * - `updateService`: the app's updater (core/updates/feature.ts);
 * - `app`: what the host says about itself (core/app/feature.ts).
 *
 * That way this folder imports no feature folder (a feature imports it), and no folder cycle runs
 * through it.
 */
import type { Db } from '../db/database';
import type { Logger } from '../log/logger';
import type { PortalClient } from '../portal/client';
import type { SecretStore } from '../secrets/secret-store';
import type { DomainBus } from './domain-events';

/** The portal as the settings and the host give it, and clients for it with their stored token. */
export interface PortalAccess {
  /** The portal in use, normalised: command line, then setting, then the embedded sandbox; null when none is valid. */
  url(): string | null;
  /** The same, as configured (not normalised). */
  configuredUrl(): string | null;
  /** The portal given on the command line (it wins over the setting), or null. */
  readonly commandLineUrl: string | null;
  /** A client for `portalUrl`, with its stored token (or `token`, before it is stored). */
  client(portalUrl: string, token?: string): PortalClient;
  /** A token is stored for `portalUrl`. */
  hasToken(portalUrl: string): Promise<boolean>;
}

/**
 * The renderer-facing event bus as every feature receives it: untyped here (the merged map lives
 * in core/api, which no feature imports); each feature narrows it to its own contract's map,
 * `const events: EventEmitter<XEvents> = deps.events`.
 */
export interface ContractEventSink {
  emit(name: string, payload: unknown): void;
}

export interface CoreDeps {
  db: Db;
  now: () => Date;
  log: Logger;
  secrets: SecretStore;
  portal: PortalAccess;
  /** The fetch requests to the portal go through, without the connectivity observer (the connectivity probe uses it). */
  fetch: typeof fetch;
  /** Internal events between features. */
  domain: DomainBus;
  /** Events to the renderer. */
  events: ContractEventSink;
  /** Aborted when the core closes: background work still running then ends. */
  closing: AbortSignal;
}

/** What every `createXFeature(deps)` returns: its methods, and what runs between start-up and close. */
export interface Feature<H extends object = object> {
  handlers: H;
  /** After every feature is built: timers, first checks. */
  start?(): void;
  /** At close, before the database closes. */
  stop?(): void;
}
