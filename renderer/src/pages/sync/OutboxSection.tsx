import type { TFunction } from 'i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import OutboxOutlined from '@mui/icons-material/OutboxOutlined';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import type { OutboxOperation, OutboxStatus, ServerOperation, SystemOperation } from '../../../../core/sync/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { useCoreQuery, useInvalidate } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Fact, FactList } from '../../components/FactList';
import { Section } from '../../components/Section';
import { displayMac, useFormatDateTime } from '../../i18n/format';
import { FitColumns, fitTableSx, PINNED, visuallyHiddenSx, WRAP } from '../../components/data-table/fit-table';
import { monospaceFontStack } from '../../theme/theme';

const STATUS_COLOR: Record<OutboxStatus, 'default' | 'info' | 'warning' | 'error' | 'success'> = {
  pending: 'info',
  in_flight: 'info',
  in_doubt: 'warning',
  needs_attention: 'error',
  done: 'success',
  dismissed: 'default',
};

/**
 * What waits for the portal: counts and a list of the open operations (pending, in flight, in
 * doubt, needs attention), live from `sync.outbox`. Needs-attention ones stay until dismissed.
 */
export function OutboxSection() {
  const { t, i18n } = useTranslation();
  const client = useApi();
  const formatDateTime = useFormatDateTime();
  const number = new Intl.NumberFormat(i18n.language);
  const { data: outbox, error: loadError } = useCoreQuery('sync.outbox', {});
  const invalidate = useInvalidate();
  const [dismissError, setDismissError] = useState<ApiError | null>(null);
  const [closedError, setClosedError] = useState<ApiError | null>(null);
  const [dismissing, setDismissing] = useState<number | null>(null);
  const error = dismissError ?? (loadError !== closedError ? loadError : null);

  const dismiss = async (operation: OutboxOperation) => {
    setDismissing(operation.id);
    try {
      await client.invoke('sync.dismiss', { id: operation.id });
      await invalidate('sync.outbox');
    } catch (err) {
      setDismissError(toApiError(err));
    } finally {
      setDismissing(null);
    }
  };

  const statusLabel = (status: OutboxStatus) => {
    switch (status) {
      case 'pending':
        return t('sync.outbox.status.pending');
      case 'in_flight':
        return t('sync.outbox.status.inFlight');
      case 'in_doubt':
        return t('sync.outbox.status.inDoubt');
      case 'needs_attention':
        return t('sync.outbox.status.needsAttention');
      case 'done':
        return t('sync.outbox.status.done');
      case 'dismissed':
        return t('sync.outbox.status.dismissed');
    }
  };

  const counts = outbox?.counts;
  const operations = outbox?.operations ?? [];
  return (
    <Section title={t('sync.outbox.title')} icon={<OutboxOutlined />}>
      {error && (
        <ApiErrorAlert
          title={t('sync.outbox.failed')}
          error={error}
          onClose={() => {
            setDismissError(null);
            setClosedError(loadError);
          }}
        />
      )}
      <FactList>
        <Fact label={t('sync.outbox.pending')}>{counts ? number.format(counts.pending) : ''}</Fact>
        <Fact label={t('sync.outbox.inDoubt')}>{counts ? number.format(counts.inDoubt) : ''}</Fact>
        <Fact label={t('sync.outbox.needsAttention')}>{counts ? number.format(counts.needsAttention) : ''}</Fact>
      </FactList>
      {outbox && operations.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          {t('sync.outbox.empty')}
        </Typography>
      )}
      {counts && counts.inDoubt > 0 && (
        <Alert severity="info" sx={{ mt: 2 }}>
          {t('sync.outbox.inDoubtExplained')}
        </Alert>
      )}
      {operations.length > 0 && (
        <TableContainer sx={{ mt: 2 }}>
          <Table size="small" aria-label={t('sync.outbox.tableLabel')} sx={fitTableSx}>
            {/* Queued, System, Operation (codes whole), Status, Details, the pinned Dismiss. */}
            <FitColumns widths={[150, undefined, 232, 140, undefined, 104]} />
            <TableHead>
              <TableRow>
                <TableCell>{t('sync.outbox.columns.queued')}</TableCell>
                <TableCell>{t('sync.outbox.columns.system')}</TableCell>
                <TableCell>{t('sync.outbox.columns.codes')}</TableCell>
                <TableCell>{t('sync.outbox.columns.status')}</TableCell>
                <TableCell>{t('sync.outbox.columns.details')}</TableCell>
                <TableCell className={PINNED}>
                  {/* Named for assistive technology (empty-table-header); the buttons say what they do. */}
                  <Box component="span" sx={visuallyHiddenSx}>
                    {t('sync.outbox.columns.actions')}
                  </Box>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {operations.map((operation) => {
                const queued = formatDateTime(operation.createdAt);
                const systemName = operationSystemName(operation);
                const description =
                  operation.kind === 'system'
                    ? describeSystemOperation(operation, t)
                    : operation.kind === 'server'
                      ? describeServerOperation(operation, t)
                      : null;
                const next =
                  operation.nextAttemptAt && (operation.status === 'pending' || operation.status === 'in_doubt')
                    ? t('sync.outbox.nextAttempt', { time: formatDateTime(operation.nextAttemptAt) })
                    : null;
                return (
                  <TableRow key={operation.id} sx={{ verticalAlign: 'top', '& td': { py: 0.75 } }}>
                    <TableCell title={queued}>{queued}</TableCell>
                    <TableCell title={[displayMac(operation.request.mac), systemName].filter(Boolean).join('\n')}>
                      <Typography variant="body2" sx={{ fontFamily: monospaceFontStack, fontSize: '0.8125rem' }}>
                        {displayMac(operation.request.mac)}
                      </Typography>
                      {systemName && (
                        <Typography variant="caption" color="text.secondary">
                          {systemName}
                        </Typography>
                      )}
                    </TableCell>
                    {description !== null ? (
                      <TableCell className={WRAP} title={description}>
                        <Typography variant="body2">{description}</Typography>
                      </TableCell>
                    ) : (
                      <TableCell>
                        <Stack spacing={0.25}>
                          {operation.kind === 'redemption' &&
                            operation.request.authCodes.map((code, index) => {
                              const result = operation.results?.[index];
                              const refused = result && result.status !== 'redeemed';
                              return (
                                <Typography
                                  key={code}
                                  variant="body2"
                                  title={code}
                                  sx={{
                                    fontFamily: monospaceFontStack,
                                    fontSize: '0.75rem',
                                    color: refused ? 'error.main' : undefined,
                                    whiteSpace: 'nowrap',
                                    overflow: 'hidden',
                                    textOverflow: 'ellipsis',
                                  }}
                                >
                                  {code}
                                </Typography>
                              );
                            })}
                        </Stack>
                      </TableCell>
                    )}
                    <TableCell>
                      <Chip
                        size="small"
                        color={STATUS_COLOR[operation.status]}
                        label={statusLabel(operation.status)}
                        sx={{ maxWidth: '100%' }}
                      />
                    </TableCell>
                    <TableCell className={WRAP} title={[operation.lastError, next].filter(Boolean).join('\n') || undefined}>
                      {operation.lastError && (
                        <Typography
                          variant="body2"
                          sx={{ display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}
                        >
                          {operation.lastError}
                        </Typography>
                      )}
                      {next && (
                        <Typography variant="caption" color="text.secondary">
                          {next}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell className={PINNED}>
                      {operation.status === 'needs_attention' && (
                        <Button
                          size="small"
                          onClick={() => void dismiss(operation)}
                          disabled={dismissing === operation.id}
                          aria-label={
                            operation.kind === 'system'
                              ? t('sync.outbox.dismissSystemLabel', { mac: displayMac(operation.request.mac) })
                              : operation.kind === 'server'
                                ? t('sync.outbox.dismissServerLabel', { mac: displayMac(operation.request.mac) })
                                : t('sync.outbox.dismissLabel', { mac: displayMac(operation.request.mac) })
                          }
                        >
                          {t('sync.outbox.dismiss')}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Section>
  );
}

/** "Add system 00:0A:DD:02:3F:8F “Front desk”", or "Rename 00:0A:DD:02:3F:8F to “Front desk”". */
function describeSystemOperation({ request }: SystemOperation, t: TFunction): string {
  const mac = displayMac(request.mac);
  if (request.action === 'rename' && request.systemName) return t('sync.outbox.systemRename', { mac, name: request.systemName });
  return request.systemName ? t('sync.outbox.systemAddNamed', { mac, name: request.systemName }) : t('sync.outbox.systemAdd', { mac });
}

/** The system name an operation carries, if any. */
function operationSystemName(operation: OutboxOperation): string | null {
  if (operation.kind !== 'server') return operation.request.systemName;
  const { request } = operation;
  return request.action === 'save' || request.action === 'register' ? request.registration.systemName : null;
}

/** "Register server 00:0A:DD:…", "Hide server 00:0A:DD:…", "RMA for 00:0A:DD:… (replacement 00:0A:DD:…)". */
function describeServerOperation({ request }: ServerOperation, t: TFunction): string {
  const mac = displayMac(request.mac);
  if (request.action === 'rma') return t('sync.outbox.serverRma', { mac, replacement: displayMac(request.replacementMac) });
  switch (request.action) {
    case 'save':
      return t('sync.outbox.serverAction.save', { mac });
    case 'register':
      return t('sync.outbox.serverAction.register', { mac });
    case 'hide':
      return t('sync.outbox.serverAction.hide', { mac });
    case 'unhide':
      return t('sync.outbox.serverAction.unhide', { mac });
  }
}
