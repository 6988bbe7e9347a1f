// @vitest-environment jsdom
import { act, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { App } from '../../../renderer/src/App';
import type { CoreConnection } from '../../../renderer/src/api/connect';
import { createI18n } from '../../../renderer/src/i18n/i18n';
import { FakeCore, FakeHostLink } from './fake-core';

/** The app suspends until the connection settles; an awaited act lets React resume it. */
async function renderApp(connection: CoreConnection) {
  await act(async () => {
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <App connecting={Promise.resolve(connection)} />
      </I18nextProvider>,
    );
  });
}

describe('App', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it.each([
    ['missing-token', 'This address has no access token, so FieldKey will not show your data here.'],
    ['wrong-token', 'The access token in this address is not the one FieldKey is using.'],
  ] as const)('a refused connection (%s) shows only the access-token page', async (problem, reason) => {
    await renderApp({ kind: 'refused', problem });
    expect(await screen.findByRole('heading', { level: 1, name: 'Open FieldKey with its access token' })).toBeTruthy();
    expect(screen.getByText(reason)).toBeTruthy();
    expect(screen.getByText('npm run serve').tagName).toBe('CODE');
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('an unreachable host gets its own page with a way to try again', async () => {
    await renderApp({ kind: 'refused', problem: 'host-unreachable' });
    expect(await screen.findByRole('heading', { level: 1, name: 'FieldKey is not answering' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('opens on Sign in while signed out, follows the hash to Settings, and names the page in the window title', async () => {
    const core = new FakeCore();
    await renderApp({ kind: 'connected', client: core.client, link: null });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(document.title).toBe('Sign in – FieldKey');

    await act(async () => {
      window.location.hash = '#/settings';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    const heading = await screen.findByRole('heading', { level: 1, name: 'Settings' });
    expect(document.title).toBe('Settings – FieldKey');
    // Focus moves to the new page's heading so keyboard users land on it.
    expect(document.activeElement).toBe(heading);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
  });

  it('opens on Redeem once signed in', async () => {
    const core = new FakeCore();
    core.session = { loggedIn: true, username: 'demo', partnerName: 'Demo Partner', portalUrl: 'http://127.0.0.1:4100' };
    await renderApp({ kind: 'connected', client: core.client, link: null });
    expect(await screen.findByRole('heading', { level: 1, name: 'Redeem codes' })).toBeTruthy();
  });

  it('shows no page until the session is known', async () => {
    const core = new FakeCore();
    let answerSession: () => void = () => {};
    const invoke = core.transport.invoke.bind(core.transport);
    core.transport.invoke = async (method, args) => {
      if (method === 'session.status') await new Promise<void>((resolve) => (answerSession = resolve));
      return invoke(method, args);
    };
    await renderApp({ kind: 'connected', client: core.client, link: null });
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
    await act(async () => answerSession());
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
  });

  it('an unknown hash shows the default page instead of a blank one', async () => {
    window.history.replaceState(null, '', '/#/no-such-page');
    await renderApp({ kind: 'connected', client: new FakeCore().client, link: null });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
  });

  it('switches to the access-token page when the host restarted with a new token', async () => {
    const link = new FakeHostLink('connected');
    await renderApp({ kind: 'connected', client: new FakeCore().client, link });
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    act(() => link.loseAccess());
    expect(await screen.findByText('FieldKey was restarted, so the access token this page used is no longer valid.')).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('explains a failed first load with the core message and offers to retry', async () => {
    const core = new FakeCore();
    const { ApiError } = await import('../../../core/rpc/errors');
    core.failNext = { method: 'app.info', error: new ApiError('DB_CORRUPT', 'The database file cannot be read.') };
    await renderApp({ kind: 'connected', client: core.client, link: null });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('FieldKey could not load its information');
    expect(alert.textContent).toContain('The database file cannot be read. (error code DB_CORRUPT)');
    act(() => within(alert).getByRole('button', { name: 'Try again' }).click());
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
