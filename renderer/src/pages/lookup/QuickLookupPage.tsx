import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ManageSearchOutlined from '@mui/icons-material/ManageSearchOutlined';
import OpenInNewOutlined from '@mui/icons-material/OpenInNewOutlined';
import { useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Page } from '../../components/Page';
import { Section } from '../../components/Section';
import { pageHref, useRoute } from '../../routing/hash-route';
import { ScannerPanel as CameraScannerPanel } from '../../scan/ScannerPanel';
import type { ScannerPanelProps } from '../../scan/types';
import { MacField } from '../redeem/MacField';
import { lookupFromParams, type LookupQuery } from './lookup-query';
import { SystemKeysView } from './SystemKeysView';
import { useLookupForm } from './use-lookup-form';
import { useSystemLookup, type SystemLookup } from './use-system-lookup';
import { displayMac } from '../../i18n/format';

/**
 * The portal's Quick Lookup, offline and instant: a MAC (typed in any format, picked from the
 * known systems, or read from the device label by the camera) and an optional serial → the
 * system, its keys and its licence inventory, from the cache alone. The lookup is kept in the
 * address (`#/lookup?mac=…&serial=…`), so back, forward and reload land on it.
 *
 * `ScannerPanel` is for tests (a stand-in camera panel); null disables scanning.
 */
export function QuickLookupPage({ ScannerPanel = CameraScannerPanel }: { ScannerPanel?: ComponentType<ScannerPanelProps> | null }) {
  const { t } = useTranslation();
  const { params } = useRoute();
  const route = lookupFromParams(params);
  const { lookup, retry, refresh } = useSystemLookup(route.query);
  const form = useLookupForm(route, { refresh });
  const [scanning, setScanning] = useState(false);

  return (
    <Page title={t('lookup.title')} description={t('lookup.description')}>
      <Section title={t('lookup.form.title')} icon={<ManageSearchOutlined />}>
        <Box
          component="form"
          noValidate
          aria-label={t('lookup.form.label')}
          onSubmit={(event) => {
            event.preventDefault();
            form.submit();
          }}
        >
          <Stack spacing={2.5} sx={{ maxWidth: 440 }}>
            <MacField
              value={form.macText}
              onChange={form.onMacChange}
              onCommit={(value, picked) => form.commitMac(value, picked)}
              error={form.macError}
              note={null}
              disabled={false}
              onScan={ScannerPanel ? () => setScanning(true) : null}
              inputRef={form.macInput}
            />
            <TextField
              label={t('lookup.form.serial')}
              value={form.serial}
              onChange={(event) => form.setSerial(event.target.value)}
              slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', maxLength: 64 } }}
            />
            <Box>
              <Button type="submit" variant="contained" startIcon={<ManageSearchOutlined />}>
                {t('lookup.form.lookUp')}
              </Button>
            </Box>
          </Stack>
        </Box>
      </Section>

      {route.query && <LookupAnswer query={route.query} lookup={lookup} retry={retry} />}

      {ScannerPanel && scanning && <ScannerPanel open mode="mac" onCode={form.onScanned} onClose={() => setScanning(false)} />}
    </Page>
  );
}

function LookupAnswer({ query, lookup, retry }: { query: LookupQuery; lookup: SystemLookup; retry: () => void }) {
  const { t } = useTranslation();
  switch (lookup.state) {
    case 'idle':
      return null;
    case 'loading':
      return <LinearProgress aria-label={t('lookup.loading')} />;
    case 'failed':
      return (
        <ApiErrorAlert
          title={t('lookup.failed')}
          error={lookup.error}
          action={
            <Button color="inherit" size="small" onClick={retry}>
              {t('common.retry')}
            </Button>
          }
        />
      );
  }
  const { result } = lookup;
  if (!result.system && result.keys.length === 0) return <UnknownSystem mac={query.mac} />;
  return (
    <SystemKeysView
      mac={query.mac}
      result={result}
      systemActions={
        <Button size="small" startIcon={<OpenInNewOutlined />} href={pageHref('systems', [query.mac])}>
          {t('lookup.openSystem')}
        </Button>
      }
    />
  );
}

/** A MAC the cache does not know: said plainly, with the way to add it. */
export function UnknownSystem({ mac }: { mac: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      severity="info"
      role="status"
      action={
        <Button color="inherit" size="small" href={pageHref('systems', [], { mac })} sx={{ whiteSpace: 'nowrap' }}>
          {t('lookup.unknown.add')}
        </Button>
      }
    >
      <AlertTitle>{t('lookup.unknown.title', { mac: displayMac(mac) })}</AlertTitle>
      {t('lookup.unknown.explanation')}
    </Alert>
  );
}
