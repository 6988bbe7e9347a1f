import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import CloudSyncOutlined from '@mui/icons-material/CloudSyncOutlined';
import GridOnOutlined from '@mui/icons-material/GridOnOutlined';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import type { downloadExportedFile } from '../redeem/download';
import { useBalanceExport, type useCodeBalance, usePortalCheck } from './use-code-balance';
import { useFormatDate } from '../../i18n/format';
import { useSay } from '../../i18n/messages';

/**
 * The balance: unredeemed codes by SKU (available, unchecked, queued, total, oldest import), with
 * Export balance to Excel and Check with the portal (its answer told in a sentence).
 */
export function BalanceSection({ balance, save }: { balance: ReturnType<typeof useCodeBalance>; save: typeof downloadExportedFile }) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const exporter = useBalanceExport(save);
  const check = usePortalCheck();
  const number = new Intl.NumberFormat(i18n.language);
  const formatDate = useFormatDate();
  const rows = balance.balance?.rows ?? [];

  const checkSentence = () => {
    const result = check.result;
    if (!result) return null;
    const done = t('codes.check.done', {
      count: result.checked,
      available: t('codes.check.available', { count: result.available }),
      redeemed: t('codes.check.redeemed', { count: result.redeemed }),
      unknown: t('codes.check.unknown', { count: result.unknown }),
    });
    if (result.reason === null) return done;
    const why = result.message ? say(result.message) : t('codes.check.notChecked', { count: result.unchecked });
    return `${result.checked > 0 ? `${done} ` : ''}${why}`;
  };

  return (
    <Box component="section" aria-labelledby="codes-balance-heading">
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1.5} useFlexGap sx={{ alignItems: { md: 'center' }, mb: 1.5 }}>
        <Typography id="codes-balance-heading" variant="h2" sx={{ flexGrow: 1 }}>
          {t('codes.balance.title')}
        </Typography>
        <Button
          variant="outlined"
          startIcon={check.checking ? <CircularProgress size={16} aria-hidden /> : <CloudSyncOutlined />}
          disabled={check.checking}
          onClick={() => void check.start()}
        >
          {t('codes.check.button')}
        </Button>
        <Button
          variant="outlined"
          startIcon={<GridOnOutlined />}
          disabled={exporter.exporting || rows.length === 0}
          onClick={() => void exporter.start()}
        >
          {t('codes.balance.export')}
        </Button>
      </Stack>

      <Stack spacing={1.5}>
        {check.result && (
          <Alert severity={check.result.reason === null ? 'success' : 'warning'} role="status" onClose={check.dismiss}>
            {checkSentence()}
          </Alert>
        )}
        {check.error && <ApiErrorAlert title={t('codes.check.failed')} error={check.error} onClose={check.dismiss} />}
        {exporter.error && <ApiErrorAlert title={t('codes.balance.exportFailed')} error={exporter.error} onClose={exporter.dismiss} />}
        {balance.error && <ApiErrorAlert title={t('codes.balance.loadFailed')} error={balance.error} />}

        <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1, maxHeight: 360 }}>
          <Table size="small" stickyHeader aria-label={t('codes.balance.label')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('codes.balance.sku')}</TableCell>
                <TableCell>{t('codes.balance.description')}</TableCell>
                <TableCell align="right">{t('codes.balance.available')}</TableCell>
                <TableCell align="right">{t('codes.balance.unchecked')}</TableCell>
                <TableCell align="right">{t('codes.balance.queued')}</TableCell>
                <TableCell align="right">{t('codes.balance.total')}</TableCell>
                <TableCell>{t('codes.balance.oldest')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {balance.balance === null && !balance.error ? (
                <TableRow>
                  <TableCell colSpan={7}>
                    <Skeleton />
                  </TableCell>
                </TableRow>
              ) : rows.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={7}>{t('codes.balance.empty')}</TableCell>
                </TableRow>
              ) : (
                rows.map((row) => (
                  <TableRow key={row.sku ?? ''}>
                    <TableCell>{row.sku ?? t('codes.balance.noSku')}</TableCell>
                    <TableCell>{descriptionWithoutSku(row.sku, row.description)}</TableCell>
                    <TableCell align="right">{number.format(row.available)}</TableCell>
                    <TableCell align="right">{number.format(row.unchecked)}</TableCell>
                    <TableCell align="right">{number.format(row.queued)}</TableCell>
                    <TableCell align="right">{number.format(row.count)}</TableCell>
                    <TableCell>{formatDate(row.oldestImportedAt)}</TableCell>
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
        </TableContainer>
        {balance.balance && rows.length > 0 && (
          <Typography variant="body2" color="text.secondary">
            {t('codes.balance.totalLine', { count: balance.balance.total })}
          </Typography>
        )}
      </Stack>
    </Box>
  );
}

/**
 * A SKU's description without the SKU number the portal puts in front of it ("8210010 - 6x
 * Internet Call Access Key" beside the SKU column reads "6x Internet Call Access Key").
 */
export function descriptionWithoutSku(sku: string | null, description: string | null): string {
  if (!description) return '';
  if (!sku) return description;
  const escaped = sku.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const stripped = description.replace(new RegExp(`^\\s*${escaped}\\s*[-–—:]\\s*`), '');
  return stripped === '' ? description : stripped;
}
