import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import type { ImportProblem } from './use-code-import';
import { useSay } from '../../i18n/messages';

const megabytes = (bytes: number, language: string) =>
  new Intl.NumberFormat(language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));

/**
 * Why nothing was imported from a file, with its name: too large (refused before sending), not
 * readable from this computer, or the core's sentence (not a spreadsheet, damaged, password-
 * protected, old format, no codes…) as it is.
 */
export function ImportProblemAlert({ problem, onClose }: { problem: ImportProblem; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const title = t('codes.import.nothingImported', { file: problem.fileName });
  if (problem.kind === 'refused' && problem.error.code !== 'VALIDATION') {
    return <ApiErrorAlert title={title} error={problem.error} onClose={onClose} />;
  }
  const sentence =
    problem.kind === 'too_large'
      ? t('codes.import.tooLarge', {
          file: problem.fileName,
          size: megabytes(problem.size, i18n.language),
          limit: megabytes(problem.limit, i18n.language),
        })
      : problem.kind === 'unreadable'
        ? t('codes.import.unreadable', { file: problem.fileName })
        : problem.error.messageCode
          ? say({ code: problem.error.messageCode, message: problem.error.message, params: problem.error.params })
          : problem.error.message || t('codes.import.invalid');
  return (
    <Alert severity="error" role="alert" onClose={onClose}>
      <AlertTitle>{title}</AlertTitle>
      {sentence}
    </Alert>
  );
}
