import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { Dialog } from '../../components/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import { parseMac } from '../../../../core/domain/mac';
import type { ServerChangeResult, ServerRow } from '../../../../core/servers/contract';
import { fieldErrorsOf } from '../../api/api-errors';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { displayMac } from '../../i18n/format';
import { useSay } from '../../i18n/messages';

interface RmaProblems {
  reason?: string;
  replacementMac?: string;
}

/** What stops an RMA request before it is sent: a reason, and a well-formed replacement MAC that is not the server's own. */
export function rmaProblems(
  server: Pick<ServerRow, 'mac'>,
  reason: string,
  replacementMac: string,
  t: (key: 'servers.rma.reasonNeeded' | 'servers.rma.sameMac') => string,
): RmaProblems {
  const problems: RmaProblems = {};
  if (reason.trim() === '') problems.reason = t('servers.rma.reasonNeeded');
  const mac = parseMac(replacementMac);
  if (!mac.ok) problems.replacementMac = mac.message;
  else if (mac.mac === server.mac) problems.replacementMac = t('servers.rma.sameMac');
  return problems;
}

/**
 * Initiate RMA: the reason and the replacement server's MAC, then a confirmation that says what
 * happens (the server is marked under RMA, its keys move to the replacement once the portal
 * completes it); the request goes through the outbox like every change.
 */
export function RmaDialog({
  server,
  onClose,
  onDone,
}: {
  server: ServerRow;
  onClose: () => void;
  onDone: (result: ServerChangeResult) => void;
}) {
  const { t } = useTranslation();
  const say = useSay();
  const api = useApi();
  const [reason, setReason] = useState('');
  const [replacementMac, setReplacementMac] = useState('');
  const [problems, setProblems] = useState<RmaProblems>({});
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const mac = displayMac(server.mac);
  const parsedReplacement = parseMac(replacementMac);

  const review = () => {
    const found = rmaProblems(server, reason, replacementMac, t);
    setProblems(found);
    if (Object.keys(found).length === 0) setConfirming(true);
  };

  const send = async () => {
    setSending(true);
    setError(null);
    try {
      onDone(await api.invoke('servers.initiateRma', { mac: server.mac, reason: reason.trim(), replacementMac }));
    } catch (err) {
      const refused = toApiError(err);
      const fields: RmaProblems = fieldErrorsOf(refused, say);
      if (fields.reason || fields.replacementMac) {
        setProblems({ reason: fields.reason, replacementMac: fields.replacementMac });
        setConfirming(false);
      } else setError(refused);
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog open onClose={sending ? undefined : onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{t('servers.rma.title', { mac })}</DialogTitle>
      <DialogContent>
        {confirming ? (
          <Stack spacing={2}>
            <DialogContentText>
              {t('servers.rma.confirm', {
                mac,
                replacement: parsedReplacement.ok ? parsedReplacement.display : replacementMac,
              })}
            </DialogContentText>
            <Alert severity="info">{t('servers.rma.keysMove')}</Alert>
            {error && <ApiErrorAlert title={t('servers.rma.failed')} error={error} onClose={() => setError(null)} />}
          </Stack>
        ) : (
          <Stack
            component="form"
            id="rma-form"
            noValidate
            spacing={2}
            sx={{ pt: 1 }}
            onSubmit={(event) => {
              event.preventDefault();
              review();
            }}
          >
            <TextField
              autoFocus
              multiline
              minRows={2}
              label={t('servers.rma.reason')}
              value={reason}
              onChange={(event) => {
                setReason(event.target.value);
                setProblems((current) => ({ ...current, reason: undefined }));
              }}
              error={Boolean(problems.reason)}
              helperText={problems.reason}
              slotProps={{ htmlInput: { maxLength: 500 } }}
            />
            <TextField
              label={t('servers.rma.replacementMac')}
              value={replacementMac}
              onChange={(event) => {
                setReplacementMac(event.target.value);
                setProblems((current) => ({ ...current, replacementMac: undefined }));
              }}
              error={Boolean(problems.replacementMac)}
              helperText={problems.replacementMac ?? (parsedReplacement.ok ? parsedReplacement.display : t('servers.rma.macHelp'))}
              slotProps={{ htmlInput: { maxLength: 64, spellCheck: false, autoComplete: 'off' } }}
            />
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={sending}>
          {t('servers.rma.cancel')}
        </Button>
        {confirming ? (
          <>
            <Button onClick={() => setConfirming(false)} disabled={sending}>
              {t('servers.rma.back')}
            </Button>
            <Button variant="contained" color="warning" disabled={sending} onClick={() => void send()}>
              {t('servers.rma.submit')}
            </Button>
          </>
        ) : (
          <Button type="submit" form="rma-form" variant="contained">
            {t('servers.rma.continue')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
