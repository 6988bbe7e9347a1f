import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { Dialog } from '../../components/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../core/keys/contract';
import { Fact, FactList } from '../../components/FactList';
import { formatLocalDay } from '../../components/data-table/list-rules';
import { monospaceFontStack } from '../../theme/theme';
import { displayMac } from '../../i18n/format';
import { FitColumns, fitTableSx, WRAP } from '../../components/data-table/fit-table';
import { useSay } from '../../i18n/messages';

/** A report lists at most this many conflicts and rejected rows each; the counts stay whole. */
export const REPORT_ROWS_SHOWN = 200;

const code = { fontFamily: monospaceFontStack, fontSize: '0.75rem' } as const;

/**
 * The tables' columns (fit-table's rules, in the dialog's width at any window size): the row number
 * and the code at their widths (a code whole: 27 characters of the monospace face), the rest shared.
 */
const ROW_WIDTH = 72;
const CODE_WIDTH = 224;

/** The local days that hold every key of the file now in the cache, whatever their dates. */
export function importedDays(report: Pick<ImportReport, 'redeemed'>): { from: string; to: string } | null {
  if (!report.redeemed) return null;
  return { from: formatLocalDay(new Date(report.redeemed.from)), to: formatLocalDay(new Date(report.redeemed.to)) };
}

/**
 * What an import of the portal's export did: counts, then each conflict and rejected row; Show
 * these keys lists the file's keys (the dates set to theirs, which may be years ago).
 */
export function ImportReportDialog({
  report,
  onClose,
  onShowKeys,
}: {
  report: ImportReport;
  onClose: () => void;
  onShowKeys: (days: { from: string; to: string }) => void;
}) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const titleId = useId();
  const say = useSay();
  const conflictsId = useId();
  const rejectedId = useId();
  const { conflicts, rejected } = report;
  const clean = conflicts.length === 0 && rejected.length === 0;
  const days = importedDays(report);

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="md">
      <DialogTitle id={titleId}>{t('keys.import.reportTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2.5}>
          <Alert severity={clean ? 'success' : 'warning'} role="status">
            {t('keys.import.summary', { count: report.imported, file: report.fileName })}
          </Alert>
          <FactList>
            <Fact label={t('keys.import.sheet')}>
              {t('keys.import.sheetAndHeader', { sheet: report.sheetName, row: report.headerRow })}
            </Fact>
            <Fact label={t('keys.import.imported')}>{number.format(report.imported)}</Fact>
            <Fact label={t('keys.import.alreadyPresent')}>{number.format(report.alreadyPresent)}</Fact>
            <Fact label={t('keys.import.conflicts')}>{number.format(conflicts.length)}</Fact>
            <Fact label={t('keys.import.rejected')}>{number.format(rejected.length)}</Fact>
            <Fact label={t('keys.import.systemsAdded')}>{number.format(report.systemsAdded)}</Fact>
          </FactList>

          {conflicts.length > 0 && (
            <section aria-labelledby={conflictsId}>
              <Typography id={conflictsId} variant="h3" sx={{ fontSize: '1rem', fontWeight: 600, mb: 0.5 }}>
                {t('keys.import.conflictsTitle')}
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                {t('keys.import.conflictsHelp')}
              </Typography>
              <TableContainer>
                <Table size="small" aria-labelledby={conflictsId} sx={fitTableSx}>
                  {/* Row, the code, what the cache keeps and what the file says (a key over its MAC, each whole on its line). */}
                  <FitColumns widths={[ROW_WIDTH, CODE_WIDTH, undefined, undefined]} />
                  <TableHead>
                    <TableRow>
                      <TableCell>{t('keys.import.row')}</TableCell>
                      <TableCell>{t('keys.import.authCode')}</TableCell>
                      <TableCell>{t('keys.import.kept')}</TableCell>
                      <TableCell>{t('keys.import.inFile')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {conflicts.slice(0, REPORT_ROWS_SHOWN).map((conflict) => (
                      <TableRow key={`${conflict.row}-${conflict.authCode}`}>
                        <TableCell>{number.format(conflict.row)}</TableCell>
                        <TableCell sx={code} title={conflict.authCode}>
                          {conflict.authCode}
                        </TableCell>
                        <KeyAndMacCell featureKey={conflict.cached.featureKey} mac={conflict.cached.mac} />
                        <KeyAndMacCell featureKey={conflict.file.featureKey} mac={conflict.file.mac} />
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
              {conflicts.length > REPORT_ROWS_SHOWN && <MoreRows hidden={conflicts.length - REPORT_ROWS_SHOWN} />}
            </section>
          )}

          {rejected.length > 0 && (
            <section aria-labelledby={rejectedId}>
              <Typography id={rejectedId} variant="h3" sx={{ fontSize: '1rem', fontWeight: 600, mb: 1 }}>
                {t('keys.import.rejectedTitle')}
              </Typography>
              <TableContainer>
                <Table size="small" aria-labelledby={rejectedId} sx={fitTableSx}>
                  {/* Row, the code as the file has it (whole, or an ellipsis and the whole on hover), the reason (a sentence, wrapped). */}
                  <FitColumns widths={[ROW_WIDTH, CODE_WIDTH, undefined]} />
                  <TableHead>
                    <TableRow>
                      <TableCell>{t('keys.import.row')}</TableCell>
                      <TableCell>{t('keys.import.authCode')}</TableCell>
                      <TableCell>{t('keys.import.reason')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {rejected.slice(0, REPORT_ROWS_SHOWN).map((problem) => (
                      <TableRow key={problem.row}>
                        <TableCell>{number.format(problem.row)}</TableCell>
                        <TableCell sx={code} title={problem.authCode ?? undefined}>
                          {problem.authCode ?? ''}
                        </TableCell>
                        <TableCell className={WRAP}>
                          {problem.column
                            ? t('keys.import.problemIn', { column: problem.column, problem: say(problem.reason) })
                            : say(problem.reason)}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
              {rejected.length > REPORT_ROWS_SHOWN && <MoreRows hidden={rejected.length - REPORT_ROWS_SHOWN} />}
            </section>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        {days && (
          <Button variant="outlined" onClick={() => onShowKeys(days)}>
            {t('keys.import.showKeys')}
          </Button>
        )}
        <Button variant="contained" onClick={onClose}>
          {t('keys.import.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** A feature key over its MAC, each on one line, whole or ending in an ellipsis with the whole on hover. */
function KeyAndMacCell({ featureKey, mac }: { featureKey: string; mac: string }) {
  const shown = displayMac(mac);
  return (
    <TableCell sx={code}>
      <div className="fk-clip" title={featureKey}>
        {featureKey}
      </div>
      <div className="fk-clip" title={shown}>
        {shown}
      </div>
    </TableCell>
  );
}

function MoreRows({ hidden }: { hidden: number }) {
  const { t, i18n } = useTranslation();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
      {t('keys.import.moreRows', { hidden: new Intl.NumberFormat(i18n.language).format(hidden) })}
    </Typography>
  );
}
