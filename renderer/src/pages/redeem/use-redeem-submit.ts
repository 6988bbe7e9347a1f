// Its one job: Redeem — check the draft (the same check as while typing), send redeem.submit,
// keep the form locked while it runs, hand the answer to the session (redeemed or queued), and
// put what the core refused on the fields it names, or above the form. When fields have problems
// the form's summary of them takes the focus (summaryRequest counts those Redeems); once
// redeemed, `onRedeemed` lets the page move the focus to the results.
import { useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import { useApi } from '../../api/CoreProvider';
import { fieldErrorsOf } from '../../api/api-errors';
import { toApiError } from '../../api/core-store';
import { checkDraft, fieldErrorsFromCore, hasFieldErrors } from './draft-check';
import type { RedeemSession } from './redeem-session';
import type { useCodeFields } from './use-code-fields';
import type { useMacEntry } from './use-mac-entry';
import { useSay } from '../../i18n/messages';

export function useRedeemSubmit(
  session: RedeemSession,
  {
    codeFields,
    mac,
    onRedeemed,
  }: { codeFields: ReturnType<typeof useCodeFields>; mac: ReturnType<typeof useMacEntry>; onRedeemed?: () => void },
) {
  const api = useApi();
  const say = useSay();
  /** The core's word on the optional fields (their own rules are only lengths, kept by the inputs). */
  const [fieldErrors, setFieldErrors] = useState<{ serial?: string; systemName?: string }>({});
  /** A refusal that names no field of the form. */
  const [error, setError] = useState<ApiError | null>(null);
  /** Redeems that ended with problems on fields: each one shows the summary and focuses it. 0: none yet. */
  const [summaryRequest, setSummaryRequest] = useState(0);

  const submit = async () => {
    if (session.getState().submitting) return;
    const check = checkDraft(session.draft);
    codeFields.markSubmitted(check.filled, check.noCodes);
    mac.showError(check.macError && say(check.macError));
    setFieldErrors({});
    setError(null);
    if (!check.submission) {
      setSummaryRequest((n) => n + 1);
      return;
    }

    const { request, codeFields: sentFrom } = check.submission;
    session.setSubmitting(true);
    try {
      const result = await api.invoke('redeem.submit', request);
      codeFields.dismissReport();
      onRedeemed?.();
      session.submitted(result);
    } catch (err) {
      const refused = toApiError(err);
      const mapped = fieldErrorsFromCore(fieldErrorsOf(refused, say), sentFrom);
      const queued = refused.code === 'CONFLICT' ? (refused.details as { authCodes?: unknown } | undefined)?.authCodes : undefined;
      codeFields.showCoreAnswer(
        mapped.codes,
        Array.isArray(queued) ? queued.filter((code): code is string => typeof code === 'string') : null,
      );
      mac.showError(mapped.mac ?? null);
      setFieldErrors({ serial: mapped.serial, systemName: mapped.systemName });
      if (hasFieldErrors(mapped)) setSummaryRequest((n) => n + 1);
      else setError(refused);
    } finally {
      session.setSubmitting(false);
    }
  };

  const reset = () => {
    setFieldErrors({});
    setError(null);
    setSummaryRequest(0);
  };

  return { submit, fieldErrors, error, dismissError: () => setError(null), summaryRequest, reset };
}
