import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import { useTranslation } from 'react-i18next';
import { monospaceFontStack } from '../../theme/theme';
import { MAX_CODE_FIELDS } from './code-fields';
import type { FillReport } from './use-code-fields';

/** What a paste or a picture put into the code fields, and what it could not. */
export function FillReportAlert({ report, onClose }: { report: FillReport; onClose: () => void }) {
  const { t } = useTranslation();
  const problems = report.unreadable.length > 0 || report.overflow.length > 0;
  return (
    <Alert severity={problems ? 'warning' : 'success'} onClose={onClose} role={problems ? 'alert' : 'status'}>
      <AlertTitle>
        {report.source === 'paste'
          ? t('redeem.fill.fromPaste', { count: report.added })
          : t('redeem.fill.fromPicture', { count: report.added })}
      </AlertTitle>
      {report.unreadable.length > 0 && (
        <>
          {t('redeem.fill.unreadable')}
          <Box component="ul" sx={{ my: 0.5, pl: 3 }}>
            {report.unreadable.map((piece, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list shown once; the same piece may appear twice
              <li key={i}>
                <Box component="code" sx={{ fontFamily: monospaceFontStack }}>
                  {piece}
                </Box>
              </li>
            ))}
          </Box>
        </>
      )}
      {report.overflow.length > 0 && <div>{t('redeem.fill.overflow', { count: report.overflow.length, max: MAX_CODE_FIELDS })}</div>}
      {report.alreadyInForm.length > 0 && (
        <div>
          {t('redeem.fill.alreadyInForm', {
            fields: report.alreadyInForm.map((entry) => t('redeem.code.label', { number: entry.field + 1 })).join(', '),
          })}
        </div>
      )}
      {report.repeated.length > 0 && <div>{t('redeem.fill.repeated', { codes: report.repeated.join(', ') })}</div>}
    </Alert>
  );
}
