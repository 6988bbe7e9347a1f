import type { HandlersOf } from '../rpc/define';
import type { sessionMethods, SessionEvents, SessionStatus } from './contract';
import { ApiError, invalidArgument } from '../rpc/errors';
import { asWriteFailure, isWriteFailure } from '../rpc/write-failure';
import type { EventEmitter } from '../rpc/events';
import type { Db } from '../db/database';
import type { SettingsStore } from '../settings/store';
import type { Settings, SettingsEvents } from '../settings/contract';
import type { PortalClient } from '../portal/client';
import { isPortalError, normalisePortalUrl, type PortalError } from '../portal/errors';
import { portalTokenSecretName, type SecretStore } from '../secrets/secret-store';
import { SyncStateTable } from '../sync/sync-state';
import { say } from '../messages/say';

type SessionHandlers = Pick<HandlersOf<typeof sessionMethods>, 'session.login' | 'session.logout' | 'session.status'>;

export interface SessionHandlerDeps {
  db: Db;
  events: EventEmitter<SessionEvents & SettingsEvents>;
  secrets: SecretStore;
  settingsStore: SettingsStore;
  /** A portal fixed on the command line; login cannot switch away from it. */
  portalUrlOverride: string | null;
  /** The portal in effect (normalised), or null. */
  portalUrl: () => string | null;
  /** A client for a portal, carrying that portal's stored token, or `token` when given. */
  client: (portalUrl: string, token?: string) => PortalClient;
  /** Called after the session changed (the sync engine pulls after a login). */
  onSessionChanged: (status: SessionStatus) => void;
  /** Called after signing in to another portal saved it as the `portalUrl` setting. */
  onSettingsSaved?: (next: Settings, previous: Settings) => void;
}

export function createSessionHandlers(deps: SessionHandlerDeps): SessionHandlers {
  const syncState = new SyncStateTable(deps.db);

  const status = async (): Promise<SessionStatus> => {
    const portalUrl = deps.portalUrl();
    if (!portalUrl) return { loggedIn: false, username: null, partnerName: null, portalUrl: null };
    return {
      // Presence only: the token's expiry is judged by the portal, never by this computer's clock.
      loggedIn: (await deps.secrets.get(portalTokenSecretName(portalUrl))) !== null,
      username: syncState.get(portalUrl, 'username'),
      partnerName: syncState.get(portalUrl, 'partnerName'),
      portalUrl,
    };
  };

  const announce = async (): Promise<SessionStatus> => {
    const current = await status();
    deps.events.emit('session.changed', current);
    deps.onSessionChanged(current);
    return current;
  };

  return {
    'session.status': status,

    'session.login': async ({ portalUrl: requested, username, password }) => {
      const portalUrl = resolvePortal(requested, deps);
      const client = deps.client(portalUrl);
      let session: Awaited<ReturnType<PortalClient['login']>>;
      try {
        session = await client.login(username, password);
      } catch (err) {
        throw loginError(err, portalUrl);
      }
      const tokenName = portalTokenSecretName(portalUrl);
      let tokenStored = false;
      try {
        await deps.secrets.set(tokenName, session.token);
        tokenStored = true;
        deps.db.transaction(() => {
          syncState.set(portalUrl, 'username', session.partner.username || username);
          syncState.set(portalUrl, 'partnerId', session.partner.id);
          syncState.set(portalUrl, 'partnerName', session.partner.name);
        })();
        if (deps.portalUrl() !== portalUrl) {
          const settings = deps.settingsStore.read();
          const next = { ...settings, portalUrl };
          deps.settingsStore.write(next);
          deps.onSettingsSaved?.(next, settings);
          deps.events.emit('settings.changed', next);
        }
      } catch (err) {
        // A session FieldKey cannot keep must not stay open on the portal, nor half-stored here.
        if (tokenStored) await deps.secrets.delete(tokenName).catch(() => undefined);
        await deps
          .client(portalUrl, session.token)
          .logout()
          .catch(() => undefined);
        throw unstoredLoginError(err, portalUrl);
      }
      return announce();
    },

    'session.logout': async () => {
      const portalUrl = deps.portalUrl();
      if (portalUrl) {
        const name = portalTokenSecretName(portalUrl);
        if ((await deps.secrets.get(name)) !== null) {
          // Best effort: offline, the token is forgotten here and expires on the portal.
          await deps
            .client(portalUrl)
            .logout()
            .catch(() => undefined);
          await deps.secrets.delete(name);
        }
      }
      return announce();
    },
  };
}

function resolvePortal(requested: string | undefined, deps: SessionHandlerDeps): string {
  const current = deps.portalUrl();
  if (requested === undefined) {
    if (current === null) {
      throw invalidArgument('session.login', 'portalUrl', say('portalUrl.missing'));
    }
    return current;
  }
  const normalised = normalisePortalUrl(requested);
  if (!normalised.ok) throw invalidArgument('session.login', 'portalUrl', normalised);
  if (deps.portalUrlOverride !== null && normalised.url !== current) {
    throw new ApiError('CONFLICT', say('signIn.portalFixed', { current: current ?? deps.portalUrlOverride, requested: normalised.url }));
  }
  return normalised.url;
}

/**
 * A login the portal accepted but this computer could not store (full disk, read-only folder) is
 * said to be that, never the portal's failure; other errors (SECRETS_UNAVAILABLE, ...) pass as they are.
 */
function unstoredLoginError(err: unknown, portalUrl: string): unknown {
  const failure = asWriteFailure(err);
  if (!isWriteFailure(failure)) return failure;
  const message = failure.code === 'DISK_FULL' ? say('signIn.notStoredDiskFull') : say('signIn.notStoredNotWritable');
  return new ApiError(failure.code, message, {
    ...(failure.details as object),
    portalUrl,
    stage: 'store_sign_in',
  });
}

/** What the login screen shows for each way a login can fail. */
export function loginError(err: unknown, portalUrl: string): ApiError {
  if (!isPortalError(err)) return new ApiError('INTERNAL', say('signIn.failedInside'));
  const details = { kind: err.kind, portalUrl };
  if (err.kind === 'unauthorized' || (err.kind === 'rejected' && err.code === 'wrong_password')) {
    return new ApiError('UNAUTHORIZED', say('signIn.wrongPassword'), details);
  }
  if (err.kind === 'retry_later' && err.status === 429) {
    // On sign-in a 429 is the portal's lockout after wrong passwords, not a busy portal.
    const minutes = err.retryAfterMs === null ? null : Math.max(1, Math.ceil(err.retryAfterMs / 60_000));
    const message = minutes === null ? say('signIn.tooManyAttempts') : say('signIn.tooManyAttemptsWait', { count: minutes });
    return new ApiError('PORTAL_REJECTED', message, {
      ...details,
      portalCode: err.code,
      retryAfterMs: err.retryAfterMs,
    });
  }
  return portalApiError(err, details);
}

/** A PortalError as the API reports it. */
export function portalApiError(err: PortalError, details: Record<string, unknown> = { kind: err.kind, portalUrl: err.url }): ApiError {
  switch (err.kind) {
    case 'not_a_portal':
      return new ApiError('NOT_A_PORTAL', err.said, details);
    case 'rejected': {
      // The portal's own words, said as the portal's (`portalError.rejected`), also in details for the renderer.
      const reason = typeof err.said.params?.reason === 'string' ? err.said.params.reason : err.message;
      return new ApiError('PORTAL_REJECTED', say('portalError.rejected', { reason }), {
        ...details,
        portalCode: err.code,
        portalMessage: reason,
      });
    }
    case 'unauthorized':
      return new ApiError('UNAUTHORIZED', say('signIn.passwordAgain'), details);
    default:
      return new ApiError('PORTAL_UNREACHABLE', err.said, details);
  }
}
