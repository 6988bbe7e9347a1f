import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DnsOutlined from '@mui/icons-material/DnsOutlined';
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoreQuery, useInvalidate } from '../../api/queries';
import { useDebounced } from '../../components/use-debounced';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Section } from '../../components/Section';
import { pageHref } from '../../routing/hash-route';
import { monospaceFontStack } from '../../theme/theme';
import { displayMac } from '../../i18n/format';
import { FitColumns, fitTableSx } from '../../components/data-table/fit-table';

const FILTER_DELAY_MS = 150;
const LIST_LIMIT = 100;

/**
 * The systems on this computer (systems.search: an empty filter lists the recent ones), each a
 * link to its page; asked again when the cache changes or `version` moves (a system added here).
 */
export function CachedSystems({ version }: { version: number }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const [filter, setFilter] = useState('');
  // The filter is asked for once typing pauses; the list shown stays until the new one arrives.
  const asked = useDebounced(filter.trim(), FILTER_DELAY_MS);
  const answer = useCoreQuery('systems.search', { query: asked, limit: LIST_LIMIT }, { placeholderData: keepPreviousData });
  const systems = answer.data?.systems ?? null;
  const error = answer.error;
  const invalidate = useInvalidate();
  // A system added here: read again at once rather than wait for the core's event.
  const firstVersion = useRef(version);
  useEffect(() => {
    if (version !== firstVersion.current) void invalidate('keys.changed');
  }, [version, invalidate]);

  return (
    <Section title={t('systems.list.title')} icon={<DnsOutlined />}>
      <Stack spacing={2}>
        <TextField
          label={t('systems.list.filter')}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          helperText={t('systems.list.filterHelp')}
          size="small"
          sx={{ maxWidth: 440 }}
          slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', maxLength: 200 } }}
        />
        {error && <ApiErrorAlert title={t('systems.list.failed')} error={error} />}
        {systems && systems.length === 0 && (
          <Typography color="text.secondary">{filter.trim() ? t('systems.list.noMatch') : t('systems.list.empty')}</Typography>
        )}
        {systems && systems.length > 0 && (
          <TableContainer>
            <Table size="small" aria-label={t('systems.list.tableLabel')} sx={fitTableSx}>
              {/* MAC (a link to the system, whole), System Name and Customer share the rest, Keys. */}
              <FitColumns widths={[176, undefined, undefined, 88]} />
              <TableHead>
                <TableRow>
                  <TableCell title={t('systems.list.columns.mac')}>{t('systems.list.columns.mac')}</TableCell>
                  <TableCell title={t('systems.list.columns.name')}>{t('systems.list.columns.name')}</TableCell>
                  <TableCell title={t('systems.list.columns.customer')}>{t('systems.list.columns.customer')}</TableCell>
                  <TableCell align="right" title={t('systems.list.columns.keys')}>
                    {t('systems.list.columns.keys')}
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {systems.map((system) => (
                  <TableRow key={system.mac}>
                    <TableCell sx={{ fontFamily: monospaceFontStack, whiteSpace: 'nowrap' }}>
                      <Link href={pageHref('systems', [system.mac])}>{displayMac(system.mac)}</Link>
                    </TableCell>
                    <TableCell title={system.name ?? undefined}>{system.name ?? ''}</TableCell>
                    <TableCell title={system.customer ?? undefined}>{system.customer ?? ''}</TableCell>
                    <TableCell align="right">{number.format(system.keyCount)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
        {systems && systems.length === LIST_LIMIT && (
          <Typography variant="body2" color="text.secondary">
            {t('systems.list.more', { count: LIST_LIMIT })}
          </Typography>
        )}
      </Stack>
    </Section>
  );
}
