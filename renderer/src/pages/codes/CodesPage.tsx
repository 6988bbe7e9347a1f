import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import FileUploadOutlined from '@mui/icons-material/FileUploadOutlined';
import { FileDropOverlay } from '../../components/file-drop/FileDropOverlay';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CodeImportResult, CodeSortColumn } from '../../../../core/codes/contract';
import { ListFrame, tableListProps } from '../../components/data-table/ListFrame';
import { downloadExportedFile } from '../redeem/download';
import { BalanceSection } from './BalanceSection';
import { CodesFilterForm } from './CodesFilterForm';
import { CodesTable } from './CodesTable';
import { filterFromView, nextSort } from './codes-filter';
import { useCodesRoute } from './use-codes-route';
import { DraftReport } from './DraftReport';
import { ImportProblemAlert } from './ImportProblemAlert';
import { useCodeBalance } from './use-code-balance';
import { useCodeImport } from './use-code-import';
import { useCodePages } from './use-code-pages';

export interface CodesPageProps {
  /** Saves an exported file; tests pass a recorder. */
  save?: typeof downloadExportedFile;
}

/**
 * The code inventory: Import distributor spreadsheet (button or a file dropped on the page) with a
 * Draft report before anything is saved; the balance by SKU (exportable, checked with the portal);
 * every code listed, searched and sorted by the core, read page by page as the user scrolls.
 */
export function CodesPage({ save = downloadExportedFile }: CodesPageProps) {
  const { t, i18n } = useTranslation();
  const { view, update } = useCodesRoute();
  const filter = useMemo(() => filterFromView(view), [view]);
  const codes = useCodePages(filter);
  const balance = useCodeBalance();
  const importer = useCodeImport();
  const number = new Intl.NumberFormat(i18n.language);

  const onSort = useCallback((column: CodeSortColumn) => update(nextSort(view, column), 'step'), [update, view]);

  const resultSentence = (result: CodeImportResult) => importResultSentence(t, result);

  const progress = importer.reading?.progress;
  const countText = codes.total
    ? codes.total.exact
      ? t('codes.count', { count: codes.total.count })
      : t('codes.countMoreThan', { count: codes.total.count })
    : null;

  return (
    <Box sx={{ maxWidth: 1480, mx: 'auto', px: { xs: 2, sm: 4 }, py: { xs: 3, sm: 4 } }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'flex-start' }, mb: 3 }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h1" tabIndex={-1} data-page-heading sx={{ outline: 'none', mb: 0.5 }}>
            {t('codes.title')}
          </Typography>
          <Typography color="text.secondary">{t('codes.description')}</Typography>
        </Box>
        <input
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          hidden
          aria-label={t('codes.import.fileLabel')}
          {...importer.fileInputProps}
        />
        <Button
          variant="contained"
          startIcon={<FileUploadOutlined />}
          disabled={importer.reading !== null || importer.confirming}
          onClick={importer.choose}
          sx={{ flexShrink: 0 }}
        >
          {t('codes.import.button')}
        </Button>
      </Stack>

      <Stack spacing={3}>
        {importer.running.cancelled && (
          <Alert severity="info" role="status" onClose={importer.running.dismissCancelled}>
            {t('imports.cancelled', { file: importer.running.cancelled })}
          </Alert>
        )}
        {importer.reading && (
          <Alert
            severity="info"
            role="status"
            sx={{ '& .MuiAlert-message': { flexGrow: 1 } }}
            action={
              <Button color="inherit" size="small" disabled={importer.running.cancelling} onClick={() => void importer.running.cancel()}>
                {t('imports.cancel')}
              </Button>
            }
          >
            <Typography variant="body2" sx={{ mb: 1 }}>
              {progress?.phase === 'pictures' && progress.pictures > 0
                ? t('codes.import.readingPictures', {
                    file: importer.reading.fileName,
                    done: number.format(progress.picturesDone),
                    total: number.format(progress.pictures),
                  })
                : t('codes.import.reading', { file: importer.reading.fileName })}
            </Typography>
            {progress?.phase === 'pictures' && progress.pictures > 0 ? (
              <LinearProgress
                aria-label={t('codes.import.progressLabel')}
                variant="determinate"
                value={Math.min(100, Math.round((progress.picturesDone / progress.pictures) * 100))}
              />
            ) : (
              <LinearProgress aria-label={t('codes.import.progressLabel')} />
            )}
          </Alert>
        )}
        {importer.problem && <ImportProblemAlert problem={importer.problem} onClose={importer.dismissProblem} />}
        {importer.result && (
          <Alert severity="success" role="status" onClose={importer.dismissResult}>
            {resultSentence(importer.result)}
          </Alert>
        )}

        {importer.draft && (
          <DraftReport
            draft={importer.draft}
            skip={importer.skip}
            onToggleSkip={importer.toggleSkip}
            onChooseAnother={importer.choose}
            onCancel={() => void importer.cancel()}
            onConfirm={() => void importer.confirm()}
            confirming={importer.confirming}
            busy={importer.reading !== null}
            confirmError={importer.confirmError}
          />
        )}

        <BalanceSection balance={balance} save={save} />

        <Box component="section" aria-labelledby="codes-list-heading">
          <Typography id="codes-list-heading" variant="h2" sx={{ mb: 1.5 }}>
            {t('codes.list.title')}
          </Typography>
          <Stack spacing={2}>
            <CodesFilterForm view={view} skus={balance.balance?.rows ?? []} onChange={update} />
            <Box role="status" aria-live="polite">
              <Typography component="span" sx={{ fontWeight: 600 }}>
                {codes.loading && codes.total === null ? <Skeleton width={120} sx={{ display: 'inline-block' }} /> : countText}
              </Typography>
            </Box>
            <ListFrame pages={codes} loadFailedTitle={t('codes.table.loadFailed')} loadingLabel={t('codes.table.loading')}>
              <CodesTable
                {...tableListProps(codes)}
                view={view}
                scrollKey={JSON.stringify(filter)}
                onSort={onSort}
                emptyMessage={
                  codes.loading
                    ? t('codes.table.loading')
                    : view.contains || view.status || view.sku !== null
                      ? t('codes.table.noMatch')
                      : t('codes.table.empty')
                }
              />
            </ListFrame>
          </Stack>
        </Box>
      </Stack>

      {importer.dragging && <FileDropOverlay text={t('codes.import.dropHere')} />}
    </Box>
  );
}

/** What an import stored, as one sentence: what was added, then each other outcome there was, joined as the language joins them. */
export function importResultSentence(t: TFunction, result: CodeImportResult): string {
  return t('codes.import.doneSentence', {
    parts: [
      t('codes.import.done', { file: result.fileName, count: result.added }),
      result.addedRedeemed > 0 ? t('codes.import.doneRedeemed', { count: result.addedRedeemed }) : null,
      result.alreadyInInventory > 0 ? t('codes.import.doneAlready', { count: result.alreadyInInventory }) : null,
      result.skipped > 0 ? t('codes.import.doneSkipped', { count: result.skipped }) : null,
    ]
      .filter((part) => part !== null)
      .join(t('codes.import.doneSeparator')),
  });
}
