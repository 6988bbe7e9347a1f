// @vitest-environment jsdom
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../../core/rpc/errors';
import type { CodeBalance } from '../../../core/codes/contract';
import { RedeemPage } from '../../../renderer/src/pages/redeem/RedeemPage';
import { answerMethods, FakeCore } from './fake-core';
import { renderWithCore } from './render-app';

configure({ asyncUtilTimeout: 5000 });

const A = '43XC98-68WTGB-CWMH53-YS4RA9';
const B = '2ZJCZN-2HEYV7-V3YJN8-5MSTGG';
const C = '2ETTZ5-61DA9F-V5KUJZ-3QC9R6';

const codeValues = () => screen.getAllByLabelText<HTMLInputElement>(/^Auth Code \d+$/).map((input) => input.value);

function setup(available: string[], balance: CodeBalance) {
  const core = new FakeCore();
  answerMethods(core, 'codes.', async (method, args) => {
    if (method === 'codes.balance') return balance;
    if (method === 'codes.pick') {
      const { sku, count, exclude } = args as { sku: string; count: number; exclude: string[] };
      const free = available.filter((code) => !exclude.includes(code));
      return { sku, codes: free.slice(0, count), available: available.length };
    }
    throw new ApiError('UNKNOWN_METHOD', method);
  });
  renderWithCore(<RedeemPage />, core);
  return core;
}

const balanceOf = (rows: { sku: string | null; available: number; unchecked?: number }[]): CodeBalance => ({
  rows: rows.map((row) => ({
    sku: row.sku,
    description: row.sku ? `${row.sku} licence` : null,
    available: row.available,
    unchecked: row.unchecked ?? 0,
    queued: 0,
    count: row.available + (row.unchecked ?? 0),
    oldestImportedAt: '2026-11-01T10:00:00.000Z',
  })),
  total: 0,
});

async function openPick() {
  fireEvent.click(screen.getByRole('button', { name: 'Pick from inventory' }));
  return screen.findByRole('dialog', { name: 'Pick from inventory' });
}

async function chooseSku(dialog: HTMLElement, option: RegExp) {
  fireEvent.mouseDown(await within(dialog).findByRole('combobox', { name: 'SKU' }));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

describe('Redeem: Pick from inventory', () => {
  it('offers only SKUs with available codes (with how many), fills empty fields with codes not already in the form', async () => {
    const core = setup(
      [A, B, C],
      balanceOf([
        { sku: 'SKU-100', available: 3 },
        { sku: 'SKU-200', available: 0, unchecked: 4 },
        { sku: null, available: 0, unchecked: 2 },
      ]),
    );
    fireEvent.change(screen.getByLabelText('Auth Code 1'), { target: { value: A } });
    fireEvent.blur(screen.getByLabelText('Auth Code 1'));

    const dialog = await openPick();
    fireEvent.mouseDown(await within(dialog).findByRole('combobox', { name: 'SKU' }));
    const options = (await screen.findAllByRole('option')).map((option) => option.textContent);
    expect(options).toEqual(['SKU-100 – SKU-100 licence (3 available)']);
    fireEvent.click(screen.getByRole('option', { name: /SKU-100/ }));

    fireEvent.change(within(dialog).getByLabelText('How many codes'), { target: { value: '2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fill' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const pick = core.calls.find((call) => call.method === 'codes.pick')!.args;
    expect(pick).toEqual({ sku: 'SKU-100', count: 2, exclude: [A] });
    expect(codeValues().slice(0, 4)).toEqual([A, B, C, '']);
    expect(screen.getByText('Filled 2 code fields with available codes of SKU-100.')).toBeTruthy();
  });

  it('says so when fewer codes were available than asked', async () => {
    setup([A], balanceOf([{ sku: 'SKU-100', available: 5 }]));
    const dialog = await openPick();
    await chooseSku(dialog, /SKU-100/);
    fireEvent.change(within(dialog).getByLabelText('How many codes'), { target: { value: '3' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fill' }));
    expect(
      await screen.findByText(
        'Filled 1 code field with an available code of SKU-100. Only 1 of the 3 codes asked for was available for SKU-100.',
      ),
    ).toBeTruthy();
    expect(codeValues()[0]).toBe(A);
  });

  it('refuses a number outside 1 to the free fields, and is keyboard usable (Enter fills)', async () => {
    const core = setup([A, B], balanceOf([{ sku: 'SKU-100', available: 60 }]));
    const dialog = await openPick();
    await within(dialog).findByRole('combobox', { name: 'SKU' });
    const count = within(dialog).getByLabelText('How many codes');
    fireEvent.change(count, { target: { value: '51' } });
    expect(within(dialog).getByText('Enter a whole number from 1 to 50.')).toBeTruthy();
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Fill' }).disabled).toBe(true);
    fireEvent.change(count, { target: { value: '2' } });
    fireEvent.submit(count.closest('form')!);
    await waitFor(() => expect(codeValues().slice(0, 2)).toEqual([A, B]));
    expect(core.calls.filter((call) => call.method === 'codes.pick')).toHaveLength(1);
  });

  it('with nothing available, says where codes come from', async () => {
    setup([], balanceOf([{ sku: null, available: 0, unchecked: 3 }]));
    const dialog = await openPick();
    expect(await within(dialog).findByText(/The inventory has no available codes/)).toBeTruthy();
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Fill' }).disabled).toBe(true);
  });
});
