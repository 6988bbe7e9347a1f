import { ApiError } from '../../../core/rpc/errors';
import { say } from '../../../core/messages/say';
import type { BulkJob, BulkJobRow, BulkJobSummary, BulkRuleProblem } from '../../../core/bulk/contract';
import type { BalanceRow } from '../../../core/codes/contract';
import type { ExportedFile } from '../../../core/export/contract';
import { answerMethods, type FakeCore } from './fake-core';

/**
 * The bulk.* methods (and codes.balance) for a FakeCore, from an in-memory list of jobs, through the
 * real ApiServer (so arguments the contract refuses fail as in the core). A test sets `refuse` to
 * make the next file, inventory or start call fail with VALIDATION and these problems.
 */
export class FakeBulk {
  jobs: BulkJob[] = [];
  balance: BalanceRow[] = [];
  refuse: BulkRuleProblem[] | null = null;
  exportFile: ExportedFile = {
    fileName: 'bulk-report-1.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: btoa('workbook'),
  };
  private nextId = 100;

  constructor(readonly core: FakeCore) {
    answerMethods(core, 'bulk.', (method, args) => this.answer(method, args));
    answerMethods(core, 'codes.', async (method) => {
      if (method === 'codes.balance') return { rows: this.balance, total: this.balance.reduce((sum, row) => sum + row.count, 0) };
      throw new ApiError('INTERNAL', `The stand-in core does not answer ${method}`);
    });
  }

  private find(jobId: number): BulkJob {
    const job = this.jobs.find((candidate) => candidate.id === jobId);
    if (!job) throw new ApiError('NOT_FOUND', 'There is no such job.');
    return job;
  }

  private refusing(): void {
    if (!this.refuse) return;
    const problems = this.refuse;
    this.refuse = null;
    throw new ApiError('VALIDATION', 'The file breaks the bulk file rules.', { problems });
  }

  private async answer(method: string, args: unknown): Promise<unknown> {
    const a = args as Record<string, unknown>;
    switch (method) {
      case 'bulk.list':
        return { jobs: this.jobs.map(({ rows: _rows, ...summary }) => summary) };
      case 'bulk.get':
        return this.find(a.jobId as number);
      case 'bulk.createFromFile': {
        this.refusing();
        const job = fakeJob(this.nextId++, 'draft', [fakeRow(2, 'redeemed'), fakeRow(3, 'waiting')], { fileName: a.fileName as string });
        job.rows = job.rows.map((row) => ({ ...row, outcome: 'waiting', featureKey: null }));
        this.jobs.unshift(job);
        return job;
      }
      case 'bulk.createFromInventory': {
        this.refusing();
        const job = fakeJob(this.nextId++, 'draft', [{ ...fakeRow(1, 'waiting'), sku: '8210010' }], {
          source: 'inventory',
          fileName: null,
        });
        this.jobs.unshift(job);
        return job;
      }
      case 'bulk.replaceFile': {
        this.refusing();
        const job = this.find(a.jobId as number);
        Object.assign(job, { fileName: a.fileName as string, rows: [fakeRow(2, 'waiting'), fakeRow(3, 'waiting'), fakeRow(4, 'waiting')] });
        job.progress = { ...job.progress, total: 3, waiting: 3 };
        return job;
      }
      case 'bulk.rename': {
        const job = this.find(a.jobId as number);
        job.name = a.name as string;
        return job;
      }
      case 'bulk.delete':
        this.find(a.jobId as number);
        this.jobs = this.jobs.filter((job) => job.id !== a.jobId);
        return { deleted: true };
      case 'bulk.start': {
        this.refusing();
        const job = this.find(a.jobId as number);
        job.state = 'in_progress';
        job.startedAt = '2026-11-30T15:10:00.000Z';
        return job;
      }
      case 'bulk.export':
        this.find(a.jobId as number);
        return this.exportFile;
      default:
        throw new ApiError('INTERNAL', `The stand-in core does not answer ${method}`);
    }
  }
}

export function fakeRow(row: number, outcome: BulkJobRow['outcome']): BulkJobRow {
  const n = String(row).padStart(2, '0');
  return {
    row,
    mac: row % 2 === 0 ? '000ADD023F8F' : '000ADD023F90',
    systemName: row % 2 === 0 ? 'Front office' : 'Warehouse',
    authCode: `AAAA${n}-BBBBBB-CCCCCC-DDDDDD`,
    sku: null,
    outcome,
    featureKey: outcome === 'redeemed' ? `$Key-00${n}-Foeb-l8H8-ic0d-aYbK` : null,
    skuDescription: outcome === 'redeemed' ? '8210010 - 6x Internet Call Access Key' : null,
    // The portal's own words on some refused rows (3, 7…); FieldKey's message on the others (5, 9…: it gave none).
    reason: outcome === 'refused' && row % 4 === 3 ? 'This code was already redeemed.' : null,
    refusal: outcome === 'refused' && row % 4 !== 3 ? say('bulk.outcome.alreadyRedeemed') : null,
    redeemedAt: outcome === 'redeemed' ? '2026-11-30T15:11:00.000Z' : null,
    operationId: null,
  };
}

export function fakeJob(id: number, state: BulkJob['state'], rows: BulkJobRow[], extra: Partial<BulkJobSummary> = {}): BulkJob {
  const count = (outcome: BulkJobRow['outcome']) => rows.filter((row) => row.outcome === outcome).length;
  return {
    id,
    name: `Job ${id}`,
    state,
    source: 'file',
    fileName: `order-${id}.csv`,
    macs: new Set(rows.map((row) => row.mac)).size,
    progress: {
      total: rows.length,
      redeemed: count('redeemed'),
      refused: count('refused'),
      waiting: count('waiting'),
      operations: state === 'draft' ? 0 : 2,
      operationsAnswered: state === 'completed' ? 2 : 0,
    },
    createdAt: '2026-11-30T15:00:00.000Z',
    startedAt: state === 'draft' ? null : '2026-11-30T15:05:00.000Z',
    completedAt: state === 'completed' ? '2026-11-30T15:06:00.000Z' : null,
    waitingFor: null,
    rows,
    ...extra,
  };
}
