import type { TFunction } from 'i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
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
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FitColumns, fitTableSx, visuallyHiddenSx, WRAP } from '../../components/data-table/fit-table';
import { layoutColumns, type LayoutColumn } from '../../components/data-table/column-layout';
import { useContentWidth } from '../../components/data-table/use-content-width';
import type { ApiError } from '../../../../core/rpc/errors';
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

type ColumnId = 'authCode' | 'featureKey' | 'skuDescription' | 'mac' | 'redeemedAt';

const column = (id: ColumnId, width: number, importance: number, more: Partial<LayoutColumn> = {}): LayoutColumn => ({
  id,
  width,
  minWidth: width,
  importance,
  required: false,
  fixed: true,
  userSized: false,
  ...more,
});

/**
 * The results' columns (fit-table's rules in the width the table has): the code and the key (with
 * its copy button) whole at their widths; the SKU description shares the rest and is never drawn
 * narrower than 160 px (two or three lines). When the room is short the MAC steps out first (the
 * System above names it too), then the date; each then stands under its row's key.
 */
const COLUMNS: LayoutColumn[] = [
  column('authCode', 216, 10, { required: true }),
  column('featureKey', 256, 10, { required: true }),
  column('skuDescription', 240, 9, { required: true, fixed: false, minWidth: 160 }),
  column('mac', 140, 5),
  column('redeemedAt', 176, 6),
];

/** The portal's results table: one row per code, the failed ones with their reason; copy and export. */
export function RedemptionResults({ operation, onCopied }: RedemptionResultsProps) {
  const { t } = useTranslation();
  const api = useApi();
  const formatDateTime = useFormatDateTime();
  const [exporting, setExporting] = useState<'xlsx' | 'txt' | null>(null);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const layout = layoutColumns(COLUMNS, useContentWidth(scroller));
  const shown = (id: ColumnId) => layout.widths.has(id);
  const ids = COLUMNS.map((spec) => spec.id as ColumnId).filter(shown);
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
      <TableContainer ref={scroller}>
        <Table
          size="small"
          aria-label={t('redeem.results.tableLabel')}
          sx={{ ...fitTableSx, '& th, & td': { px: 0.75, fontSize: '0.8125rem' } }}
        >
          {/* The description takes what the others leave (laid out above, at least 160 px). */}
          <FitColumns widths={ids.map((id) => (id === 'skuDescription' ? undefined : layout.widths.get(id)))} />
          <TableHead>
            <TableRow>
              <TableCell>{t('redeem.results.authorization')}</TableCell>
              <TableCell>{t('redeem.results.featureKey')}</TableCell>
              <TableCell>{t('redeem.results.skuDescription')}</TableCell>
              {shown('mac') && <TableCell>{t('redeem.results.mac')}</TableCell>}
              {shown('redeemedAt') && <TableCell>{t('redeem.results.redeemed')}</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {results.map((result) => {
              const ok = result.status === 'redeemed';
              const mac = ok && result.mac ? displayMac(result.mac) : '';
              const when = ok ? redeemedAt(result) : '';
              return (
                <TableRow key={result.authCode}>
                  <TableCell sx={code} title={result.authCode}>
                    {result.authCode}
                  </TableCell>
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
                      {!shown('mac') && mac && <UnderKey label={t('redeem.results.mac')} value={mac} />}
                      {!shown('redeemedAt') && when && <UnderKey label={t('redeem.results.redeemed')} value={when} text />}
                    </TableCell>
                  ) : (
                    <TableCell className={WRAP} sx={{ color: 'error.main' }}>
                      {failureReason(result, t)}
                    </TableCell>
                  )}
                  <TableCell className={WRAP} title={result.skuDescription ?? undefined}>
                    <Box component="span" sx={threeLines}>
                      {result.skuDescription ?? ''}
                    </Box>
                  </TableCell>
                  {shown('mac') && (
                    <TableCell sx={code} title={mac || undefined}>
                      {mac}
                    </TableCell>
                  )}
                  {shown('redeemedAt') && <TableCell title={when || undefined}>{when}</TableCell>}
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

/**
 * A column that stepped out for room, on a line of its own under the row's key (named for screen
 * readers by its header), whole or ending in an ellipsis with the whole on hover.
 */
function UnderKey({ label, value, text = false }: { label: string; value: string; text?: boolean }) {
  return (
    <Box
      className="fk-clip"
      title={value}
      // Positioned, so the hidden label stays inside the line (visuallyHiddenSx is absolute).
      sx={{
        position: 'relative',
        color: 'text.secondary',
        ...(text && { fontFamily: (theme) => theme.typography.fontFamily, fontSize: '0.8125rem' }),
      }}
    >
      <Box component="span" sx={visuallyHiddenSx}>
        {`${label}: `}
      </Box>
      {value}
    </Box>
  );
}

/** A long description ends after three lines in an ellipsis (the cell's title has the whole). */
const threeLines = { display: '-webkit-box', WebkitBoxOrient: 'vertical', WebkitLineClamp: 3, overflow: 'hidden' } as const;

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
