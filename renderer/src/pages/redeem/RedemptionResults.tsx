import type { TFunction } from 'i18next';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ContentCopyOutlined from '@mui/icons-material/ContentCopyOutlined';
import DescriptionOutlined from '@mui/icons-material/DescriptionOutlined';
import GridOnOutlined from '@mui/icons-material/GridOnOutlined';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FitColumns, fitTableSx, WRAP } from '../../components/data-table/fit-table';
import type { ApiError } from '../../../../core/api/errors';
import type { RedemptionOperation } from '../../../../core/sync/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { displayMac, useFormatDateTime } from '../../i18n/format';
import { downloadExportedFile } from './download';
import type { RedemptionResult } from './redeem-session';
import { monospaceFontStack } from '../../theme/theme';

export interface RedemptionResultsProps {
  operation: RedemptionOperation;
  /** Tells the user something was copied (or could not be). */
  onCopied: (message: string) => void;
}

/** The portal's results table: one row per code, the failed ones with their reason; copy and export. */
export function RedemptionResults({ operation, onCopied }: RedemptionResultsProps) {
  const { t } = useTranslation();
  const api = useApi();
  const formatDateTime = useFormatDateTime();
  const [exporting, setExporting] = useState<'xlsx' | 'txt' | null>(null);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const results = operation.results ?? [];
  const redeemed = results.filter((result) => result.status === 'redeemed');
  const failed = results.length - redeemed.length;

  const copy = async (text: string, done: string) => {
    try {
      await navigator.clipboard.writeText(text);
      onCopied(done);
    } catch {
      onCopied(t('redeem.results.copyFailed'));
    }
  };

  const exportAs = async (format: 'xlsx' | 'txt') => {
    setExporting(format);
    setExportError(null);
    try {
      downloadExportedFile(await api.invoke('redeem.export', { operationId: operation.id, format }));
    } catch (err) {
      setExportError(toApiError(err));
    } finally {
      setExporting(null);
    }
  };

  const redeemedAt = (result: RedemptionResult) => (result.redeemedAt ? formatDateTime(result.redeemedAt) : '');
  // Tab-separated, so pasting into a spreadsheet fills the same columns as the table.
  const allKeys = redeemed
    .map((result) =>
      [
        result.authCode,
        result.featureKey ?? '',
        result.skuDescription ?? '',
        result.mac ? displayMac(result.mac) : '',
        redeemedAt(result),
      ].join('\t'),
    )
    .join('\n');

  return (
    <Stack spacing={2}>
      {failed === 0 ? (
        <Alert severity="success" role="status">
          {t('redeem.results.allRedeemed', { count: redeemed.length })}
        </Alert>
      ) : (
        <Alert severity="warning" role="status">
          {t('redeem.results.someFailed', { redeemed: redeemed.length, failed })}
        </Alert>
      )}
      <TableContainer>
        <Table
          size="small"
          aria-label={t('redeem.results.tableLabel')}
          sx={{ ...fitTableSx, '& th, & td': { px: 0.75, fontSize: '0.8125rem' } }}
        >
          {/* Codes, keys and MACs whole; the SKU description (wrapped) and the date share the rest. */}
          <FitColumns widths={[232, 256, undefined, 140, 176]} />
          <TableHead>
            <TableRow>
              <TableCell>{t('redeem.results.authorization')}</TableCell>
              <TableCell>{t('redeem.results.featureKey')}</TableCell>
              <TableCell>{t('redeem.results.skuDescription')}</TableCell>
              <TableCell>{t('redeem.results.mac')}</TableCell>
              <TableCell>{t('redeem.results.redeemed')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {results.map((result) => {
              const ok = result.status === 'redeemed';
              return (
                <TableRow key={result.authCode}>
                  <TableCell sx={code}>{result.authCode}</TableCell>
                  {ok ? (
                    <TableCell sx={code}>
                      {result.featureKey}
                      {result.featureKey && (
                        <Tooltip title={t('redeem.results.copy')}>
                          <IconButton
                            size="small"
                            sx={{ ml: 0.25 }}
                            aria-label={t('redeem.results.copyFor', { code: result.authCode })}
                            onClick={() => void copy(result.featureKey!, t('redeem.results.copiedKey', { code: result.authCode }))}
                          >
                            <ContentCopyOutlined sx={{ fontSize: 16 }} />
                          </IconButton>
                        </Tooltip>
                      )}
                    </TableCell>
                  ) : (
                    <TableCell className={WRAP} sx={{ color: 'error.main' }}>
                      {failureReason(result, t)}
                    </TableCell>
                  )}
                  <TableCell className={WRAP} title={result.skuDescription ?? undefined}>
                    {result.skuDescription ?? ''}
                  </TableCell>
                  <TableCell sx={code}>{ok && result.mac ? displayMac(result.mac) : ''}</TableCell>
                  <TableCell title={ok ? redeemedAt(result) : undefined}>{ok ? redeemedAt(result) : ''}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {exportError && <ApiErrorAlert title={t('redeem.results.exportFailed')} error={exportError} onClose={() => setExportError(null)} />}
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Button
          variant="outlined"
          startIcon={<ContentCopyOutlined />}
          disabled={redeemed.length === 0}
          onClick={() => void copy(allKeys, t('redeem.results.copiedAll', { count: redeemed.length }))}
        >
          {t('redeem.results.copyAll')}
        </Button>
        <ExportButton format="xlsx" icon={<GridOnOutlined />} exporting={exporting} disabled={results.length === 0} onExport={exportAs}>
          {t('redeem.results.exportExcel')}
        </ExportButton>
        <ExportButton format="txt" icon={<DescriptionOutlined />} exporting={exporting} disabled={results.length === 0} onExport={exportAs}>
          {t('redeem.results.exportText')}
        </ExportButton>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('redeem.results.installHint')}
      </Typography>
    </Stack>
  );
}

function ExportButton({
  format,
  icon,
  exporting,
  disabled,
  onExport,
  children,
}: {
  format: 'xlsx' | 'txt';
  icon: ReactNode;
  exporting: 'xlsx' | 'txt' | null;
  disabled: boolean;
  onExport: (format: 'xlsx' | 'txt') => Promise<void>;
  children: ReactNode;
}) {
  return (
    <Button
      variant="outlined"
      startIcon={exporting === format ? <CircularProgress size={16} color="inherit" aria-hidden /> : icon}
      disabled={exporting !== null || disabled}
      onClick={() => void onExport(format)}
    >
      {children}
    </Button>
  );
}

/** Codes, keys and MACs: monospaced, never broken across lines, small enough for five columns. */
const code = { '&&': { fontFamily: monospaceFontStack, fontSize: '0.75rem', whiteSpace: 'nowrap' } } as const;

function failureReason(result: RedemptionResult, t: TFunction): string {
  switch (result.status) {
    case 'already_redeemed':
      return result.mac ? t('redeem.results.alreadyRedeemedTo', { mac: displayMac(result.mac) }) : t('redeem.results.alreadyRedeemed');
    case 'not_found':
      return t('redeem.results.notFound');
    default:
      return result.message ?? t('redeem.results.invalid');
  }
}
