import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import AddOutlined from '@mui/icons-material/AddOutlined';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Section } from '../../components/Section';
import { ADD_MODES, type AddMode } from './add-systems-rules';
import { AddSystemsReport } from './AddSystemsReport';
import { FileForm } from './FileForm';
import { OneSystemForm } from './OneSystemForm';
import { RangeForm } from './RangeForm';
import { useAddSystems } from './use-add-systems';

/**
 * Add Systems, as the portals do it: one system (MAC + name, also to rename a known one), a MAC
 * range (at most 50), or a .txt / .csv file of MACs (at most 50). Each way previews what it will
 * send; the report says what became of every row, and whether it still waits for the portal.
 */
export function AddSystemsSection({ initialMac, onAdded, onCancel }: { initialMac: string; onAdded: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<AddMode>('one');
  const adding = useAddSystems({ onAdded });
  const tabsId = useId();
  const labels: Record<AddMode, string> = {
    one: t('systems.add.modes.one'),
    range: t('systems.add.modes.range'),
    file: t('systems.add.modes.file'),
  };

  return (
    <Section title={t('systems.add.title')} icon={<AddOutlined />}>
      <Stack spacing={2.5}>
        <Tabs value={mode} onChange={(_event, next: AddMode) => setMode(next)} aria-label={t('systems.add.modesLabel')}>
          {ADD_MODES.map((value) => (
            <Tab key={value} value={value} label={labels[value]} id={`${tabsId}-tab-${value}`} aria-controls={`${tabsId}-panel-${value}`} />
          ))}
        </Tabs>
        {ADD_MODES.map((value) => (
          <Box
            key={value}
            role="tabpanel"
            hidden={mode !== value}
            id={`${tabsId}-panel-${value}`}
            aria-labelledby={`${tabsId}-tab-${value}`}
          >
            {mode === value && value === 'one' && <OneSystemForm initialMac={initialMac} adding={adding} onCancel={onCancel} />}
            {mode === value && value === 'range' && <RangeForm adding={adding} onCancel={onCancel} />}
            {mode === value && value === 'file' && <FileForm adding={adding} onCancel={onCancel} />}
          </Box>
        ))}
        {adding.error && <ApiErrorAlert title={t('systems.add.failed')} error={adding.error} onClose={adding.dismissError} />}
        {adding.report && <AddSystemsReport report={adding.report} states={adding.outbox} onClose={adding.dismissReport} />}
      </Stack>
    </Section>
  );
}
