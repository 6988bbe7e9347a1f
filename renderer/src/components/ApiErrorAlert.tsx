import type { TFunction } from 'i18next';
import { sayCode } from '../i18n/messages';
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

/**
 * The error in the user's language: the core's message code and params (namespace `core`), the
 * renderer's own sentence for the transport's and the computer's failures, and the error code for
 * support. The core's English is shown only for a message that carries no code this renderer knows.
 */
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
      return withCode(error, t);
    }
    case 'DISK_FULL':
    case 'DATA_NOT_WRITABLE': {
      // A write failure on this computer: one sentence, and no error code (nothing for support to look up).
      const reason = error.code === 'DISK_FULL' ? t('errors.diskFull') : t('errors.dataNotWritable');
      const stage = (error.details as { stage?: unknown } | undefined)?.stage;
      return stage === 'store_sign_in' ? t('errors.signInNotStored', { reason }) : reason;
    }
    case 'PORTAL_REJECTED': {
      // The portal's own words, as it sent them, marked as the portal's (a coded message already says whose they are).
      const said = sayCore(error, t);
      if (said !== null) return t('errors.withCode', { message: said, code: error.code });
      if (!error.message) return t('errors.unexpected');
      return t('errors.withCode', { message: t('errors.portalSaid', { reason: error.message }), code: error.code });
    }
    default:
      return withCode(error, t);
  }
}

/** The error's own message in the current language (the core's English when it carries no known code); '' when it has none. */
export function apiErrorMessage(error: ApiError, t: TFunction): string {
  return sayCore(error, t) ?? error.message;
}

/** `<message> (error code X)`, the message said from its code when it has one. */
function withCode(error: ApiError, t: TFunction): string {
  const message = apiErrorMessage(error, t);
  return message ? t('errors.withCode', { message, code: error.code }) : t('errors.unexpected');
}

/** The error's message code in the current language, or null when it has none this renderer knows. */
function sayCore(error: ApiError, t: TFunction): string | null {
  return error.messageCode === undefined ? null : sayCode(t, error.messageCode, error.params);
}
