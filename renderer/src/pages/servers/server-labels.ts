// Its one job: the words the Servers page shows for the core's names (statuses, history actions,
// queued changes), translated; each a literal key so the i18n check can see it.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerStatus } from '../../../../core/domain/servers';
import type { ServerHistoryRecord, ServerPendingChange } from '../../../../core/servers/contract';

export function useStatusLabel(): (status: ServerStatus) => string {
  const { t } = useTranslation();
  return useCallback(
    (status) => {
      switch (status) {
        case 'saved':
          return t('servers.status.saved');
        case 'registered':
          return t('servers.status.registered');
        case 'activated':
          return t('servers.status.activated');
      }
    },
    [t],
  );
}

export function useHistoryActionLabel(): (action: ServerHistoryRecord['action']) => string {
  const { t } = useTranslation();
  return useCallback(
    (action) => {
      switch (action) {
        case 'saved':
          return t('servers.history.actions.saved');
        case 'registered':
          return t('servers.history.actions.registered');
        case 'modified':
          return t('servers.history.actions.modified');
        case 'activated':
          return t('servers.history.actions.activated');
        case 'hidden':
          return t('servers.history.actions.hidden');
        case 'unhidden':
          return t('servers.history.actions.unhidden');
        case 'rma_requested':
          return t('servers.history.actions.rmaRequested');
        case 'rma_completed':
          return t('servers.history.actions.rmaCompleted');
      }
    },
    [t],
  );
}

/** "Register queued", or for a change the portal refused, "Refused: <the portal's reason>". */
export function usePendingLabel(): (change: ServerPendingChange) => string {
  const { t } = useTranslation();
  return useCallback(
    (change) => {
      if (change.status === 'needs_attention')
        return t('servers.pending.refused', { reason: change.lastError ?? t('servers.pending.noReason') });
      switch (change.action) {
        case 'save':
          return t('servers.pending.save');
        case 'register':
          return t('servers.pending.register');
        case 'hide':
          return t('servers.pending.hide');
        case 'unhide':
          return t('servers.pending.unhide');
        case 'rma':
          return t('servers.pending.rma');
      }
    },
    [t],
  );
}
