// @vitest-environment jsdom
import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ExportedFile } from '../../../core/export/contract';
import { BULK_RULES, MAX_BULK_FILE_BYTES } from '../../../core/domain/bulk-rules';
import { say, translator } from '../../../core/messages/say';
import { BulkPage } from '../../../renderer/src/pages/bulk/BulkPage';
import { BulkProblemsTable } from '../../../renderer/src/pages/bulk/BulkProblemsTable';
import { BulkRulesSection } from '../../../renderer/src/pages/bulk/BulkRulesSection';
import { JobProgress } from '../../../renderer/src/pages/bulk/JobProgress';
import { createI18n } from '../../../renderer/src/i18n/i18n';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { sampleCsv } from '../../../renderer/src/pages/bulk/sample-file';
import { FakeBulk, fakeJob, fakeRow } from './bulk-fake-core';
import { FakeCore, layOutScrollers, sentText } from './fake-core';
import { renderWithCore } from './render-app';

// Two cores are shared with other work: give the page time rather than fail on a slow machine.
configure({ asyncUtilTimeout: 5000 });
layOutScrollers();

function setup(hash = '#/bulk', prepare: (bulk: FakeBulk) => void = () => {}) {
  window.history.replaceState(null, '', hash);
  const core = new FakeCore();
  const bulk = new FakeBulk(core);
  prepare(bulk);
  const saved: ExportedFile[] = [];
  renderWithCore(<BulkPage save={(file) => saved.push(file)} />, core);
  return { core, bulk, saved };
}

const jobsTable = () => screen.getByRole('table', { name: 'Jobs' });
const jobRow = (name: string) => within(jobsTable()).getByRole('row', { name });
const names = (row: HTMLElement) => [
  ...within(row)
    .queryAllByRole('button')
    .map((b) => b.textContent),
  ...within(row)
    .queryAllByRole('link')
    .map((b) => b.textContent),
];

function chooseFile(input: HTMLElement, file: File) {
  Object.defineProperty(input, 'files', { configurable: true, value: [file] });
  fireEvent.change(input);
}

describe('Bulk redemption: the jobs list', () => {
  it('lists each job with its source, counts and state, and offers what its state allows', async () => {
    setup('#/bulk', (bulk) => {
      bulk.jobs = [
        fakeJob(3, 'completed', [fakeRow(2, 'redeemed'), fakeRow(3, 'refused')]),
        fakeJob(2, 'in_progress', [fakeRow(2, 'redeemed'), fakeRow(3, 'waiting'), fakeRow(4, 'waiting')], {
          waitingFor: say('bulk.waiting.offline'),
        }),
        fakeJob(1, 'draft', [fakeRow(2, 'waiting')], { source: 'inventory', fileName: null }),
        fakeJob(4, 'draft', []),
      ];
    });
    await waitFor(() => expect(jobRow('Job 1')).toBeTruthy());

    const draft = jobRow('Job 1');
    expect(within(draft).getByText('From inventory')).toBeTruthy();
    expect(within(draft).getByText('Draft')).toBeTruthy();
    expect(names(draft).sort()).toEqual(['Delete', 'Rename', 'Review', 'Start'].sort());
    expect(within(draft).getByRole('link', { name: 'Review' }).getAttribute('href')).toBe('#/bulk/1');

    const empty = jobRow('Job 4');
    const start = within(empty).getByRole('button', { name: 'Start' }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    expect(start.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(start.getAttribute('aria-describedby')!)?.textContent).toBe(
      'This job has no codes to redeem, so it cannot start.',
    );

    const running = jobRow('Job 2');
    expect(within(running).getByText('order-2.csv')).toBeTruthy();
    expect(within(running).getByText('In progress')).toBeTruthy();
    expect(within(running).getByText('1 redeemed, 0 refused, 2 waiting')).toBeTruthy();
    expect(within(running).getByText('Waiting for the connection to the portal.')).toBeTruthy();
    expect(within(running).getByRole('progressbar', { name: 'Progress of Job 2' }).getAttribute('aria-valuenow')).toBe('33');
    expect(names(running).sort()).toEqual(['Report', 'View']);
    expect(within(running).getByRole('link', { name: 'View' }).getAttribute('href')).toBe('#/bulk/2');

    const done = jobRow('Job 3');
    expect(within(done).getByText('Completed')).toBeTruthy();
    expect(names(done)).toEqual(['Report']);
    expect(within(done).getByRole('link', { name: 'Report' }).getAttribute('href')).toBe('#/bulk/3/report');
  });

  it('follows bulk.changed: progress moves at once and a job that finished shows Completed', async () => {
    const { core, bulk } = setup('#/bulk', (fake) => {
      fake.jobs = [fakeJob(2, 'in_progress', [fakeRow(2, 'waiting'), fakeRow(3, 'waiting')])];
    });
    await waitFor(() => expect(within(jobRow('Job 2')).getByText('0 redeemed, 0 refused, 2 waiting')).toBeTruthy());
    const progress = { total: 2, redeemed: 1, refused: 0, waiting: 1, operations: 2, operationsAnswered: 1 };
    act(() => core.emit('bulk.changed', { jobId: 2, state: 'in_progress', progress }));
    await waitFor(() => expect(within(jobRow('Job 2')).getByText('1 redeemed, 0 refused, 1 waiting')).toBeTruthy());

    bulk.jobs = [fakeJob(2, 'completed', [fakeRow(2, 'redeemed'), fakeRow(3, 'refused')])];
    act(() =>
      core.emit('bulk.changed', { jobId: 2, state: 'completed', progress: { ...progress, refused: 1, waiting: 0, operationsAnswered: 2 } }),
    );
    await waitFor(() => expect(within(jobRow('Job 2')).getByText('Completed')).toBeTruthy());
    expect(names(jobRow('Job 2'))).toEqual(['Report']);
  });

  it('always lists every file rule, in order', async () => {
    setup();
    const list = await screen.findByRole('list', { name: 'File rules' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(BULK_RULES.map((rule) => translator('en')(rule.code)));
  });

  it('a refused file shows each problem: row, column, the rule as listed, the cell verbatim and the message; nothing is added', async () => {
    const { core, bulk } = setup();
    await screen.findByText('No jobs yet. Make one from a file or from the inventory.');
    bulk.refuse = [
      { rule: 'mac_format', row: 3, column: 'MAC', text: '00:0A:DD:02:3F', message: say('bulk.problem.macLastSix') },
      {
        rule: 'code_unique',
        row: 7,
        column: 'Auth Code',
        text: '43xc98 68wtgb cwmh53 ys4ra9',
        message: say('bulk.problem.codeRepeated', { row: 4 }),
      },
    ];
    chooseFile(screen.getByTestId('bulk-file-input'), new File(['MAC,Auth Code\n'], 'order.csv', { type: 'text/csv' }));
    const problems = await screen.findByRole('table', { name: 'Problems' });
    expect(screen.getByText('order.csv was refused: nothing was saved')).toBeTruthy();
    const rows = within(problems)
      .getAllByRole('row')
      .map((row) =>
        within(row)
          .queryAllByRole('cell')
          .map((cell) => cell.textContent),
      );
    expect(rows.slice(1)).toEqual([
      [
        '3',
        'MAC',
        translator('en')('bulkRule.mac_format'),
        '00:0A:DD:02:3F',
        'A MAC address in a bulk file has all 12 hex digits; this has the last 6 only.',
      ],
      [
        '7',
        'Auth Code',
        translator('en')('bulkRule.code_unique'),
        '43xc98 68wtgb cwmh53 ys4ra9',
        'The same code is on row 4: each code may appear once.',
      ],
    ]);
    const sent = core.callsTo('bulk.createFromFile').at(-1) as { fileName: string; bytes: Uint8Array };
    expect(sent.fileName).toBe('order.csv');
    expect(new TextDecoder().decode(sent.bytes)).toBe('MAC,Auth Code\n');
    expect(bulk.jobs).toHaveLength(0);
  });

  it('a file over 5 MB is refused by the size rule before it is read or sent', async () => {
    const { core } = setup();
    await screen.findByText('No jobs yet. Make one from a file or from the inventory.');
    const big = new File(['x'], 'huge.xlsx');
    Object.defineProperty(big, 'size', { value: MAX_BULK_FILE_BYTES + 1 });
    chooseFile(screen.getByTestId('bulk-file-input'), big);
    const problems = await screen.findByRole('table', { name: 'Problems' });
    const cells = within(within(problems).getAllByRole('row')[1]!).getAllByRole('cell');
    expect(cells[0]!.textContent).toBe('Whole file');
    expect(cells[2]!.textContent).toBe('The file is at most 5 MB.');
    expect(core.callsTo('bulk.createFromFile')).toHaveLength(0);
  });

  it('an accepted file opens its draft for review', async () => {
    setup();
    await screen.findByText('No jobs yet. Make one from a file or from the inventory.');
    chooseFile(screen.getByTestId('bulk-file-input'), new File(['MAC,Auth Code\n'], 'order.csv'));
    await waitFor(() => expect(window.location.hash).toBe('#/bulk/100'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Job 100' })).toBeTruthy();
  });

  it('a file dropped anywhere on the page is sent like a chosen one', async () => {
    const { core } = setup();
    await screen.findByText('No jobs yet. Make one from a file or from the inventory.');
    const file = new File(['MAC,Auth Code\n'], 'dropped.csv');
    const dataTransfer = { types: ['Files'], files: [file], dropEffect: 'none' };
    fireEvent.dragEnter(document, { dataTransfer });
    expect(screen.getByText('Drop the file to make a new job')).toBeTruthy();
    fireEvent.drop(document, { dataTransfer });
    await waitFor(() => expect(window.location.hash).toBe('#/bulk/100'));
    expect((core.callsTo('bulk.createFromFile')[0] as { fileName: string }).fileName).toBe('dropped.csv');
  });

  it('Download sample file saves a CSV with the rule columns and two example rows', async () => {
    const { saved } = setup();
    await screen.findByText('No jobs yet. Make one from a file or from the inventory.');
    fireEvent.click(screen.getByRole('button', { name: 'Download sample file' }));
    expect(saved).toHaveLength(1);
    expect(saved[0]!.fileName).toMatch(/\.csv$/);
    const lines = atob(saved[0]!.base64).trim().split(/\r?\n/);
    expect(lines[0]).toBe('MAC,Auth Code,System Name');
    expect(lines).toHaveLength(3);
    expect(atob(saved[0]!.base64)).toBe(sampleCsv());
  });

  it('Rename and Delete (after confirming) a draft', async () => {
    const { core, bulk } = setup('#/bulk', (fake) => {
      fake.jobs = [fakeJob(1, 'draft', [fakeRow(2, 'waiting')])];
    });
    await waitFor(() => expect(jobRow('Job 1')).toBeTruthy());
    fireEvent.click(within(jobRow('Job 1')).getByRole('button', { name: 'Rename' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rename job' });
    fireEvent.change(within(dialog).getByLabelText('Job name'), { target: { value: '  Acme order  ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(jobRow('Acme order')).toBeTruthy());
    expect(core.callsTo('bulk.rename')).toEqual([{ jobId: 1, name: 'Acme order' }]);

    fireEvent.click(within(jobRow('Acme order')).getByRole('button', { name: 'Delete' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete the draft Acme order?' });
    expect(core.callsTo('bulk.delete')).toHaveLength(0);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await screen.findByText('No jobs yet. Make one from a file or from the inventory.');
    expect(core.callsTo('bulk.delete')).toEqual([{ jobId: 1 }]);
    expect(bulk.jobs).toHaveLength(0);
  });

  it('a job from the inventory: MACs with SKUs from the balance and quantities; a shortfall is shown as a problem', async () => {
    const { core, bulk } = setup('#/bulk', (fake) => {
      fake.balance = [
        {
          sku: '8210010',
          description: '8210010 - 6x Internet Call Access Key',
          available: 12,
          unchecked: 0,
          queued: 0,
          count: 12,
          oldestImportedAt: '2026-11-01T00:00:00.000Z',
        },
      ];
    });
    fireEvent.click(screen.getByRole('button', { name: 'New job from the inventory' }));
    const dialog = await screen.findByRole('dialog', { name: 'New job from the inventory' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Make draft job' }));
    expect(await within(dialog).findByText('Enter the MAC.')).toBeTruthy();
    expect(within(dialog).getByText('Choose a SKU.')).toBeTruthy();
    expect(core.callsTo('bulk.createFromInventory')).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText(/^MAC/), { target: { value: '00:0a:dd:02:3f:8f' } });
    fireEvent.change(within(dialog).getByLabelText('System Name (optional)'), { target: { value: 'Front office' } });
    await waitFor(() => expect(core.callsTo('codes.balance')).toHaveLength(1));
    fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: 'SKU' }));
    fireEvent.click(await screen.findByRole('option', { name: '8210010 - 6x Internet Call Access Key (12 available)' }));
    fireEvent.change(within(dialog).getByLabelText('Quantity'), { target: { value: '0' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Make draft job' }));
    expect(await within(dialog).findByText('A whole number from 1 to 15,000.')).toBeTruthy();
    expect(core.callsTo('bulk.createFromInventory')).toHaveLength(0);
    fireEvent.change(within(dialog).getByLabelText('Quantity'), { target: { value: '20' } });
    await waitFor(() => expect(within(dialog).queryByText('A whole number from 1 to 15,000.')).toBeNull());
    bulk.refuse = [
      {
        rule: 'code_required',
        row: 1,
        column: 'SKU',
        text: '8210010',
        message: say('bulk.problem.notEnough', { quantity: 20, sku: '8210010', mac: '00:0A:DD:02:3F:8F', available: 12 }),
      },
    ];
    fireEvent.click(within(dialog).getByRole('button', { name: 'Make draft job' }));
    expect(
      await within(dialog).findByText(
        '20 codes of SKU 8210010 are asked for 00:0A:DD:02:3F:8F, but the inventory has only 12 available (not queued, redeemed or in another job).',
      ),
    ).toBeTruthy();
    expect(core.callsTo('bulk.createFromInventory')).toEqual([
      { items: [{ mac: '00:0a:dd:02:3f:8f', systemName: 'Front office', skus: [{ sku: '8210010', quantity: 20 }] }] },
    ]);

    fireEvent.change(within(dialog).getByLabelText('Quantity'), { target: { value: '5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Make draft job' }));
    await waitFor(() => expect(window.location.hash).toBe('#/bulk/100'));
  });
});

describe('Bulk redemption: draft review', () => {
  it('shows the rows; Replace file swaps them; Start refused for a code redeemed since shows the problem and stays a draft', async () => {
    const { core, bulk } = setup('#/bulk/1', (fake) => {
      fake.jobs = [fakeJob(1, 'draft', [fakeRow(2, 'waiting'), fakeRow(3, 'waiting')])];
    });
    const rows = await screen.findByRole('table', { name: 'Rows' });
    expect(
      within(rows)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Row', 'MAC', 'System Name', 'Auth Code', 'SKU']);
    await waitFor(() => expect(within(rows).getAllByRole('row')).toHaveLength(3));
    expect(within(rows).getByText('00:0A:DD:02:3F:8F')).toBeTruthy();
    expect(within(rows).getByText('AAAA02-BBBBBB-CCCCCC-DDDDDD')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'File rules' })).toBeTruthy();

    chooseFile(screen.getByTestId('bulk-replace-input'), new File(['MAC,Auth Code\n'], 'order-v2.csv'));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Rows' })).getAllByRole('row')).toHaveLength(4));
    expect(core.callsTo('bulk.replaceFile').map(sentText)).toEqual([
      { jobId: 1, fileName: 'order-v2.csv', text: 'MAC,Auth Code\n', importId: expect.any(String) },
    ]);

    bulk.refuse = [
      {
        rule: 'code_unused',
        row: 3,
        column: 'Auth Code',
        text: 'AAAA03-BBBBBB-CCCCCC-DDDDDD',
        message: say('bulk.used.inventoryRedeemed', { mac: '02:3F:90' }),
      },
    ];
    fireEvent.click(screen.getByRole('button', { name: 'Start job' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Redeem now' }));
    expect(await screen.findByText('The code inventory says this code is already redeemed (on 02:3F:90).')).toBeTruthy();
    expect(screen.getByText('The job was not started')).toBeTruthy();
    expect(window.location.hash).toBe('#/bulk/1');
    expect(bulk.jobs[0]!.state).toBe('draft');
  });

  it('Start job starts it and opens its report; Back to jobs returns to the list', async () => {
    const { core } = setup('#/bulk/1', (fake) => {
      fake.jobs = [fakeJob(1, 'draft', [fakeRow(2, 'waiting')])];
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Start job' }));
    // Nothing starts before the confirmation, which names the codes and systems; Cancel has the focus.
    const confirm = screen.getByRole('dialog', { name: 'Start Job 1?' });
    expect(confirm.textContent).toContain('This redeems 1 code on 1 system now. It cannot be undone.');
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(core.callsTo('bulk.start')).toEqual([]);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Redeem now' }));
    await waitFor(() => expect(window.location.hash).toBe('#/bulk/1/report'));
    expect(core.callsTo('bulk.start')).toEqual([{ jobId: 1 }]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Report: Job 1' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to jobs' }).getAttribute('href')).toBe('#/bulk');
  });

  it('a started job is read only: no Replace file, Rename or Start', async () => {
    setup('#/bulk/2', (fake) => {
      fake.jobs = [fakeJob(2, 'in_progress', [fakeRow(2, 'redeemed'), fakeRow(3, 'waiting')])];
    });
    await screen.findByRole('table', { name: 'Rows' });
    expect(screen.queryByRole('button', { name: 'Replace file' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Start job' })).toBeNull();
    expect(screen.getByText('This job has started: its rows can no longer change.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Report' }).getAttribute('href')).toBe('#/bulk/2/report');
  });
});

describe('Bulk redemption: report', () => {
  const reportJob = () =>
    fakeJob(3, 'completed', [
      fakeRow(2, 'redeemed'),
      fakeRow(3, 'refused'),
      fakeRow(4, 'redeemed'),
      fakeRow(5, 'refused'),
      fakeRow(6, 'redeemed'),
    ]);
  const shownRows = () =>
    within(screen.getByRole('table', { name: 'Codes' }))
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      );

  it('every code with its outcome: Redeemed with its key, Refused with the reason; filtered by outcome', async () => {
    setup('#/bulk/3/report', (bulk) => {
      bulk.jobs = [reportJob()];
    });
    await waitFor(() => expect(shownRows()).toHaveLength(5));
    expect(shownRows()[0]).toEqual([
      '2',
      '00:0A:DD:02:3F:8F',
      'Front office',
      'AAAA02-BBBBBB-CCCCCC-DDDDDD',
      'Redeemed',
      '$Key-0002-Foeb-l8H8-ic0d-aYbK',
      '',
    ]);
    expect(shownRows()[1]).toEqual([
      '3',
      '00:0A:DD:02:3F:90',
      'Warehouse',
      'AAAA03-BBBBBB-CCCCCC-DDDDDD',
      'Refused',
      '',
      'The portal said: This code was already redeemed.',
    ]);
    expect(shownRows()[3]!.at(-1)).toBe('The portal says this code was already redeemed.');

    fireEvent.click(screen.getByRole('button', { name: 'Refused (2)' }));
    await waitFor(() => expect(shownRows().map((row) => row[0])).toEqual(['3', '5']));
    expect(window.location.hash).toBe('#/bulk/3/report?outcome=refused');
    fireEvent.click(screen.getByRole('button', { name: 'Redeemed (3)' }));
    await waitFor(() => expect(shownRows().map((row) => row[0])).toEqual(['2', '4', '6']));
    fireEvent.click(screen.getByRole('button', { name: 'Waiting (0)' }));
    await waitFor(() => expect(screen.getByText('No codes with this outcome.')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'All (5)' }));
    await waitFor(() => expect(shownRows()).toHaveLength(5));
  });

  it('Export report to Excel saves the workbook the core made', async () => {
    const { core, saved } = setup('#/bulk/3/report', (bulk) => {
      bulk.jobs = [reportJob()];
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Export report to Excel' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.fileName).toBe('bulk-report-1.xlsx');
    expect(core.callsTo('bulk.export')).toEqual([{ jobId: 3 }]);
  });

  it('an unknown job says it could not be loaded', async () => {
    setup('#/bulk/999/report');
    expect(await screen.findByText(/There is no such job/)).toBeTruthy();
  });
});

describe('Bulk redemption in French', () => {
  const inFrench = (ui: ReactNode) => render(<I18nextProvider i18n={createI18n('fr')}>{ui}</I18nextProvider>);

  it('the rules, a refused file’s problems and what a job waits on are said from their codes', () => {
    inFrench(<BulkRulesSection />);
    // Testing Library reads the page's no-break spaces as plain ones.
    expect(screen.getByText('MAC : obligatoire sur chaque ligne.')).toBeTruthy();
    inFrench(
      <BulkProblemsTable
        title="x"
        problems={[{ rule: 'code_unique', row: 7, column: 'Auth Code', text: 'x', message: say('bulk.problem.codeRepeated', { row: 4 }) }]}
      />,
    );
    expect(screen.getByText("Le même code figure à la ligne 4 : chaque code ne peut figurer qu'une fois.")).toBeTruthy();
    expect(within(screen.getByRole('alert')).getByText('Auth Code : chaque code figure une seule fois dans le fichier.')).toBeTruthy();
    inFrench(
      <JobProgress job={{ name: 'Job', progress: fakeJob(1, 'in_progress', []).progress, waitingFor: say('bulk.waiting.signIn') }} />,
    );
    expect(screen.getByText('En attente de votre connexion.')).toBeTruthy();
  });
});
