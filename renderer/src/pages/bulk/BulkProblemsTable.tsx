import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useTranslation } from 'react-i18next';
import type { BulkRuleProblem } from '../../../../core/bulk/contract';
import { monospaceFontStack } from '../../theme/theme';
import { useRuleText } from './bulk-labels';
import { useSay } from '../../i18n/messages';
import { FitColumns, fitTableSx, WRAP } from '../../components/data-table/fit-table';

/**
 * Why a file (or a start) was refused: every break of a rule with its row, column, the rule's text
 * as the File rules list says it, the cell verbatim and the core's sentence. Nothing was saved.
 */
export function BulkProblemsTable({ title, problems, onClose }: { title: string; problems: BulkRuleProblem[]; onClose?: () => void }) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const ruleText = useRuleText();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <Alert severity="error" onClose={onClose} sx={{ '& .MuiAlert-message': { flexGrow: 1, minWidth: 0 } }}>
      <AlertTitle>{title}</AlertTitle>
      {t('bulk.problems.count', { count: problems.length })}
      {/* Scrolls (up to 15,000 problems): a named region the keyboard can reach and scroll. */}
      <TableContainer
        tabIndex={0}
        role="region"
        aria-label={t('bulk.problems.label')}
        sx={{ mt: 1, maxHeight: 420, bgcolor: 'background.paper', borderRadius: 1 }}
      >
        <Table size="small" stickyHeader aria-label={t('bulk.problems.label')} sx={fitTableSx}>
          {/* Row, Column, the rule (a sentence, wrapped), the cell verbatim (never broken), the message (wrapped). */}
          <FitColumns widths={[96, 96, undefined, 224, undefined]} />
          <TableHead>
            <TableRow>
              <TableCell>{t('bulk.problems.row')}</TableCell>
              <TableCell>{t('bulk.problems.column')}</TableCell>
              <TableCell>{t('bulk.problems.rule')}</TableCell>
              <TableCell>{t('bulk.problems.value')}</TableCell>
              <TableCell>{t('bulk.problems.message')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {problems.map((problem, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id and are shown in the core's order
              <TableRow key={index}>
                <TableCell>{problem.row === null ? t('bulk.problems.wholeFile') : number.format(problem.row)}</TableCell>
                <TableCell title={problem.column ?? undefined}>{problem.column ?? ''}</TableCell>
                <TableCell className={WRAP}>{ruleText(problem.rule)}</TableCell>
                <TableCell sx={{ fontFamily: monospaceFontStack, fontSize: '0.75rem' }} title={problem.text ?? undefined}>
                  {problem.text ?? ''}
                </TableCell>
                <TableCell className={WRAP}>{say(problem.message)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Alert>
  );
}
