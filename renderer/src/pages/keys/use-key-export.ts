// Its one job: Export List to Excel as a job (progress and Cancel; components/export-job).
import type { KeyFilter } from '../../../../core/keys/contract';
import { type ExportJobMethods, useExportJob } from '../../components/export-job/use-export-job';
import { downloadExportedFile } from '../redeem/download';

const keyExport: ExportJobMethods<KeyFilter> = {
  progressEvent: 'keys.exportProgress',
  run: (api, filter, jobId) => api.invoke('keys.export', { filter, jobId }),
  cancel: (api, jobId) => api.invoke('keys.cancelExport', { jobId }),
};

export function useKeyExport(save: typeof downloadExportedFile = downloadExportedFile) {
  return useExportJob(keyExport, save);
}
