import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSay } from '../../i18n/messages';
import type { ApiError } from '../../../../core/rpc/errors';
import type { CodeImportDraft, CodeSourceCell, DraftCode } from '../../../../core/codes/contract';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Fact, FactList } from '../../components/FactList';
import { monospaceFontStack } from '../../theme/theme';
import { FitColumns, fitTableSx, WRAP } from '../../components/data-table/fit-table';
import { displayMac, useFormatDateTime } from '../../i18n/format';

/** Rows drawn per list of the report; the rest are counted (they are imported all the same). */
export const REPORT_ROWS_SHOWN = 1000;

const mono = { fontFamily: monospaceFontStack, fontSize: '0.8125rem' } as const;

export interface DraftReportProps {
  draft: CodeImportDraft;
  skip: ReadonlySet<string>;
  onToggleSkip: (code: string) => void;
  onChooseAnother: () => void;
  onCancel: () => void;
  onConfirm: () => void;
  confirming: boolean;
  /** A file is being read to replace this draft. */
  busy: boolean;
  confirmError: ApiError | null;
}

/**
 * What confirming stores, as the report counts it: `ticked`, the new codes not left out (each has
 * a ticked box, or is past the rows drawn), which the Import button names; and `recorded`, the
 * codes already redeemed or waiting in the outbox, stored with their status (they have no box).
 */
export function codesToImport(draft: CodeImportDraft, skip: ReadonlySet<string>): { ticked: number; recorded: number } {
  return {
    ticked: draft.codes.filter((code) => code.state === 'new' && !skip.has(code.code)).length,
    recorded: draft.codes.filter((code) => (code.state === 'redeemed' || code.state === 'queued') && !skip.has(code.code)).length,
  };
}

/**
 * The Draft report of a distributor's file, before anything is saved: the counts, the codes found
 * (where, how, and what each is to FieldKey, with a checkbox to leave a new one out), the pieces
 * that look like codes and are not, duplicates within the file, and pictures that gave no code.
 * Choose another file, Cancel, or Import N codes.
 */
export function DraftReport({
  draft,
  skip,
  onToggleSkip,
  onChooseAnother,
  onCancel,
  onConfirm,
  confirming,
  busy,
  confirmError,
}: DraftReportProps) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const heading = useRef<HTMLHeadingElement>(null);
  const number = new Intl.NumberFormat(i18n.language);
  const formatDateTime = useFormatDateTime();
  const { counts } = draft;
  const toImport = codesToImport(draft, skip);
  const picturesWithoutCode = draft.pictures.filter((picture) => picture.state !== 'code' || picture.match === 'differs');

  // A new report takes the focus, so the keyboard (and a screen reader) starts at its heading.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the focus moves when another draft (another file) is shown
  useEffect(() => {
    heading.current?.focus();
  }, [draft.draftId]);

  const place = (cell: CodeSourceCell) => t('codes.report.place', { sheet: cell.sheet, row: cell.row });
  const foundBy = (code: DraftCode) =>
    code.source === 'both'
      ? t('codes.report.fromBoth')
      : code.source === 'picture'
        ? t('codes.report.fromPicture')
        : t('codes.report.fromText');
  const whatItIs = (code: DraftCode) => {
    switch (code.state) {
      case 'new':
        return t('codes.report.stateNew');
      case 'in_inventory':
        return t('codes.report.stateInInventory');
      case 'queued':
        return t('codes.report.stateQueued');
      case 'redeemed':
        return code.mac && code.redeemedAt
          ? t('codes.report.stateRedeemedTo', { mac: displayMac(code.mac), date: formatDateTime(code.redeemedAt) })
          : t('codes.report.stateRedeemed');
    }
  };

  return (
    <Paper component="section" variant="outlined" aria-labelledby="codes-draft-heading" sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography id="codes-draft-heading" ref={heading} variant="h2" tabIndex={-1} sx={{ outline: 'none', mb: 0.5 }}>
        {t('codes.report.title', { file: draft.fileName })}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('codes.report.help')}
      </Typography>

      <Stack spacing={3}>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 4, rowGap: 1 }}>
          <FactList>
            <Fact label={t('codes.report.countCodes')}>{number.format(counts.codes)}</Fact>
            <Fact label={t('codes.report.countNew')}>{number.format(counts.new)}</Fact>
            <Fact label={t('codes.report.countInInventory')}>{number.format(counts.inInventory)}</Fact>
            <Fact label={t('codes.report.countRedeemed')}>{number.format(counts.redeemed)}</Fact>
            <Fact label={t('codes.report.countQueued')}>{number.format(counts.queued)}</Fact>
            <Fact label={t('codes.report.countPictures')}>{number.format(counts.pictures)}</Fact>
          </FactList>
          <FactList>
            <Fact label={t('codes.report.countFromText')}>{number.format(counts.fromText)}</Fact>
            <Fact label={t('codes.report.countFromPicture')}>{number.format(counts.fromPicture)}</Fact>
            <Fact label={t('codes.report.countFromBoth')}>{number.format(counts.fromBoth)}</Fact>
            <Fact label={t('codes.report.countNotCodes')}>{number.format(counts.notCodes)}</Fact>
            <Fact label={t('codes.report.countDuplicates')}>{number.format(counts.duplicates)}</Fact>
          </FactList>
        </Box>

        {draft.picturesNote && (
          <Alert severity="info" role="note">
            {say(draft.picturesNote)}
          </Alert>
        )}

        <ReportTable
          title={t('codes.report.codesTitle')}
          total={draft.codes.length}
          widths={[52, 232, 176, undefined, 110, undefined]}
          headers={[
            t('codes.report.colImport'),
            t('codes.report.colCode'),
            t('codes.report.colFound'),
            t('codes.report.colPlace'),
            t('codes.report.colSku'),
            t('codes.report.colWhat'),
          ]}
        >
          {draft.codes.slice(0, REPORT_ROWS_SHOWN).map((code) => (
            <TableRow key={code.code}>
              <TableCell padding="checkbox">
                {code.state === 'new' ? (
                  <Checkbox
                    size="small"
                    checked={!skip.has(code.code)}
                    onChange={() => onToggleSkip(code.code)}
                    disabled={confirming}
                    slotProps={{ input: { 'aria-label': t('codes.report.importCode', { code: code.code }) } }}
                  />
                ) : null}
              </TableCell>
              <TableCell sx={mono} title={code.code}>
                {code.code}
              </TableCell>
              <TableCell title={foundBy(code)}>{foundBy(code)}</TableCell>
              <TableCell title={place(code)}>{place(code)}</TableCell>
              <TableCell title={code.sku ?? undefined}>{code.sku ?? ''}</TableCell>
              <TableCell className={WRAP}>{whatItIs(code)}</TableCell>
            </TableRow>
          ))}
        </ReportTable>

        {draft.notCodes.length > 0 && (
          <ReportTable
            title={t('codes.report.notCodesTitle')}
            total={draft.notCodes.length}
            widths={[undefined, undefined, 72, undefined]}
            headers={[t('codes.report.colText'), t('codes.report.colSheet'), t('codes.report.colRow'), t('codes.report.colMessage')]}
          >
            {draft.notCodes.slice(0, REPORT_ROWS_SHOWN).map((piece) => (
              <TableRow key={`${piece.sheet}!${piece.cell}!${piece.text}`}>
                <TableCell sx={mono} title={piece.text}>
                  {piece.text}
                </TableCell>
                <TableCell title={piece.sheet}>{piece.sheet}</TableCell>
                <TableCell>{piece.row}</TableCell>
                <TableCell className={WRAP}>{say(piece.message)}</TableCell>
              </TableRow>
            ))}
          </ReportTable>
        )}

        {draft.duplicates.length > 0 && (
          <ReportTable
            title={t('codes.report.duplicatesTitle')}
            total={draft.duplicates.length}
            widths={[232, undefined]}
            headers={[t('codes.report.colCode'), t('codes.report.colPlaces')]}
          >
            {draft.duplicates.slice(0, REPORT_ROWS_SHOWN).map((duplicate) => (
              <TableRow key={duplicate.code}>
                <TableCell sx={mono} title={duplicate.code}>
                  {duplicate.code}
                </TableCell>
                <TableCell className={WRAP}>{duplicate.occurrences.map(place).join('; ')}</TableCell>
              </TableRow>
            ))}
          </ReportTable>
        )}

        {picturesWithoutCode.length > 0 && (
          <ReportTable
            title={t('codes.report.picturesTitle')}
            total={picturesWithoutCode.length}
            widths={[undefined, 96, undefined]}
            headers={[t('codes.report.colSheet'), t('codes.report.colCell'), t('codes.report.colMessage')]}
          >
            {picturesWithoutCode.slice(0, REPORT_ROWS_SHOWN).map((picture) => (
              <TableRow key={`${picture.sheet}!${picture.cell}!${picture.code ?? ''}`}>
                <TableCell title={picture.sheet}>{picture.sheet}</TableCell>
                <TableCell>{picture.cell}</TableCell>
                <TableCell className={WRAP}>{picture.message ? say(picture.message) : ''}</TableCell>
              </TableRow>
            ))}
          </ReportTable>
        )}

        {confirmError && <ApiErrorAlert title={t('codes.report.confirmFailed')} error={confirmError} />}

        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ alignItems: { sm: 'center' } }}>
          <Button
            variant="contained"
            onClick={onConfirm}
            disabled={confirming || busy || toImport.ticked + toImport.recorded === 0}
            startIcon={confirming ? <CircularProgress size={16} color="inherit" aria-hidden /> : undefined}
          >
            {t('codes.report.import', { count: toImport.ticked })}
          </Button>
          <Button variant="outlined" onClick={onChooseAnother} disabled={confirming || busy}>
            {t('codes.report.chooseAnother')}
          </Button>
          <Button onClick={onCancel} disabled={confirming}>
            {t('codes.report.cancel')}
          </Button>
          {toImport.recorded > 0 && (
            <Typography variant="body2" color="text.secondary">
              {t('codes.report.alsoRecorded', { count: toImport.recorded })}
            </Typography>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

/** One list of the report: a titled table, at most REPORT_ROWS_SHOWN rows drawn. */
function ReportTable({
  title,
  total,
  headers,
  widths,
  children,
}: {
  title: string;
  total: number;
  headers: string[];
  /** Each column's width in px, undefined for one that shares the rest (see fit-table). */
  widths: (number | undefined)[];
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Box>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
        {title}
      </Typography>
      <TableContainer sx={{ maxHeight: 420, border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Table size="small" stickyHeader aria-label={title} sx={fitTableSx}>
          <FitColumns widths={widths} />
          <TableHead>
            <TableRow>
              {headers.map((header) => (
                <TableCell key={header} title={header}>
                  {header}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>{children}</TableBody>
        </Table>
      </TableContainer>
      {total > REPORT_ROWS_SHOWN && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {t('codes.report.moreRows', { hidden: new Intl.NumberFormat(i18n.language).format(total - REPORT_ROWS_SHOWN) })}
        </Typography>
      )}
    </Box>
  );
}
