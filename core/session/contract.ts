/**
 * Logging in to the portal. The token goes to the secret store (never to settings, the database
 * or logs); the user name and partner are remembered per portal.
 * Only zod and types may be imported: the renderer imports this file.
 */
import { z } from 'zod';
import { method, refusedAs } from '../rpc/define';
import { httpUrl } from '../settings/contract';

export interface SessionStatus {
  /** A session token is stored for the portal (it may still turn out expired: see sync.state). */
  loggedIn: boolean;
  /** The user name last used on this portal, or null. */
  username: string | null;
  /** The partner company the portal names for that user, or null. */
  partnerName: string | null;
  /** The portal in effect, or null when none is configured. */
  portalUrl: string | null;
}

export const sessionMethods = {
  /**
   * Logs in. `portalUrl` defaults to the portal in effect; a different one becomes the portal
   * setting. Errors: UNAUTHORIZED (wrong user name or password), PORTAL_UNREACHABLE,
   * NOT_A_PORTAL, PORTAL_REJECTED, VALIDATION (no portal configured and none given).
   */
  'session.login': method<SessionStatus>()(
    z
      .object({
        portalUrl: httpUrl.optional(),
        username: z
          .string()
          .trim()
          .max(200)
          .refine((value) => value.length > 0, refusedAs('signIn.usernameRequired')),
        password: z
          .string()
          .max(200)
          .refine((value) => value.length > 0, refusedAs('signIn.passwordRequired')),
      })
      .strict(),
  ),
  /** Ends the session on the portal (best effort) and forgets the token. */
  'session.logout': method<SessionStatus>()(z.object({}).strict()),
  'session.status': method<SessionStatus>()(z.object({}).strict()),
};

export interface SessionEvents {
  'session.changed': SessionStatus;
}
