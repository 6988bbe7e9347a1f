import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import ArrowBack from '@mui/icons-material/ArrowBack';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerHistoryRecord, ServerRow } from '../../../../core/servers/contract';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Fact, FactList } from '../../components/FactList';
import { Section } from '../../components/Section';
import { displayMac, useFormatDateTime } from '../../i18n/format';
import { pageHref } from '../../routing/hash-route';
import { monospaceFontStack } from '../../theme/theme';
import { useHistoryActionLabel, usePendingLabel, useStatusLabel } from './server-labels';
import { useCoreQuery } from '../../api/queries';
import type { ServersScreen } from './use-servers-route';
import { useSay } from '../../i18n/messages';

type HrefTo = (screen: ServersScreen) => string;

/** A screen of the dashboard below the list, with the portal's way back ("Click here to return"). */
function ServerScreen({ title, hrefTo, children }: { title: string; hrefTo: HrefTo; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ maxWidth: 1280, mx: 'auto', px: { xs: 2, sm: 4 }, py: { xs: 3, sm: 4 } }}>
      <Link href={hrefTo({ kind: 'list' })} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, mb: 2 }}>
        <ArrowBack fontSize="small" />
        {t('servers.back')}
      </Link>
      <Typography variant="h1" tabIndex={-1} data-page-heading sx={{ outline: 'none', mb: 3 }}>
        {title}
      </Typography>
      <Stack spacing={3}>{children}</Stack>
    </Box>
  );
}

/** View Registration Details: the server's registration, read-only, with its RMA and what waits for the portal. */
export function RegistrationDetailsView({ mac, hrefTo }: { mac: string; hrefTo: HrefTo }) {
  const { t } = useTranslation();
  const statusLabel = useStatusLabel();
  const pendingLabel = usePendingLabel();
  const formatDateTime = useFormatDateTime();
  const { data: server, error } = useCoreQuery('servers.get', { mac });
  const shownMac = /^[0-9A-F]{12}$/i.test(mac) ? displayMac(mac) : mac;

  return (
    <ServerScreen title={t('servers.details.title', { mac: shownMac })} hrefTo={hrefTo}>
      {error && <ApiErrorAlert title={t('servers.details.failed')} error={error} />}
      {server === undefined && !error && <LinearProgress aria-label={t('servers.details.loading')} />}
      {server === null && <Alert severity="warning">{t('servers.details.notFound')}</Alert>}
      {server && (
        <>
          {server.rma && (
            <Alert severity={server.rma.state === 'requested' ? 'warning' : 'info'} role="note">
              {server.rma.state === 'requested'
                ? t('servers.details.rmaRequested', {
                    replacement: displayMac(server.rma.replacementMac),
                    count: server.keysToMove,
                  })
                : t('servers.details.rmaCompleted', { replacement: displayMac(server.rma.replacementMac) })}
            </Alert>
          )}
          {server.pending.length > 0 && (
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {server.pending.map((change) => (
                <Chip
                  key={change.operationId}
                  color={change.status === 'needs_attention' ? 'error' : 'info'}
                  variant={change.status === 'needs_attention' ? 'filled' : 'outlined'}
                  label={pendingLabel(change)}
                  {...(change.status === 'needs_attention' ? { component: 'a', href: pageHref('sync'), clickable: true } : {})}
                />
              ))}
            </Stack>
          )}
          <Section title={t('servers.details.server')}>
            <FactList>
              <Fact label={t('servers.form.mac')} monospace copyText={displayMac(server.mac)}>
                {displayMac(server.mac)}
              </Fact>
              <Fact label={t('servers.form.serial')} monospace>
                {server.serial}
              </Fact>
              <Fact label={t('servers.form.model')}>{server.model}</Fact>
              <Fact label={t('servers.columns.status')}>{statusLabel(server.status)}</Fact>
              <Fact label={t('servers.columns.siteId')}>{server.siteId ?? t('servers.details.none')}</Fact>
              <Fact label={t('servers.columns.added')}>{formatDateTime(server.addedAt)}</Fact>
              <Fact label={t('servers.details.hidden')}>{server.hidden ? t('servers.details.yes') : t('servers.details.no')}</Fact>
              <Fact label={t('servers.details.keys')}>
                <Link href={pageHref('systems', [server.mac])}>{t('servers.details.keyCount', { count: server.keyCount })}</Link>
              </Fact>
              {server.rma && <Fact label={t('servers.rma.reason')}>{server.rma.reason}</Fact>}
            </FactList>
          </Section>
          <Section title={t('servers.details.registration')}>
            <FactList>
              <Fact label={t('servers.form.systemName')}>{server.registration.systemName}</Fact>
              <Fact label={t('servers.form.company')}>{server.registration.company}</Fact>
              <Fact label={t('servers.form.street')}>{server.registration.street}</Fact>
              <Fact label={t('servers.form.city')}>{server.registration.city}</Fact>
              <Fact label={t('servers.form.region')}>{server.registration.region}</Fact>
              <Fact label={t('servers.form.postalCode')}>{server.registration.postalCode}</Fact>
              <Fact label={t('servers.form.country')}>{server.registration.country}</Fact>
              <Fact label={t('servers.form.contactName')}>{server.registration.contactName}</Fact>
              <Fact label={t('servers.form.contactPhone')}>{server.registration.contactPhone}</Fact>
              <Fact label={t('servers.form.contactEmail')}>{server.registration.contactEmail}</Fact>
            </FactList>
          </Section>
          <Stack direction="row" spacing={2}>
            <Link href={hrefTo({ kind: 'history', mac: server.mac })}>{t('servers.manage.serverHistory')}</Link>
            {server.siteId && <Link href={hrefTo({ kind: 'site', siteId: server.siteId })}>{t('servers.manage.siteHistory')}</Link>}
          </Stack>
        </>
      )}
    </ServerScreen>
  );
}

/** View Server History: every record of one server, newest first, queued changes marked. */
export function ServerHistoryView({ mac, hrefTo }: { mac: string; hrefTo: HrefTo }) {
  const { t } = useTranslation();
  const { data: value, error } = useCoreQuery('servers.history', { mac });
  const shownMac = /^[0-9A-F]{12}$/i.test(mac) ? displayMac(mac) : mac;
  return (
    <ServerScreen title={t('servers.history.serverTitle', { mac: shownMac })} hrefTo={hrefTo}>
      {error && <ApiErrorAlert title={t('servers.history.failed')} error={error} />}
      {!value && !error && <LinearProgress aria-label={t('servers.history.loading')} />}
      {value && <HistoryTable records={value.records} label={t('servers.history.records')} hrefTo={hrefTo} showMac={false} />}
    </ServerScreen>
  );
}

/** View Site History: every registration record with this Site/Server ID, and the site's servers. */
export function SiteHistoryView({ siteId, hrefTo }: { siteId: string; hrefTo: HrefTo }) {
  const { t } = useTranslation();
  const statusLabel = useStatusLabel();
  const { data: value, error } = useCoreQuery('servers.siteHistory', { siteId });
  return (
    <ServerScreen title={t('servers.history.siteTitle', { siteId })} hrefTo={hrefTo}>
      {error && <ApiErrorAlert title={t('servers.history.failed')} error={error} />}
      {!value && !error && <LinearProgress aria-label={t('servers.history.loading')} />}
      {value && (
        <>
          <Section title={t('servers.history.siteServers')}>
            <TableContainer>
              <Table size="small" aria-label={t('servers.history.siteServers')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('servers.columns.mac')}</TableCell>
                    <TableCell>{t('servers.columns.model')}</TableCell>
                    <TableCell>{t('servers.columns.systemName')}</TableCell>
                    <TableCell>{t('servers.columns.company')}</TableCell>
                    <TableCell>{t('servers.columns.status')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {value.servers.map((server: ServerRow) => (
                    <TableRow key={server.mac}>
                      <TableCell sx={{ fontFamily: monospaceFontStack }}>
                        <Link href={hrefTo({ kind: 'details', mac: server.mac })}>{displayMac(server.mac)}</Link>
                      </TableCell>
                      <TableCell>{server.model}</TableCell>
                      <TableCell>{server.systemName}</TableCell>
                      <TableCell>{server.company}</TableCell>
                      <TableCell>{statusLabel(server.status)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </Section>
          <HistoryTable records={value.records} label={t('servers.history.records')} hrefTo={hrefTo} showMac />
        </>
      )}
    </ServerScreen>
  );
}

function HistoryTable({
  records,
  label,
  hrefTo,
  showMac,
}: {
  records: ServerHistoryRecord[];
  label: string;
  hrefTo: HrefTo;
  showMac: boolean;
}) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const say = useSay();
  const statusLabel = useStatusLabel();
  const actionLabel = useHistoryActionLabel();
  if (records.length === 0)
    return (
      <Section title={label}>
        <Typography color="text.secondary">{t('servers.history.empty')}</Typography>
      </Section>
    );
  return (
    <Section title={label}>
      <TableContainer>
        <Table size="small" aria-label={label}>
          <TableHead>
            <TableRow>
              <TableCell>{t('servers.history.date')}</TableCell>
              {showMac && <TableCell>{t('servers.columns.mac')}</TableCell>}
              <TableCell>{t('servers.history.action')}</TableCell>
              <TableCell>{t('servers.columns.status')}</TableCell>
              <TableCell>{t('servers.columns.systemName')}</TableCell>
              <TableCell>{t('servers.columns.company')}</TableCell>
              <TableCell>{t('servers.columns.siteId')}</TableCell>
              <TableCell>{t('servers.history.note')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {records.map((record) => (
              <TableRow key={record.id}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(record.at)}</TableCell>
                {showMac && (
                  <TableCell sx={{ fontFamily: monospaceFontStack, whiteSpace: 'nowrap' }}>
                    <Link href={hrefTo({ kind: 'details', mac: record.mac })}>{displayMac(record.mac)}</Link>
                  </TableCell>
                )}
                <TableCell>
                  {actionLabel(record.action)}
                  {record.source === 'queued' && (
                    <Chip size="small" color="info" variant="outlined" label={t('servers.history.queued')} sx={{ ml: 1 }} />
                  )}
                </TableCell>
                <TableCell>{statusLabel(record.status)}</TableCell>
                <TableCell>{record.registration.systemName}</TableCell>
                <TableCell>{record.registration.company}</TableCell>
                <TableCell>{record.siteId}</TableCell>
                <TableCell>{record.note ? say(record.note) : ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Section>
  );
}
