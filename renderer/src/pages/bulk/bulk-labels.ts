// Its one job: the words the Bulk redemption page shows for a job's state, a code's outcome and a
// rule's id (the rule's text: its message `bulkRule.<id>` in the core's catalogue, the list the page shows).
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../core/rpc/errors';
import type { BulkCodeOutcome, BulkJobState, BulkRuleProblem } from '../../../../core/bulk/contract';
import { BULK_RULES, type BulkRuleId } from '../../../../core/domain/bulk-rules';
import { useSay } from '../../i18n/messages';

/** A rule's text in the current language (its id, for a rule this renderer does not know). */
export function useRuleText(): (rule: BulkRuleId) => string {
  const say = useSay();
  return useCallback(
    (rule: BulkRuleId) => {
      const entry = BULK_RULES.find((candidate) => candidate.id === rule);
      return entry ? say({ code: entry.code, message: rule }) : rule;
    },
    [say],
  );
}

/** The problems of a VALIDATION refusal (`details.problems`), or null when the error carries none. */
export function problemsOf(error: ApiError | null): BulkRuleProblem[] | null {
  if (error?.code !== 'VALIDATION') return null;
  const problems = (error.details as { problems?: unknown } | undefined)?.problems;
  if (!Array.isArray(problems) || problems.length === 0) return null;
  return problems.filter(
    (problem): problem is BulkRuleProblem =>
      typeof problem === 'object' && problem !== null && typeof (problem as BulkRuleProblem).rule === 'string',
  );
}

export function useStateLabel(): (state: BulkJobState) => string {
  const { t } = useTranslation();
  return useCallback(
    (state: BulkJobState) =>
      state === 'draft' ? t('bulk.state.draft') : state === 'in_progress' ? t('bulk.state.inProgress') : t('bulk.state.completed'),
    [t],
  );
}

export function useOutcomeLabel(): (outcome: BulkCodeOutcome) => string {
  const { t } = useTranslation();
  return useCallback(
    (outcome: BulkCodeOutcome) =>
      outcome === 'redeemed' ? t('bulk.outcome.redeemed') : outcome === 'refused' ? t('bulk.outcome.refused') : t('bulk.outcome.waiting'),
    [t],
  );
}
