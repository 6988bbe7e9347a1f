/** POST /session, DELETE /session, POST /password: signing in and out, changing the password. */
import { passwordProblems } from '../../core/portal-api/schemas';
import { PortalError } from '../http-io';
import { authenticate, beginPasswordCheck, type Handlers, json, noContent, type Sandbox } from './context';

export function sessionHandlers(sandbox: Sandbox): Pick<Handlers, 'login' | 'logout' | 'changePassword'> {
  const { store, throttle } = sandbox;
  return {
    async login({ req, body }) {
      const request = await body();
      const address = beginPasswordCheck(sandbox, req, request.username, 'sign-ins');
      const session = await store.login(request.username, request.password);
      if (!session) throw new PortalError(401, 'unauthorized', 'Wrong user name or password.');
      throttle.succeeded(request.username, address);
      return json(200, session);
    },

    logout({ req }) {
      store.logout(authenticate(sandbox, req).token);
      return noContent();
    },

    async changePassword({ req, body }) {
      const { partner, token } = authenticate(sandbox, req);
      const request = await body();
      const problems = passwordProblems(request.next, partner.username);
      if (problems.length) {
        throw new PortalError(400, 'password_rules', `The new password does not meet the rules: ${problems.join('; ')}.`);
      }
      // A stolen session must not become a way round the sign-in throttle: same budgets.
      const address = beginPasswordCheck(sandbox, req, partner.username, 'password checks');
      if (!(await store.changePassword(partner.id, request.current, request.next, token))) {
        throw new PortalError(403, 'wrong_password', 'The current password is wrong; the password was not changed.');
      }
      throttle.succeeded(partner.username, address);
      return noContent();
    },
  };
}
