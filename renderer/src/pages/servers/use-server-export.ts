// Its one job: Export Server List to Excel as a job — the core writes exactly the rows the filter
// shows, in its order, with progress and Cancel (components/export-job); the file is saved as a download.
import type { ServerFilter } from '../../../../core/servers/contract';
import { type ExportJobMethods, useExportJob } from '../../components/export-job/use-export-job';
import { downloadExportedFile } from '../redeem/download';

const serverExport: ExportJobMethods<ServerFilter> = {
  progressEvent: 'servers.exportProgress',
  run: (api, filter, jobId) => api.invoke('servers.export', { filter, jobId }),
  cancel: (api, jobId) => api.invoke('servers.cancelExport', { jobId }),
};

export function useServerExport(save: typeof downloadExportedFile = downloadExportedFile) {
  return useExportJob(serverExport, save);
}
