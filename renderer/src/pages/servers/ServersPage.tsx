import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddCircleOutlineOutlined from '@mui/icons-material/AddCircleOutlineOutlined';
import GridOnOutlined from '@mui/icons-material/GridOnOutlined';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import type { ServerChangeResult, ServerRow, ServerSortColumn } from '../../../../core/servers/contract';
import type { ServerRequestSummary } from '../../../../core/sync/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { useInvalidate } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { LastSynced } from '../../components/data-table/LastSynced';
import { ListFrame, tableListProps } from '../../components/data-table/ListFrame';
import { OutsideDates } from '../../components/data-table/OutsideDates';
import { ExportJobAlerts } from '../../components/export-job/ExportJobAlerts';
import { navigate, pageHref } from '../../routing/hash-route';
import { downloadExportedFile } from '../redeem/download';
import { ManagementMenu, type ManagementFunction } from './ManagementMenu';
import { RmaDialog } from './RmaDialog';
import { ServerFormDialog } from './ServerFormDialog';
import { RegistrationDetailsView, ServerHistoryView, SiteHistoryView } from './ServerViews';
import { ServersFilterForm } from './ServersFilterForm';
import { ServersTable } from './ServersTable';
import { dateRangeProblem, filterFromView, nextSort } from './servers-filter';
import type { ServerFormTarget } from './use-server-form';
import { useServerExport } from './use-server-export';
import { useServerPages } from './use-server-pages';
import { useServersRoute } from './use-servers-route';
import { displayMac } from '../../i18n/format';
import { useSay } from '../../i18n/messages';

const systemClock = () => new Date();

export interface ServersPageProps {
  /** The clock ("synced 5 minutes ago"); tests pass a fixed one. */
  now?: () => Date;
  /** Saves an exported file; tests pass a recorder. */
  save?: typeof downloadExportedFile;
}

type Dialog = { kind: 'form'; target: ServerFormTarget } | { kind: 'rma'; server: ServerRow } | null;

/**
 * The portal's Server Management Dashboard, from the local cache: search, every column sorted by
 * the core, a hundred thousand servers read page by page as the user scrolls; select a server and
 * choose a Management Function; Add / Register Server; Export Server List to Excel. Every change
 * goes through the outbox and shows on its row until the portal answers.
 */
export function ServersPage({ now = systemClock, save = downloadExportedFile }: ServersPageProps) {
  const { screen, hrefTo } = useServersRoute();
  if (screen.kind === 'details') return <RegistrationDetailsView mac={screen.mac} hrefTo={hrefTo} />;
  if (screen.kind === 'history') return <ServerHistoryView mac={screen.mac} hrefTo={hrefTo} />;
  if (screen.kind === 'site') return <SiteHistoryView siteId={screen.siteId} hrefTo={hrefTo} />;
  return <ServersList now={now} save={save} />;
}

function ServersList({ now, save }: Required<ServersPageProps>) {
  const { t } = useTranslation();
  const say = useSay();
  const api = useApi();
  const { view, update, hrefTo } = useServersRoute();
  const searchable = dateRangeProblem(view) === null;
  const filter = useMemo(() => (searchable ? filterFromView(view) : null), [searchable, view]);
  const servers = useServerPages(filter);
  const invalidate = useInvalidate();
  const exporter = useServerExport(save);
  const [selectedMac, setSelectedMac] = useState<string | null>(null);
  const [lastSelected, setLastSelected] = useState<ServerRow | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [result, setResult] = useState<{ message: string; queued: boolean } | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);

  // The selected server as listed now (its pending changes and status change as the portal answers).
  const selected = selectedMac ? (servers.rows.find((row) => row.mac === selectedMac) ?? lastSelected) : null;

  const onSort = useCallback((column: ServerSortColumn) => update(nextSort(view, column)), [update, view]);
  const onSelect = useCallback((server: ServerRow) => {
    setSelectedMac(server.mac);
    setLastSelected(server);
  }, []);

  const describeResult = (change: ServerChangeResult) => {
    const mac = displayMac(change.server.mac);
    const request: ServerRequestSummary = change.operation.request;
    const what =
      request.action === 'save'
        ? t('servers.result.save', { mac })
        : request.action === 'register'
          ? t('servers.result.register', { mac })
          : request.action === 'hide'
            ? t('servers.result.hide', { mac })
            : request.action === 'unhide'
              ? t('servers.result.unhide', { mac })
              : t('servers.result.rma', { mac });
    return change.queued
      ? t('servers.result.queued', { what, reason: change.queuedReason ? say(change.queuedReason) : t('servers.result.waiting') })
      : t('servers.result.sent', { what });
  };

  const done = (change: ServerChangeResult) => {
    setDialog(null);
    setActionError(null);
    setResult({ message: describeResult(change), queued: change.queued });
    setSelectedMac(change.server.mac);
    setLastSelected(change.server);
    void invalidate('servers.changed');
  };

  const setHidden = async (server: ServerRow, hidden: boolean) => {
    setResult(null);
    setActionError(null);
    try {
      done(await api.invoke('servers.setHidden', { mac: server.mac, hidden }));
    } catch (err) {
      setActionError(toApiError(err));
    }
  };

  const choose = (fn: ManagementFunction, server: ServerRow) => {
    switch (fn) {
      case 'rma':
        setDialog({ kind: 'rma', server });
        return;
      case 'keys':
        navigate(pageHref('systems', [server.mac]));
        return;
      case 'siteHistory':
        if (server.siteId) navigate(hrefTo({ kind: 'site', siteId: server.siteId }));
        return;
      case 'serverHistory':
        navigate(hrefTo({ kind: 'history', mac: server.mac }));
        return;
      case 'details':
        navigate(hrefTo({ kind: 'details', mac: server.mac }));
        return;
      case 'modify':
        setDialog({ kind: 'form', target: { mode: 'modify', mac: server.mac } });
        return;
      case 'hide':
      case 'unhide':
        void setHidden(server, fn === 'hide');
        return;
    }
  };

  const countText = servers.total
    ? servers.total.exact
      ? t('servers.count', { count: servers.total.count })
      : t('servers.countMoreThan', { count: servers.total.count })
    : null;

  return (
    <Box sx={{ maxWidth: 1480, mx: 'auto', px: { xs: 2, sm: 4 }, py: { xs: 3, sm: 4 } }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start', mb: 3 }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h1" tabIndex={-1} data-page-heading sx={{ outline: 'none', mb: 0.5 }}>
            {t('servers.title')}
          </Typography>
          <Typography color="text.secondary">{t('servers.description')}</Typography>
        </Box>
        <Button
          variant="contained"
          startIcon={<AddCircleOutlineOutlined />}
          onClick={() => {
            setResult(null);
            setDialog({ kind: 'form', target: { mode: 'add' } });
          }}
          sx={{ flexShrink: 0 }}
        >
          {t('servers.add')}
        </Button>
      </Stack>

      <Stack spacing={2}>
        <ServersFilterForm search={view} onSearch={(search) => update({ ...view, ...search })} />

        <Stack direction={{ xs: 'column', md: 'row' }} spacing={1.5} useFlexGap sx={{ alignItems: { md: 'center' }, flexWrap: 'wrap' }}>
          <FormControlLabel
            control={<Checkbox checked={view.hidden} onChange={(event) => update({ ...view, hidden: event.target.checked })} />}
            label={t('servers.showHidden')}
          />
          <Box sx={{ flexGrow: 1 }} role="status" aria-live="polite">
            <Typography component="span" sx={{ fontWeight: 600, mr: 2 }}>
              {servers.loading && servers.total === null ? <Skeleton width={120} sx={{ display: 'inline-block' }} /> : countText}
            </Typography>
            {!servers.loading && !servers.error && (
              <OutsideDates outside={servers.outsideDates} onInclude={() => update({ ...view, from: null, to: null })} />
            )}
            {!servers.loading && !servers.error && <LastSynced at={servers.lastSyncedAt} now={now} never={t('servers.neverSynced')} />}
          </Box>
          <ManagementMenu server={selected} onChoose={choose} />
          <Button
            variant="outlined"
            startIcon={<GridOnOutlined />}
            disabled={exporter.job !== null || !filter || servers.loading || servers.rows.length === 0}
            onClick={() => filter && void exporter.start(filter)}
          >
            {t('servers.export.button')}
          </Button>
        </Stack>

        <ExportJobAlerts exporter={exporter} failedTitle={t('servers.export.failed')} />
        {result && (
          <Alert
            severity={result.queued ? 'info' : 'success'}
            role="status"
            onClose={() => setResult(null)}
            action={
              result.queued ? (
                <Link href={pageHref('sync')} color="inherit" sx={{ alignSelf: 'center', mr: 1 }}>
                  {t('servers.result.openSync')}
                </Link>
              ) : undefined
            }
          >
            {result.message}
          </Alert>
        )}
        {actionError && <ApiErrorAlert title={t('servers.actionFailed')} error={actionError} onClose={() => setActionError(null)} />}
        <ListFrame pages={servers} loadFailedTitle={t('servers.loadFailed')} loadingLabel={t('servers.table.loading')}>
          <ServersTable
            {...tableListProps(servers)}
            view={view}
            scrollKey={JSON.stringify(filter)}
            onSort={onSort}
            selectedMac={selectedMac}
            onSelect={onSelect}
            emptyMessage={
              servers.loading
                ? t('servers.table.loading')
                : !searchable
                  ? t('servers.filter.reversed')
                  : view.hidden
                    ? t('servers.table.noHidden')
                    : t('servers.table.empty')
            }
          />
        </ListFrame>
      </Stack>

      {dialog?.kind === 'form' && <ServerFormDialog target={dialog.target} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'rma' && <RmaDialog server={dialog.server} onClose={() => setDialog(null)} onDone={done} />}
    </Box>
  );
}
