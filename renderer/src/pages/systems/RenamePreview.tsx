import Alert from '@mui/material/Alert';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemRename } from '../../../../core/systems/contract';
import { useApi } from '../../api/CoreProvider';
import { displayMac } from '../../i18n/format';
import { monospaceFontStack } from '../../theme/theme';
import type { SystemToAdd } from './add-systems-rules';
import { FitColumns, fitTableSx } from '../../components/data-table/fit-table';

/** The MAC's column: 00:0A:DD:EE:01:01 whole in the monospace face; the two names share the rest. */
const MAC_WIDTH = 168;

export type RenameChoice = 'keep' | 'rename';

/**
 * The known systems a range or a file would rename (systems.renamesFor), asked again whenever
 * what would be sent changes; null until the core has answered for the current list.
 */
export function useRenamePreview(systems: readonly SystemToAdd[]): SystemRename[] | null {
  const api = useApi();
  const key = JSON.stringify(systems);
  const [answer, setAnswer] = useState<{ key: string; renames: SystemRename[] } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `systems`
  useEffect(() => {
    if (systems.length === 0) return;
    let current = true;
    api.invoke('systems.renamesFor', { systems: [...systems] }).then(
      ({ renames }) => current && setAnswer({ key, renames }),
      // The preview is advice: without it the default (keep names) still holds.
      () => current && setAnswer({ key, renames: [] }),
    );
    return () => {
      current = false;
    };
  }, [api, key]);
  if (systems.length === 0) return [];
  return answer?.key === key ? answer.renames : null;
}

/** Each known system whose name would change (MAC, current name, new name), and the choice: keep names (the default) or rename. */
export function RenamePreview({
  renames,
  choice,
  onChoice,
}: {
  renames: readonly SystemRename[];
  choice: RenameChoice;
  onChoice: (choice: RenameChoice) => void;
}) {
  const { t } = useTranslation();
  const labelId = useId();
  if (renames.length === 0) return null;
  return (
    <Stack spacing={1.5}>
      <Alert severity="warning" role="status">
        {t('systems.add.renames.lead', { count: renames.length })}
      </Alert>
      <TableContainer sx={{ maxHeight: 280 }}>
        <Table size="small" stickyHeader aria-label={t('systems.add.renames.label')} sx={fitTableSx}>
          {/* A name that does not fit ends in an ellipsis, the whole of it on hover. */}
          <FitColumns widths={[MAC_WIDTH, undefined, undefined]} />
          <TableHead>
            <TableRow>
              <TableCell>{t('systems.add.columns.mac')}</TableCell>
              <TableCell>{t('systems.add.renames.currentName')}</TableCell>
              <TableCell>{t('systems.add.renames.newName')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {renames.map((rename) => {
              const mac = displayMac(rename.mac);
              const currentName = rename.currentName ?? t('systems.add.renames.noName');
              return (
                <TableRow key={rename.mac}>
                  <TableCell sx={{ fontFamily: monospaceFontStack }} title={mac}>
                    {mac}
                  </TableCell>
                  <TableCell title={currentName}>{currentName}</TableCell>
                  <TableCell title={rename.newName}>{rename.newName}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      <FormControl>
        <FormLabel id={labelId}>{t('systems.add.renames.question')}</FormLabel>
        <RadioGroup aria-labelledby={labelId} value={choice} onChange={(_event, value) => onChoice(value as RenameChoice)}>
          <FormControlLabel value="keep" control={<Radio />} label={t('systems.add.renames.keep')} />
          <FormControlLabel value="rename" control={<Radio />} label={t('systems.add.renames.rename')} />
        </RadioGroup>
      </FormControl>
    </Stack>
  );
}
