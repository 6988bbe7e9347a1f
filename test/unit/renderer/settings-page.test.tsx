// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../../core/rpc/errors';
import { SettingsPage } from '../../../renderer/src/pages/settings/SettingsPage';
import { FakeCore } from './fake-core';
import { renderWithCore } from './render-app';

async function renderSettings(core = new FakeCore()) {
  renderWithCore(<SettingsPage />, core);
  await screen.findByRole('textbox', { name: 'Portal address' });
  return core;
}

describe('Settings page', () => {
  it('has one h1 and every control is found by its label', async () => {
    await renderSettings();
    expect(screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent)).toEqual(['Settings']);
    expect(screen.getByRole('radiogroup', { name: 'Theme' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: /Language/ })).toBeTruthy();
    expect(screen.getByRole('spinbutton', { name: 'Connectivity check (seconds)' })).toBeTruthy();
  });

  it('says that changes take effect on Save, and means it: choosing Dark is saved by Save, through settings.set', async () => {
    const core = await renderSettings();
    expect(screen.getByText(/take effect when you press Save/)).toBeTruthy();
    const theme = screen.getByRole('radiogroup', { name: 'Theme' });
    expect(within(theme).getByRole<HTMLInputElement>('radio', { name: 'System' }).checked).toBe(true);

    fireEvent.click(within(theme).getByRole('radio', { name: 'Dark' }));
    expect(within(theme).getByRole<HTMLInputElement>('radio', { name: 'Dark' }).checked).toBe(true);
    expect(screen.getByText('1 unsaved change')).toBeTruthy();
    expect(core.callsTo('settings.set')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(core.callsTo('settings.set')).toEqual([{ patch: { theme: 'dark' } }]));
    expect(await screen.findByText('Settings saved')).toBeTruthy();
    expect(within(theme).getByRole<HTMLInputElement>('radio', { name: 'Dark' }).checked).toBe(true);
  });

  it('Save sends every changed setting at once; Discard changes puts back the theme too', async () => {
    const core = await renderSettings();
    const theme = screen.getByRole('radiogroup', { name: 'Theme' });
    fireEvent.click(within(theme).getByRole('radio', { name: 'Light' }));
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Sync every (minutes)' }), { target: { value: '15' } });
    expect(screen.getByText('2 unsaved changes')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(within(theme).getByRole<HTMLInputElement>('radio', { name: 'System' }).checked).toBe(true);
    expect(core.callsTo('settings.set')).toEqual([]);

    fireEvent.click(within(theme).getByRole('radio', { name: 'Light' }));
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Sync every (minutes)' }), { target: { value: '15' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(core.callsTo('settings.set')).toEqual([{ patch: { theme: 'light', syncIntervalMinutes: 15 } }]));
  });

  it('shows a change made elsewhere (settings.changed)', async () => {
    const core = await renderSettings();
    act(() => core.emit('settings.changed', { ...core.settings, theme: 'light', portalUrl: 'https://portal.example.com' }));
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Light' }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Portal address' }).value).toBe('https://portal.example.com');
  });

  it('a change made elsewhere leaves the fields being edited as typed', async () => {
    const core = await renderSettings();
    const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'Portal address' });
    fireEvent.change(field, { target: { value: 'https://typed.example' } });
    act(() => core.emit('settings.changed', { ...core.settings, theme: 'dark', portalUrl: 'https://elsewhere.example' }));
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Dark' }).checked).toBe(true);
    expect(field.value).toBe('https://typed.example');
    expect(screen.getByText('1 unsaved change')).toBeTruthy();
  });

  it('saves the portal address trimmed, confirms, and saves an empty one as "none configured"', async () => {
    const core = await renderSettings();
    fireEvent.change(screen.getByRole('textbox', { name: 'Portal address' }), { target: { value: '  https://portal.example.com  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Settings saved')).toBeTruthy();
    expect(core.callsTo('settings.set')).toEqual([{ patch: { portalUrl: 'https://portal.example.com' } }]);

    fireEvent.change(screen.getByRole('textbox', { name: 'Portal address' }), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(core.callsTo('settings.set')).toHaveLength(2));
    expect(core.callsTo('settings.set')[1]).toEqual({ patch: { portalUrl: null } });
  });

  it("shows the API's VALIDATION message as the field's helper text, not as a page error", async () => {
    const core = await renderSettings();
    core.failNext = {
      method: 'settings.set',
      error: new ApiError('VALIDATION', 'Invalid arguments for settings.set: patch.portalUrl: must be …', {
        fields: [
          {
            field: 'patch.portalUrl',
            code: 'zod.custom',
            message: 'must be an http:// or https:// address, for example https://portal.example.com',
          },
        ],
      }),
    };
    const field = screen.getByRole('textbox', { name: 'Portal address' });
    fireEvent.change(field, { target: { value: 'ftp://x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    const helper = document.getElementById(field.getAttribute('aria-describedby')!);
    expect(helper?.textContent).toBe('Must be an http:// or https:// address, for example https://portal.example.com');
    expect(screen.queryByText('Settings saved')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();

    // Editing the field clears its error.
    fireEvent.change(field, { target: { value: 'https://portal.example.com' } });
    expect(field.getAttribute('aria-invalid')).toBe('false');
  });

  it('shows any other API error as a clear message with its code, never a stack', async () => {
    const core = await renderSettings();
    core.failNext = { method: 'settings.set', error: new ApiError('INTERNAL', 'The settings file could not be written.') };
    fireEvent.change(screen.getByRole('textbox', { name: 'Portal address' }), { target: { value: 'https://portal.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not save the settings');
    expect(alert.textContent).toContain('The settings file could not be written. (error code INTERNAL)');
    expect(alert.textContent).not.toMatch(/\bat\s+\S+\s+\(|Error:/);
  });

  it('refuses a non-number interval locally and sends a valid one as a number', async () => {
    const core = await renderSettings();
    const interval = screen.getByRole('spinbutton', { name: 'Connectivity check (seconds)' });
    fireEvent.change(interval, { target: { value: '1.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(interval.getAttribute('aria-invalid')).toBe('true'));
    expect(core.callsTo('settings.set')).toEqual([]);

    fireEvent.change(interval, { target: { value: '120' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(core.callsTo('settings.set')).toEqual([{ patch: { connectivityCheckSeconds: 120 } }]));
  });

  it('Save is only offered when something changed, and Discard puts back what the core holds', async () => {
    await renderSettings();
    const save = screen.getByRole<HTMLButtonElement>('button', { name: 'Save' });
    expect(save.disabled).toBe(true);
    const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'Portal address' });
    fireEvent.change(field, { target: { value: 'https://x.example' } });
    expect(save.disabled).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(field.value).toBe('');
    expect(save.disabled).toBe(true);
  });
});
