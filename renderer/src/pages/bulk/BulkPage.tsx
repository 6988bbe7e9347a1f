import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';

/** Bulk redemption jobs: made from a file or the inventory, started, followed, reported. */
export function BulkPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('bulk.title')} description={t('bulk.description')}>
      {null}
    </Page>
  );
}
