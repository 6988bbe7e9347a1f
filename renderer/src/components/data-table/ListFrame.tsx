import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSay } from '../../i18n/messages';
import { ApiErrorAlert } from '../ApiErrorAlert';
import type { KeysetPagesState } from './use-keyset-pages';

type Pages<Row> = KeysetPagesState<Row> & { loadMore: () => Promise<void>; retry: () => Promise<void> };

/** What a DataTable takes from a keyset-paged list's state. */
export function tableListProps<Row>(pages: Pages<Row>) {
  return {
    rows: pages.rows,
    totalRows: pages.total?.exact ? pages.total.count : null,
    hasMore: pages.nextCursor !== null,
    loadingMore: pages.loadingMore,
    moreError: pages.moreError,
    loadMore: () => void pages.loadMore(),
  };
}

/**
 * Around a paged list's table: the core's note on the search, the first page's failure with Try
 * again, and a progress bar while a new filter is read (the old rows stay under it).
 */
export function ListFrame<Row>({
  pages,
  loadFailedTitle,
  loadingLabel,
  children,
}: {
  pages: Pages<Row>;
  loadFailedTitle: string;
  loadingLabel: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const say = useSay();
  return (
    <>
      {pages.note && (
        <Alert severity="info" role="note">
          {typeof pages.note === 'string' ? pages.note : say(pages.note)}
        </Alert>
      )}
      {pages.error && (
        <ApiErrorAlert
          title={loadFailedTitle}
          error={pages.error}
          action={
            <Button color="inherit" size="small" onClick={() => void pages.retry()}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      <Box>
        <LinearProgress
          aria-label={loadingLabel}
          sx={{ visibility: pages.loading ? 'visible' : 'hidden', borderRadius: 1, mb: 0.5 }}
          aria-hidden={!pages.loading}
        />
        {children}
      </Box>
    </>
  );
}
