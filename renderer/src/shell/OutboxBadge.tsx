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
  if (counts.needsAttention > 0) {
    return (
      <Chip
        component="a"
        href={pageHref('sync')}
        clickable
        size="small"
        color="error"
        variant="outlined"
        icon={<ErrorOutlineOutlined />}
        label={t('outboxBadge.needsAttention', { count: counts.needsAttention })}
        sx={{ fontWeight: 600 }}
      />
    );
  }
  if (waiting === 0) return null;
  return (
    <Chip
      component="a"
      href={pageHref('sync')}
      clickable
      size="small"
      color="warning"
      variant="outlined"
      icon={<OutboxOutlined />}
      label={t('outboxBadge.waiting', { count: waiting })}
      sx={{ fontWeight: 600 }}
    />
  );
}
