import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Adding } from './use-add-systems';

/** Save / Cancel under each way of adding; Enter in a field saves. */
export function AddForm({
  label,
  adding,
  onSave,
  onCancel,
  children,
}: {
  label: string;
  adding: Adding;
  onSave: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Box
      component="form"
      noValidate
      aria-label={label}
      aria-busy={adding.sending}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (!adding.sending) onSave();
      }}
    >
      <Stack spacing={2.5}>
        {children}
        <Stack direction="row" spacing={1.5}>
          <Button
            type="submit"
            variant="contained"
            disabled={adding.sending}
            startIcon={adding.sending ? <CircularProgress size={16} color="inherit" aria-hidden /> : undefined}
          >
            {t('systems.add.save')}
          </Button>
          <Button onClick={onCancel} disabled={adding.sending}>
            {t('systems.add.cancel')}
          </Button>
        </Stack>
      </Stack>
    </Box>
  );
}
