// GROUNDWORK: the Server Management Dashboard (issue 11) replaces this page before it lands.
import { Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';

export function ServersPage() {
  const { t } = useTranslation();
  return <Typography>{t('servers.title')}</Typography>;
}
