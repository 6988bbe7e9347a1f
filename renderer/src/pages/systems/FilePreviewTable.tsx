import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useTranslation } from 'react-i18next';
import { displayMac } from '../../i18n/format';
import { monospaceFontStack } from '../../theme/theme';
import type { FilePreview } from './add-systems-rules';
import { useSay } from '../../i18n/messages';

/** What a file of MACs holds, row by row with each row's problem, and how many of them will be sent. */
export function FilePreviewTable({ preview, addable }: { preview: FilePreview; addable: number }) {
  const { t } = useTranslation();
  const say = useSay();
  return (
    <Stack spacing={1.5}>
      {preview.problem ? (
        <Alert severity="error">{say(preview.problem)}</Alert>
      ) : (
        <Alert severity={addable === preview.rows.length ? 'info' : 'warning'} role="status">
          {t('systems.add.fileCount', { name: preview.fileName, count: addable, rows: preview.rows.length })}
        </Alert>
      )}
      {preview.rows.length > 0 && (
        <TableContainer sx={{ maxHeight: 360 }}>
          <Table size="small" stickyHeader aria-label={t('systems.add.filePreviewLabel')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('systems.add.columns.line')}</TableCell>
                <TableCell>{t('systems.add.columns.mac')}</TableCell>
                <TableCell>{t('systems.add.columns.name')}</TableCell>
                <TableCell>{t('systems.add.columns.problem')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {preview.rows.map((row) => (
                <TableRow key={`${row.line}:${row.input}`}>
                  <TableCell>{row.line}</TableCell>
                  <TableCell sx={{ fontFamily: monospaceFontStack, whiteSpace: 'nowrap' }}>
                    {row.mac ? displayMac(row.mac) : row.input}
                  </TableCell>
                  <TableCell>{row.name}</TableCell>
                  <TableCell sx={{ color: row.message ? 'error.main' : undefined }}>{row.message ? say(row.message) : ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Stack>
  );
}
