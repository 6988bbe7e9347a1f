import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined';
import VpnKeyOutlined from '@mui/icons-material/VpnKeyOutlined';
import { useTranslation } from 'react-i18next';
import { parseMac } from '../../../../core/domain/mac';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Page } from '../../components/Page';
import { useSay } from '../../i18n/messages';
import { pageHref } from '../../routing/hash-route';
import { UnknownSystem } from '../lookup/QuickLookupPage';
import { SystemKeysView } from '../lookup/SystemKeysView';
import { useSystemLookup } from '../lookup/use-system-lookup';
import { RenameSystem } from './RenameSystem';
import { displayMac } from '../../i18n/format';

/**
 * One system's page (`#/systems/000ADD023F8F`): what Quick Lookup shows for it, plus renaming it
 * and a link to its keys on the Keys page. Search from anywhere and the systems list open it.
 */
export function SystemPage({ macText }: { macText: string }) {
  const { t } = useTranslation();
  const say = useSay();
  const parsed = parseMac(macText);
  const { lookup, retry, refresh } = useSystemLookup(parsed.ok ? { mac: parsed.mac, serial: '' } : null);

  const back = (
    <Button href={pageHref('systems')} startIcon={<ArrowBackOutlined />} sx={{ justifySelf: 'start' }}>
      {t('systems.page.back')}
    </Button>
  );

  if (!parsed.ok) {
    return (
      <Page title={t('systems.title')}>
        {back}
        <Alert severity="error">{t('systems.page.badMac', { mac: macText, reason: say(parsed) })}</Alert>
      </Page>
    );
  }

  const { mac } = parsed;
  const system = lookup.state === 'done' ? lookup.result.system : null;
  return (
    <Page title={system?.name || displayMac(mac)} description={system?.customer ?? undefined}>
      {back}
      {lookup.state === 'loading' && <LinearProgress aria-label={t('lookup.loading')} />}
      {lookup.state === 'failed' && (
        <ApiErrorAlert
          title={t('lookup.failed')}
          error={lookup.error}
          action={
            <Button color="inherit" size="small" onClick={retry}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      {lookup.state === 'done' &&
        (!lookup.result.system && lookup.result.keys.length === 0 ? (
          <UnknownSystem mac={mac} />
        ) : (
          <SystemKeysView
            mac={mac}
            result={lookup.result}
            systemActions={
              <Stack direction="row" spacing={1}>
                <Button size="small" startIcon={<VpnKeyOutlined />} href={pageHref('keys', [], { by: 'mac', q: mac })}>
                  {t('systems.page.showInKeys')}
                </Button>
              </Stack>
            }
          >
            <RenameSystem mac={mac} system={lookup.result.system} onRenamed={refresh} />
          </SystemKeysView>
        ))}
    </Page>
  );
}
