// Its one job: Download sample file — a bulk file with the header row the rules ask for and two
// example rows, made here so it works offline and always matches BULK_COLUMNS.
import type { ExportedFile } from '../../../../core/export/contract';
import { BULK_COLUMNS } from '../../../../core/domain/bulk-rules';

export const SAMPLE_FILE_NAME = 'bulk-redemption-sample.csv';

export function sampleCsv(): string {
  const header = [BULK_COLUMNS.mac, BULK_COLUMNS.authCode, BULK_COLUMNS.systemName].join(',');
  return [
    header,
    '00:0A:DD:02:3F:8F,43XC98-68WTGB-CWMH53-YS4RA9,Front office',
    '00:0A:DD:02:3F:90,7KQ2MD-P4LX9T-B8WN3R-J6HV5C,Warehouse',
    '',
  ].join('\r\n');
}

/** The sample file, named in the user's language (`bulk.sampleFileName`); its header row stays the rules' column names. */
export function sampleFile(fileName = SAMPLE_FILE_NAME): ExportedFile {
  return { fileName, mimeType: 'text/csv; charset=utf-8', base64: btoa(sampleCsv()) };
}
