import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';

/** The code inventory: distributor spreadsheets imported, the balance by SKU, the codes listed. */
export function CodesPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('codes.title')} description={t('codes.description')}>
      {null}
    </Page>
  );
}
