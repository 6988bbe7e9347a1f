// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { installErrorReporting } from '../../../renderer/src/api/error-reporting';
import { ErrorBoundary } from '../../../renderer/src/components/ErrorBoundary';
import { AboutPage } from '../../../renderer/src/pages/about/AboutPage';
import type { ExportedFile } from '../../../core/export/contract';
import { FakeCore } from './fake-core';
import { renderWithCore } from './render-app';

afterEach(() => {
  window.location.hash = '';
});

describe('About: Save diagnostics', () => {
  it('asks the core for the zip and saves it as every export is saved', async () => {
    const core = new FakeCore();
    const saved: ExportedFile[] = [];
    renderWithCore(<AboutPage save={(file) => saved.push(file)} />, core);
    fireEvent.click(screen.getByRole('button', { name: 'Save diagnostics…' }));
    await waitFor(() => expect(saved.map((file) => file.fileName)).toEqual(['FieldKey diagnostics 2026-12-04 101500.zip']));
    expect(core.callsTo('app.diagnostics')).toEqual([{}]);
    expect(screen.getByRole('status').textContent).toContain('FieldKey diagnostics 2026-12-04 101500.zip');
  });

  it('starts once when opened as #/about?action=diagnostics (the Help menu) and drops the parameter', async () => {
    window.location.hash = '#/about?action=diagnostics';
    const core = new FakeCore();
    const saved: ExportedFile[] = [];
    renderWithCore(<AboutPage save={(file) => saved.push(file)} />, core);
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(window.location.hash).toBe('#/about');
    expect(core.callsTo('app.diagnostics')).toHaveLength(1);
  });

  it('an unexpected failure shows the reference the core logged it under', async () => {
    const core = new FakeCore();
    core.failNext = { method: 'app.diagnostics', error: new Error('disk exploded') as never };
    renderWithCore(<AboutPage save={() => undefined} />, core);
    fireEvent.click(screen.getByRole('button', { name: 'Save diagnostics…' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not save diagnostics');
    expect(alert.textContent).toMatch(/Reference [34679ACDEFGHJKMNPQRTUVWXY]{5}/);
    expect(alert.textContent).not.toContain('disk exploded');
  });
});

describe('renderer errors reach the core log', () => {
  it('uncaught errors and unhandled rejections are reported through app.reportError', async () => {
    const core = new FakeCore();
    // A window of its own: jsdom's would also hand these to the test runner as failures.
    const page = Object.assign(new EventTarget(), { location: { hash: '#/keys' } }) as unknown as Window;
    const stop = installErrorReporting(core.client, page);
    page.dispatchEvent(new ErrorEvent('error', { error: new TypeError('x is undefined'), message: 'x is undefined' }));
    const rejection = new Event('unhandledrejection') as Event & { reason: unknown };
    rejection.reason = new Error('fetch failed');
    page.dispatchEvent(rejection);
    stop();
    page.dispatchEvent(new ErrorEvent('error', { error: new Error('after stop') }));
    await waitFor(() => expect(core.callsTo('app.reportError')).toHaveLength(2));
    expect(core.callsTo('app.reportError')).toEqual([
      expect.objectContaining({ source: 'window.error', message: 'TypeError: x is undefined', page: 'keys' }),
      expect.objectContaining({ source: 'unhandledrejection', message: 'Error: fetch failed', page: 'keys' }),
    ]);
  });

  it('the error boundary hands what it caught, with the component stack, to onError', () => {
    const caught: { error: unknown; componentStack: string | undefined }[] = [];
    function Broken(): never {
      throw new Error('render failed');
    }
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <ErrorBoundary fallback={<p>failed</p>} onError={(error, componentStack) => caught.push({ error, componentStack })}>
        <Broken />
      </ErrorBoundary>,
    );
    quiet.mockRestore();
    expect(screen.getByText('failed')).toBeTruthy();
    expect((caught[0]!.error as Error).message).toBe('render failed');
    expect(caught[0]!.componentStack).toContain('Broken');
  });
});
