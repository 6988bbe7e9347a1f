import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import IconButton from '@mui/material/IconButton';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ContentCopyOutlined from '@mui/icons-material/ContentCopyOutlined';
import DescriptionOutlined from '@mui/icons-material/DescriptionOutlined';
import DnsOutlined from '@mui/icons-material/DnsOutlined';
import GridOnOutlined from '@mui/icons-material/GridOnOutlined';
import Inventory2Outlined from '@mui/icons-material/Inventory2Outlined';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuickLookupResult } from '../../../../core/keys/contract';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Fact, FactList } from '../../components/FactList';
import { Section } from '../../components/Section';
import { monospaceFontStack } from '../../theme/theme';
import { descriptionWithoutSku, keysAsText, skuLabel } from './lookup-query';
import { useSystemExport, type ExportFormat } from './use-system-export';
import { displayMac } from '../../i18n/format';
import { useSay } from '../../i18n/messages';

export interface SystemKeysViewProps {
  /** 12 upper-case hex digits. */
  mac: string;
  result: QuickLookupResult;
  /** Links or buttons beside the system's title (Open the system's page, Show in Keys). */
  systemActions?: ReactNode;
  /** More about the system, below its facts (the rename form on its own page). */
  children?: ReactNode;
}

/**
 * One system from the cache, as Quick Lookup and the system's page show it: who it is, its
 * feature keys (copy one, copy all, export for the customer) and its licence inventory.
 */
export function SystemKeysView({ mac, result, systemActions, children }: SystemKeysViewProps) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const number = new Intl.NumberFormat(i18n.language);
  const { system, keys, inventory, totalFeatures, serialWarning } = result;
  const exports = useSystemExport(mac);
  const [copied, setCopied] = useState<{ message: string; ok: boolean } | null>(null);

  const copy = async (text: string, done: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied({ message: done, ok: true });
    } catch {
      setCopied({ message: t('lookup.keys.copyFailed'), ok: false });
    }
  };

  return (
    <>
      <Section title={system?.name || displayMac(mac)} icon={<DnsOutlined />} action={systemActions}>
        <Stack spacing={2}>
          {serialWarning && (
            <Alert severity="warning" role="status">
              {say(serialWarning)}
            </Alert>
          )}
          <FactList>
            <Fact label={t('lookup.system.mac')} monospace copyText={displayMac(mac)}>
              {displayMac(mac)}
            </Fact>
            <Fact label={t('lookup.system.name')}>{system?.name || t('lookup.system.none')}</Fact>
            <Fact label={t('lookup.system.customer')}>{system?.customer || t('lookup.system.none')}</Fact>
            <Fact label={t('lookup.system.serial')}>{system?.serial || t('lookup.system.none')}</Fact>
          </FactList>
          {children}
        </Stack>
      </Section>

      <Section title={t('lookup.keys.title', { count: keys.length })} icon={<KeyOutlined />}>
        <Stack spacing={2}>
          {keys.length === 0 ? (
            <Typography color="text.secondary">{t('lookup.keys.none')}</Typography>
          ) : (
            <TableContainer>
              <Table size="small" aria-label={t('lookup.keys.tableLabel')} sx={{ '& th, & td': { px: 0.75, fontSize: '0.8125rem' } }}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('lookup.keys.sku')}</TableCell>
                    <TableCell>{t('lookup.keys.authCode')}</TableCell>
                    <TableCell>{t('lookup.keys.featureKey')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {keys.map((key) => (
                    <TableRow key={key.authCode}>
                      <TableCell>{skuLabel(key)}</TableCell>
                      <TableCell sx={code}>{key.authCode}</TableCell>
                      <TableCell sx={code}>
                        {key.featureKey}
                        <Tooltip title={t('lookup.keys.copy')}>
                          <IconButton
                            size="small"
                            sx={{ ml: 0.25 }}
                            aria-label={t('lookup.keys.copyFor', { code: key.authCode })}
                            onClick={() => void copy(key.featureKey, t('lookup.keys.copiedKey', { code: key.authCode }))}
                          >
                            <ContentCopyOutlined sx={{ fontSize: 16 }} />
                          </IconButton>
                        </Tooltip>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
          {exports.error && <ApiErrorAlert title={t('lookup.keys.exportFailed')} error={exports.error} onClose={exports.dismissError} />}
          <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Button
              variant="outlined"
              startIcon={<ContentCopyOutlined />}
              disabled={keys.length === 0}
              onClick={() => void copy(keysAsText(keys), t('lookup.keys.copiedAll', { count: keys.length }))}
            >
              {t('lookup.keys.copyAll')}
            </Button>
            <ExportButton format="xlsx" icon={<GridOnOutlined />} exporting={exports.exporting} onExport={exports.exportAs}>
              {t('lookup.keys.exportExcel')}
            </ExportButton>
            <ExportButton format="txt" icon={<DescriptionOutlined />} exporting={exports.exporting} onExport={exports.exportAs}>
              {t('lookup.keys.exportText')}
            </ExportButton>
          </Stack>
        </Stack>
      </Section>

      <Section title={t('lookup.inventory.title')} icon={<Inventory2Outlined />}>
        {inventory.length === 0 ? (
          <Typography color="text.secondary">{t('lookup.inventory.none')}</Typography>
        ) : (
          <TableContainer>
            <Table size="small" aria-label={t('lookup.inventory.tableLabel')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('lookup.inventory.sku')}</TableCell>
                  <TableCell>{t('lookup.inventory.description')}</TableCell>
                  <TableCell align="right">{t('lookup.inventory.count')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {inventory.map((line) => (
                  <TableRow key={line.sku}>
                    <TableCell sx={code}>{line.sku}</TableCell>
                    <TableCell>{descriptionWithoutSku(line.sku, line.description)}</TableCell>
                    <TableCell align="right">{number.format(line.count)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
              <TableFooter>
                <TableRow>
                  <TableCell colSpan={2} sx={{ fontWeight: 600, color: 'text.primary', fontSize: '0.875rem' }}>
                    {t('lookup.inventory.total')}
                  </TableCell>
                  <TableCell align="right" sx={{ fontWeight: 600, color: 'text.primary', fontSize: '0.875rem' }}>
                    {number.format(totalFeatures)}
                  </TableCell>
                </TableRow>
              </TableFooter>
            </Table>
          </TableContainer>
        )}
      </Section>

      <Snackbar
        open={copied !== null}
        autoHideDuration={3000}
        onClose={(_event, reason) => reason !== 'clickaway' && setCopied(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert
          severity={copied?.ok === false ? 'error' : 'success'}
          variant="filled"
          onClose={() => setCopied(null)}
          sx={{ minWidth: 280 }}
        >
          {copied?.message}
        </Alert>
      </Snackbar>
    </>
  );
}

function ExportButton({
  format,
  icon,
  exporting,
  onExport,
  children,
}: {
  format: ExportFormat;
  icon: ReactNode;
  exporting: ExportFormat | null;
  onExport: (format: ExportFormat) => Promise<void>;
  children: ReactNode;
}) {
  return (
    <Button
      variant="outlined"
      startIcon={exporting === format ? <CircularProgress size={16} color="inherit" aria-hidden /> : icon}
      disabled={exporting !== null}
      onClick={() => void onExport(format)}
    >
      {children}
    </Button>
  );
}

/** Codes and keys: monospaced, never broken across lines. */
const code = { '&&': { fontFamily: monospaceFontStack, fontSize: '0.75rem', whiteSpace: 'nowrap' } } as const;
