import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';

// PLACEHOLDER (replaced by the page's own work in this branch series).
export function QuickLookupPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('lookup.title')}>
      <Typography>Coming in this release.</Typography>
    </Page>
  );
}
