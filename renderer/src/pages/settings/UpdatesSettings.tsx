import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { UpdateState } from '../../../../core/updates/contract';
import { useAppInfo } from '../../api/CoreProvider';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useFormatDateTime } from '../../i18n/format';
import type { SettingControl } from './settings-draft';
import { useUpdates } from './use-updates';

/**
 * FieldKey's own updates: the running version, where it stands, and the one next step (check,
 * download, restart). The browser host cannot update itself and says so.
 */
export function UpdatesSettings({ feedUrl }: { feedUrl: SettingControl }) {
  const { t } = useTranslation();
  const { appInfo } = useAppInfo();
  const { state, error, clearError, run } = useUpdates();

  return (
    <Stack spacing={2.5}>
      <Typography>{t('settings.updates.version', { version: appInfo?.version ?? '…' })}</Typography>
      {error && <ApiErrorAlert title={t('settings.updates.failed')} error={error} onClose={clearError} />}
      {state === null ? (
        <Skeleton variant="rounded" height={40} />
      ) : state.status === 'unavailable' ? (
        <Alert severity="info" role="status">
          {state.reason === 'browser-host' ? t('settings.updates.unavailable.browserHost') : t('settings.updates.unavailable.notInstalled')}
        </Alert>
      ) : (
        <>
          <UpdateStatus state={state} />
          <UpdateActions state={state} run={run} />
          <FeedUrlField feedUrl={feedUrl} />
        </>
      )}
    </Stack>
  );
}

function UpdateStatus({ state }: { state: Exclude<UpdateState, { status: 'unavailable' }> }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  if (state.status === 'error') {
    return (
      <Alert severity="error" role="status">
        <UpdateErrorText state={state} />
      </Alert>
    );
  }
  if (state.status === 'downloading') {
    return (
      <Stack spacing={1} role="status">
        <Typography>{t('settings.updates.downloading', { version: state.version, percent: state.percent })}</Typography>
        <LinearProgress variant="determinate" value={state.percent} aria-label={t('settings.updates.progressLabel')} />
      </Stack>
    );
  }
  const text =
    state.status === 'not-configured'
      ? t('settings.updates.notConfigured')
      : state.status === 'idle'
        ? t('settings.updates.idle')
        : state.status === 'checking'
          ? t('settings.updates.checking')
          : state.status === 'up-to-date'
            ? t('settings.updates.upToDate', { version: state.version, when: formatDateTime(state.checkedAt) })
            : state.status === 'available'
              ? t('settings.updates.available', { version: state.version })
              : t('settings.updates.downloaded', { version: state.version });
  return (
    <Typography role="status" aria-live="polite">
      {text}
    </Typography>
  );
}

/** One sentence per failure code: the core sends codes, never text. */
function UpdateErrorText({ state }: { state: Extract<UpdateState, { status: 'error' }> }) {
  const { t } = useTranslation();
  switch (state.error) {
    case 'feed-unreachable':
      return t('settings.updates.errors.feedUnreachable');
    case 'feed-not-found':
      return t('settings.updates.errors.feedNotFound');
    case 'feed-refused':
      return t('settings.updates.errors.feedRefused', { status: String(state.httpStatus ?? '?') });
    case 'feed-damaged':
      return t('settings.updates.errors.feedDamaged');
    case 'download-failed':
      return t('settings.updates.errors.downloadFailed');
    case 'download-damaged':
      return t('settings.updates.errors.downloadDamaged');
    case 'install-failed':
      return t('settings.updates.errors.installFailed');
    default:
      return t('settings.updates.errors.unexpected');
  }
}

function UpdateActions({
  state,
  run,
}: {
  state: Exclude<UpdateState, { status: 'unavailable' }>;
  run: (action: 'updates.check' | 'updates.download' | 'updates.restart') => Promise<void>;
}) {
  const { t } = useTranslation();
  const retryDownload = state.status === 'error' && (state.error === 'download-failed' || state.error === 'download-damaged');
  return (
    <Stack direction="row" spacing={1.5}>
      {state.status === 'available' || retryDownload ? (
        <Button variant="contained" onClick={() => void run('updates.download')}>
          {t('settings.updates.download', { version: 'version' in state ? (state.version ?? '') : '' })}
        </Button>
      ) : null}
      {state.status === 'downloaded' ? (
        <Button variant="contained" onClick={() => void run('updates.restart')}>
          {t('settings.updates.restart')}
        </Button>
      ) : null}
      <Button
        variant={state.status === 'available' || state.status === 'downloaded' || retryDownload ? 'text' : 'outlined'}
        onClick={() => void run('updates.check')}
        disabled={
          state.status === 'not-configured' ||
          state.status === 'checking' ||
          state.status === 'downloading' ||
          state.status === 'downloaded'
        }
      >
        {t('settings.updates.check')}
      </Button>
    </Stack>
  );
}

/** The feed address: part of the page's draft, saved with the rest. */
function FeedUrlField({ feedUrl }: { feedUrl: SettingControl }) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('settings.updates.feedUrl.label')}
      value={feedUrl.value}
      onChange={(event) => feedUrl.onChange(event.target.value)}
      placeholder={t('settings.updates.feedUrl.placeholder')}
      error={feedUrl.error !== null}
      helperText={feedUrl.error ?? t('settings.updates.feedUrl.help')}
      fullWidth
      slotProps={{ htmlInput: { inputMode: 'url', spellCheck: false, autoComplete: 'off' } }}
    />
  );
}
