import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import { fieldErrorsOf } from '../../api/api-errors';
import { ApiErrorAlert, apiErrorMessage } from '../../components/ApiErrorAlert';
import type { ImportRefusal } from './use-key-import';
import { useSay } from '../../i18n/messages';

const megabytes = (bytes: number, language: string) =>
  new Intl.NumberFormat(language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));

/**
 * Why nothing was imported: a file over the limit (refused before sending), a file the browser
 * could not read, the core's VALIDATION sentence (not an xlsx, damaged, no header…) told as it is,
 * or any other failure with its code.
 */
export function ImportProblemAlert({
  error,
  refusal,
  unreadable,
  onClose,
}: {
  error: ApiError | null;
  refusal: ImportRefusal | null;
  unreadable: string | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const title = t('keys.import.nothingImported');
  if (refusal) {
    return (
      <Alert severity="error" onClose={onClose}>
        <AlertTitle>{title}</AlertTitle>
        {t('keys.import.tooLarge', {
          file: refusal.fileName,
          size: megabytes(refusal.size, i18n.language),
          limit: megabytes(refusal.limit, i18n.language),
        })}
      </Alert>
    );
  }
  if (unreadable) {
    return (
      <Alert severity="error" onClose={onClose}>
        <AlertTitle>{title}</AlertTitle>
        {t('keys.import.unreadable', { file: unreadable })}
      </Alert>
    );
  }
  if (!error) return null;
  if (error.code === 'VALIDATION') {
    const sentence = apiErrorMessage(error, t) || Object.values(fieldErrorsOf(error, say))[0] || t('keys.import.invalid');
    return (
      <Alert severity="error" onClose={onClose}>
        <AlertTitle>{title}</AlertTitle>
        {sentence}
      </Alert>
    );
  }
  return <ApiErrorAlert title={title} error={error} onClose={onClose} />;
}
