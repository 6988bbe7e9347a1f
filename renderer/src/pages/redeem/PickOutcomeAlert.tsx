import Alert from '@mui/material/Alert';
import { useTranslation } from 'react-i18next';
import type { PickOutcome } from './PickFromInventoryDialog';

/** What Pick from inventory put into the code fields, and when fewer codes were available than asked. */
export function PickOutcomeAlert({ outcome, onClose }: { outcome: PickOutcome; onClose: () => void }) {
  const { t } = useTranslation();
  const fewer = outcome.filled < outcome.asked;
  return (
    <Alert severity={fewer ? 'warning' : 'success'} role="status" onClose={onClose}>
      {outcome.filled === 0
        ? t('redeem.pick.nothing', { sku: outcome.sku })
        : t('redeem.pick.filled', { sku: outcome.sku, count: outcome.filled })}
      {fewer && outcome.filled > 0 && ` ${t('redeem.pick.fewer', { sku: outcome.sku, count: outcome.filled, asked: outcome.asked })}`}
    </Alert>
  );
}
