import { downloadExportedFile } from '../redeem/download';
import { BulkJobsList } from './BulkJobsList';
import { BulkJobView } from './BulkJobView';
import { BulkReport } from './BulkReport';
import { useBulkRoute } from './use-bulk-route';

export interface BulkPageProps {
  /** Saves a file (the sample file, an exported report); tests pass a recorder. */
  save?: typeof downloadExportedFile;
}

/** Bulk redemption jobs: made from a file or the inventory, reviewed, started, followed, reported. */
export function BulkPage({ save = downloadExportedFile }: BulkPageProps) {
  const screen = useBulkRoute();
  if (screen.kind === 'job') return <BulkJobView key={screen.jobId} jobId={screen.jobId} />;
  if (screen.kind === 'report') return <BulkReport key={screen.jobId} jobId={screen.jobId} save={save} />;
  return <BulkJobsList save={save} />;
}
