import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useTranslation } from 'react-i18next';
import { pageHref } from '../../routing/hash-route';
import { monospaceFontStack } from '../../theme/theme';
import { countReport, type ReportRow } from './add-systems-rules';
import type { AddSystemsReport as Report } from './use-add-systems';
import { portalState, type OperationState, type PortalState } from './use-outbox-status';
import { displayMac } from '../../i18n/format';
import { FitColumns, fitTableSx, WRAP } from '../../components/data-table/fit-table';
import { useSay } from '../../i18n/messages';

const STATUS_COLOR = { added: 'success', renamed: 'success', known: 'default', invalid: 'error' } as const;
const PORTAL_COLOR = { queued: 'warning', sent: 'success', refused: 'error', none: 'default' } as const;

/** What became of every row of an Add Systems request, and of each with the portal. */
export function AddSystemsReport({
  report,
  states,
  onClose,
}: {
  report: Report;
  /** The outbox operations' states, followed since before the request was sent. */
  states: ReadonlyMap<number, OperationState>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const say = useSay();
  const counts = countReport(report.rows);
  const portal = report.rows.map((row) => portalState(row, report.queued, states));
  const waiting = portal.some((state) => state === 'queued');
  const hasLines = report.rows.some((row) => row.line !== null);

  const statusLabel = (row: ReportRow) =>
    ({
      added: t('systems.report.status.added'),
      renamed: t('systems.report.status.renamed'),
      known: t('systems.report.status.known'),
      invalid: t('systems.report.status.invalid'),
    })[row.status];
  const portalLabel = (state: PortalState) =>
    ({
      queued: t('systems.report.portal.queued'),
      sent: t('systems.report.portal.sent'),
      refused: t('systems.report.portal.refused'),
      none: '',
    })[state];

  return (
    <Stack spacing={2}>
      <Alert severity={counts.invalid > 0 ? 'warning' : 'success'} role="status" onClose={onClose}>
        <AlertTitle>{t('systems.report.title')}</AlertTitle>
        {t('systems.report.summary', { ...counts })}
      </Alert>
      {waiting && (
        <Alert
          severity="info"
          role="status"
          action={
            <Button color="inherit" size="small" href={pageHref('sync')} sx={{ whiteSpace: 'nowrap' }}>
              {t('systems.report.openSync')}
            </Button>
          }
        >
          <AlertTitle>{t('systems.report.queuedTitle')}</AlertTitle>
          {report.queuedReason ? say(report.queuedReason) : t('systems.report.queuedNote')}
        </Alert>
      )}
      <TableContainer>
        <Table size="small" aria-label={t('systems.report.tableLabel')} sx={fitTableSx}>
          {/* (Line,) MAC whole, Result and Portal chips, Details (a sentence, wrapped) takes the rest. */}
          <FitColumns widths={[...(hasLines ? [64] : []), 176, 132, 120, undefined]} />
          <TableHead>
            <TableRow>
              {hasLines && <TableCell>{t('systems.add.columns.line')}</TableCell>}
              <TableCell>{t('systems.report.columns.mac')}</TableCell>
              <TableCell>{t('systems.report.columns.result')}</TableCell>
              <TableCell>{t('systems.report.columns.portal')}</TableCell>
              <TableCell>{t('systems.report.columns.details')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {report.rows.map((row, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the report is fixed once shown; the same input may appear twice
              <TableRow key={index}>
                {row.line !== null && <TableCell>{row.line}</TableCell>}
                <TableCell sx={{ fontFamily: monospaceFontStack }} title={row.mac ? displayMac(row.mac) : row.input}>
                  {row.mac && row.status !== 'invalid' ? (
                    <Link href={pageHref('systems', [row.mac])}>{displayMac(row.mac)}</Link>
                  ) : row.mac ? (
                    displayMac(row.mac)
                  ) : (
                    row.input
                  )}
                </TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    color={STATUS_COLOR[row.status]}
                    variant="outlined"
                    label={statusLabel(row)}
                    sx={{ maxWidth: '100%' }}
                  />
                </TableCell>
                <TableCell>
                  {portal[index] !== 'none' && (
                    <Chip
                      size="small"
                      color={PORTAL_COLOR[portal[index]!]}
                      variant="outlined"
                      label={portalLabel(portal[index]!)}
                      sx={{ maxWidth: '100%' }}
                    />
                  )}
                </TableCell>
                <TableCell className={WRAP} sx={{ color: row.status === 'invalid' ? 'error.main' : undefined }}>
                  {row.message ? say(row.message) : ''}
                  {portal[index] === 'refused' && row.operationId !== null ? ` ${states.get(row.operationId)?.lastError ?? ''}` : ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Stack>
  );
}
