import Chip from '@mui/material/Chip';
import ErrorOutlineOutlined from '@mui/icons-material/ErrorOutlineOutlined';
import OutboxOutlined from '@mui/icons-material/OutboxOutlined';
import { useTranslation } from 'react-i18next';
import { useSync } from '../api/CoreProvider';
import { pageHref } from '../routing/hash-route';

/**
 * In the app bar while anything waits for the portal (or needs attention): how many, as a link to
 * the Sync page, so queued work is never out of sight. Live from `sync.outbox`.
 */
export function OutboxBadge() {
  const { t } = useTranslation();
  const { sync } = useSync();
  const counts = sync?.outbox;
  if (!counts) return null;
  const waiting = counts.pending + counts.inDoubt;
  // Needs attention wins: it will not resolve by itself.
  const badge =
    counts.needsAttention > 0
      ? {
          color: 'error' as const,
          icon: <ErrorOutlineOutlined />,
          label: t('outboxBadge.needsAttention', { count: counts.needsAttention }),
        }
      : waiting > 0
        ? { color: 'warning' as const, icon: <OutboxOutlined />, label: t('outboxBadge.waiting', { count: waiting }) }
        : null;
  if (!badge) return null;
  return <Chip component="a" href={pageHref('sync')} clickable size="small" variant="outlined" {...badge} sx={{ fontWeight: 600 }} />;
}
