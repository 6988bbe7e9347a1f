import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemSummary } from '../../../../core/systems/contract';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { pageHref } from '../../routing/hash-route';
import { useAddSystems } from './use-add-systems';
import { portalState } from './use-outbox-status';
import { useSay } from '../../i18n/messages';

/**
 * Renames a system, as the portal's Add Systems does: the same MAC with a new name
 * (systems.add), through the outbox; says whether the rename waits for the portal or was sent.
 */
export function RenameSystem({ mac, system, onRenamed }: { mac: string; system: SystemSummary | null; onRenamed: () => void }) {
  const { t } = useTranslation();
  const say = useSay();
  const current = system?.name ?? '';
  const [name, setName] = useState(current);
  const adding = useAddSystems({ onAdded: onRenamed });

  // The name changed elsewhere (a sync, this form): the field shows it.
  useEffect(() => setName(current), [current]);

  const row = adding.report?.rows[0] ?? null;
  const state = row && adding.report ? portalState(row, adding.report.queued, adding.outbox) : null;

  return (
    <Stack
      component="form"
      noValidate
      aria-label={t('systems.rename.label')}
      spacing={1.5}
      onSubmit={(event) => {
        event.preventDefault();
        if (!adding.sending) void adding.send([{ mac, name }], null, 'rename');
      }}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ alignItems: { sm: 'flex-start' } }}>
        <TextField
          label={t('systems.rename.name')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          size="small"
          sx={{ flexGrow: 1, maxWidth: 440 }}
          slotProps={{ htmlInput: { autoComplete: 'off', maxLength: 200 } }}
        />
        <Button
          type="submit"
          variant="outlined"
          disabled={adding.sending || name.trim() === current.trim()}
          startIcon={adding.sending ? <CircularProgress size={16} color="inherit" aria-hidden /> : undefined}
        >
          {t('systems.rename.save')}
        </Button>
      </Stack>
      {adding.error && <ApiErrorAlert title={t('systems.rename.failed')} error={adding.error} onClose={adding.dismissError} />}
      {row?.status === 'invalid' && row.message && <Alert severity="error">{say(row.message)}</Alert>}
      {row?.status === 'known' && (
        <Alert severity="info" role="status" onClose={adding.dismissReport}>
          {t('systems.rename.unchanged')}
        </Alert>
      )}
      {state === 'queued' && (
        <Alert
          severity="info"
          role="status"
          action={
            <Button color="inherit" size="small" href={pageHref('sync')} sx={{ whiteSpace: 'nowrap' }}>
              {t('systems.report.openSync')}
            </Button>
          }
        >
          {t('systems.rename.queued')}
          {adding.report?.queuedReason ? ` ${say(adding.report.queuedReason)}` : ''}
        </Alert>
      )}
      {state === 'sent' && (
        <Alert severity="success" role="status" onClose={adding.dismissReport}>
          {t('systems.rename.sent')}
        </Alert>
      )}
      {state === 'refused' && row?.operationId != null && (
        <Alert severity="error">{adding.outbox.get(row.operationId)?.lastError ?? t('systems.rename.refused')}</Alert>
      )}
    </Stack>
  );
}
