import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../i18n/format';
import { timeAgo } from './list-rules';

/** "Last synced 5 minutes ago" (the time itself on hover), kept current while the page is open. */
export function LastSynced({
  at,
  now,
  never,
}: {
  at: string | null;
  now: () => Date /** Said when the cache was never synced. */;
  never: string;
}) {
  const { t, i18n } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (!at) {
    return (
      <Typography component="span" color="text.secondary">
        {never}
      </Typography>
    );
  }
  const ago = timeAgo(at, now());
  const when = ago ? new Intl.RelativeTimeFormat(i18n.language, { numeric: 'always' }).format(-ago.value, ago.unit) : null;
  return (
    <Typography component="span" color="text.secondary" title={formatDateTime(at)}>
      {when ? t('dataTable.lastSynced', { when }) : t('dataTable.lastSyncedJustNow')}
    </Typography>
  );
}
