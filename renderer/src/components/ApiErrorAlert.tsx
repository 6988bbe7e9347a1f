import type { TFunction } from 'i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorReference, type ApiError } from '../../../core/rpc/errors';

/**
 * An error from the core, told plainly: what failed (title), the core's message, and its code
 * for support. Never a stack trace.
 */
export function ApiErrorAlert({
  title,
  error,
  action,
  onClose,
}: {
  title: string;
  error: ApiError;
  action?: ReactNode;
  onClose?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert severity="error" action={action} onClose={onClose}>
      <AlertTitle>{title}</AlertTitle>
      {describeApiError(error, t)}
    </Alert>
  );
}

export function describeApiError(error: ApiError, t: TFunction): string {
  switch (error.code) {
    case 'DISCONNECTED':
      return t('errors.disconnected');
    case 'TIMEOUT':
      return t('errors.timeout');
    case 'INTERNAL': {
      // The reference finds the logged stack; the person quotes it, the core's sentence adds nothing.
      const reference = errorReference(error);
      if (reference) return t('errors.internalWithReference', { reference });
      return error.message ? t('errors.withCode', { message: error.message, code: error.code }) : t('errors.unexpected');
    }
    case 'DISK_FULL':
    case 'DATA_NOT_WRITABLE': {
      // A write failure on this computer: one sentence, and no error code (nothing for support to look up).
      const reason = error.code === 'DISK_FULL' ? t('errors.diskFull') : t('errors.dataNotWritable');
      const stage = (error.details as { stage?: unknown } | undefined)?.stage;
      return stage === 'store_sign_in' ? t('errors.signInNotStored', { reason }) : reason;
    }
    default:
      return error.message ? t('errors.withCode', { message: error.message, code: error.code }) : t('errors.unexpected');
  }
}
