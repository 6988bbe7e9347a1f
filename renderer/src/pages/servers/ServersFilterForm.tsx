import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import RestartAltOutlined from '@mui/icons-material/RestartAltOutlined';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVER_MODELS, SERVER_STATUSES, type ServerModel, type ServerStatus } from '../../../../core/domain/servers';
import type { ServerSearchField } from '../../../../core/servers/contract';
import { EMPTY_SEARCH, SERVER_SEARCH_FIELDS, dateRangeProblem, type ServersSearch } from './servers-filter';
import { useStatusLabel } from './server-labels';
import { DateRangeFields } from '../../components/data-table/DateRangeFields';

/** Select values for "all" (a select needs a string). */
const ALL = 'all';

/**
 * The portal's dashboard search: Start Date / End Date (added), By + Contains, Machine Type,
 * Server Status. The fields are a draft until Search (or Enter); Reset returns them to the
 * original state and lists again.
 */
export function ServersFilterForm({ search, onSearch }: { search: ServersSearch; onSearch: (search: ServersSearch) => void }) {
  const { t } = useTranslation();
  const statusLabel = useStatusLabel();
  const [draft, setDraft] = useState(search);
  const searchKey = JSON.stringify(search);
  // Back, forward or a link changed the list: the fields show what it lists.
  // biome-ignore lint/correctness/useExhaustiveDependencies: searchKey stands for the search's value
  useEffect(() => setDraft(search), [searchKey]);

  const byLabels: Record<ServerSearchField, string> = {
    all: t('servers.filter.byAll'),
    mac: t('servers.columns.mac'),
    serial: t('servers.filter.bySerial'),
    systemName: t('servers.columns.systemName'),
    company: t('servers.columns.company'),
    siteId: t('servers.columns.siteId'),
  };
  const reversed = dateRangeProblem(draft) === 'reversed';

  return (
    <Stack
      component="form"
      role="search"
      aria-label={t('servers.filter.label')}
      direction={{ xs: 'column', md: 'row' }}
      spacing={1.5}
      useFlexGap
      sx={{ alignItems: { md: 'flex-start' }, flexWrap: 'wrap' }}
      onSubmit={(event) => {
        event.preventDefault();
        if (!reversed) onSearch(draft);
      }}
    >
      <DateRangeFields
        from={draft.from}
        to={draft.to}
        labels={{ from: t('servers.filter.from'), to: t('servers.filter.to'), reversed: t('servers.filter.reversed') }}
        onChange={(range) => setDraft({ ...draft, ...range })}
      />
      <TextField
        select
        size="small"
        label={t('servers.filter.by')}
        value={draft.by}
        onChange={(event) => setDraft({ ...draft, by: event.target.value as ServerSearchField })}
        sx={{ width: { md: 200 } }}
      >
        {SERVER_SEARCH_FIELDS.map((field) => (
          <MenuItem key={field} value={field}>
            {byLabels[field]}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        type="search"
        size="small"
        label={t('servers.filter.contains')}
        value={draft.contains}
        onChange={(event) => setDraft({ ...draft, contains: event.target.value })}
        slotProps={{ htmlInput: { maxLength: 200, spellCheck: false, autoComplete: 'off' } }}
        sx={{ flexGrow: 1, minWidth: { md: 200 } }}
      />
      <TextField
        select
        size="small"
        label={t('servers.filter.machineType')}
        value={draft.model ?? ALL}
        onChange={(event) => setDraft({ ...draft, model: event.target.value === ALL ? null : (event.target.value as ServerModel) })}
        sx={{ width: { md: 160 } }}
      >
        <MenuItem value={ALL}>{t('servers.filter.allModels')}</MenuItem>
        {SERVER_MODELS.map((model) => (
          <MenuItem key={model} value={model}>
            {model}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={t('servers.filter.serverStatus')}
        value={draft.status ?? ALL}
        onChange={(event) => setDraft({ ...draft, status: event.target.value === ALL ? null : (event.target.value as ServerStatus) })}
        sx={{ width: { md: 160 } }}
      >
        <MenuItem value={ALL}>{t('servers.filter.allStatuses')}</MenuItem>
        {SERVER_STATUSES.map((status) => (
          <MenuItem key={status} value={status}>
            {statusLabel(status)}
          </MenuItem>
        ))}
      </TextField>
      <Stack direction="row" spacing={1}>
        <Button type="submit" variant="contained" startIcon={<SearchOutlined />} disabled={reversed} sx={{ height: 40 }}>
          {t('servers.filter.search')}
        </Button>
        <Button
          type="button"
          variant="outlined"
          startIcon={<RestartAltOutlined />}
          sx={{ height: 40 }}
          onClick={() => {
            setDraft(EMPTY_SEARCH);
            onSearch(EMPTY_SEARCH);
          }}
        >
          {t('servers.filter.reset')}
        </Button>
      </Stack>
    </Stack>
  );
}
