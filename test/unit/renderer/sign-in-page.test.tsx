// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../../core/rpc/errors';
import { SignInPage } from '../../../renderer/src/pages/sign-in/SignInPage';
import { AppShell } from '../../../renderer/src/shell/AppShell';
import { FakeCore } from './fake-core';
import { renderWithCore } from './render-app';

function renderSignIn(core = new FakeCore()) {
  renderWithCore(
    <AppShell page="sign-in" title="Sign in">
      <SignInPage />
    </AppShell>,
    core,
  );
  return core;
}

const field = (name: string) => screen.getByLabelText<HTMLInputElement>(name, { selector: 'input' });

function fillAndSubmit(values: { username?: string; password?: string }) {
  if (values.username !== undefined) fireEvent.change(field('User name'), { target: { value: values.username } });
  if (values.password !== undefined) fireEvent.change(field('Password'), { target: { value: values.password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('Sign in page', () => {
  beforeEach(() => window.history.replaceState(null, '', '/#/sign-in'));

  it('prefills the portal address and shows the demo hint when the host runs the embedded demo portal', async () => {
    const core = new FakeCore();
    core.appInfo.embeddedPortalUrl = 'http://127.0.0.1:4100';
    core.session = { loggedIn: false, username: 'demo', partnerName: null, portalUrl: 'http://127.0.0.1:4100' };
    renderSignIn(core);
    await waitFor(() => expect(field('Portal address').value).toBe('http://127.0.0.1:4100'));
    expect(field('User name').value).toBe('demo');
    await screen.findByText('Demo portal: sign in as demo / demo');
  });

  it.each([
    ['another portal', 'https://portal.example.com', null],
    ['a portal on this computer the host did not start', 'http://127.0.0.1:8731', null],
    ['a configured portal while the embedded one also runs', 'https://portal.example.com', 'http://127.0.0.1:4100'],
  ])('shows no demo hint for %s', async (_case, portalUrl, embeddedPortalUrl) => {
    const core = new FakeCore();
    core.appInfo.embeddedPortalUrl = embeddedPortalUrl;
    core.online = { online: true, portalUrl, checkedAt: null };
    renderSignIn(core);
    await waitFor(() => expect(field('Portal address').value).toBe(portalUrl));
    expect(screen.queryByText(/Demo portal/)).toBeNull();
  });

  it.each([
    ['UNAUTHORIZED', 'Wrong user name or password for this portal.'],
    ['PORTAL_UNREACHABLE', 'The portal at http://127.0.0.1:9 cannot be reached.'],
    ['NOT_A_PORTAL', 'The address answers, but not as a FieldKey Portal API.'],
  ] as const)('shows the API message for %s and clears the password', async (code, message) => {
    const core = renderSignIn();
    core.failNext = { method: 'session.login', error: new ApiError(code, message) };
    fillAndSubmit({ username: 'demo', password: 'wrong' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not sign in');
    expect(alert.textContent).toContain(message);
    expect(field('Password').value).toBe('');
    expect(field('User name').value).toBe('demo');
    expect(core.callsTo('session.login')).toEqual([{ username: 'demo', password: 'wrong' }]);
  });

  it('puts VALIDATION field errors under their fields', async () => {
    const core = renderSignIn();
    // An empty password: the contract refuses it (the stand-in core checks arguments as the real one does).
    fillAndSubmit({ username: 'demo' });
    await waitFor(() => expect(field('Password').getAttribute('aria-invalid')).toBe('true'));
    const describedBy = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby')!)?.textContent;
    expect(describedBy(field('Password'))).toBe('Enter your password');
    expect(field('User name').getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByRole('alert')).toBeNull();
    // Editing a field clears its error.
    fireEvent.change(field('Password'), { target: { value: 'x' } });
    expect(field('Password').getAttribute('aria-invalid')).toBe('false');

    // The core's own refusal (no portal configured) names the portal address.
    core.failNext = {
      method: 'session.login',
      error: new ApiError('VALIDATION', 'No portal is configured.', {
        fields: [{ field: 'portalUrl', code: 'portalUrl.missing', message: 'no portal is configured; enter the portal address' }],
      }),
    };
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(describedBy(field('Portal address'))).toBe('No portal is configured; enter the portal address.'));
    expect(field('Password').getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('sends a typed portal address, shows progress while signing in, then the user and Log out in the app bar', async () => {
    const core = renderSignIn();
    let finish: () => void = () => {};
    const realInvoke = core.transport.invoke;
    core.transport.invoke = async (method, args) => {
      if (method === 'session.login') await new Promise<void>((resolve) => (finish = resolve));
      return realInvoke(method, args);
    };
    fireEvent.change(field('Portal address'), { target: { value: 'https://portal.example.com' } });
    // Enter in the form submits it.
    fireEvent.change(field('User name'), { target: { value: 'demo' } });
    fireEvent.change(field('Password'), { target: { value: 'demo' } });
    fireEvent.submit(field('Password').closest('form')!);
    expect(await screen.findByRole('progressbar', { name: 'Signing in' })).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Sign in' }).disabled).toBe(true);
    expect(field('Password').value).toBe('');
    await act(async () => finish());
    await waitFor(() => expect(window.location.hash).toBe('#/redeem'));
    const banner = screen.getByRole('banner');
    expect(within(banner).getByText('demo')).toBeTruthy();
    expect(core.calls.find((call) => call.method === 'session.login')?.args).toEqual({
      portalUrl: 'https://portal.example.com',
      username: 'demo',
      password: 'demo',
    });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Sign in' })).toBeNull();

    fireEvent.click(within(banner).getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(within(nav).getByRole('link', { name: 'Sign in' })).toBeTruthy());
    expect(within(banner).queryByRole('button', { name: 'Log out' })).toBeNull();
    expect(core.callsTo('session.logout')).toEqual([{}]);
  });
});
