// Its one job: the balance by SKU (`codes.balance`, a query read again whenever the core says the
// inventory changed: INVALIDATED_BY), plus Export balance to Excel and Check with the portal.
import { useMutation } from '@tanstack/react-query';
import type { ApiError } from '../../../../core/rpc/errors';
import type { CodeCheckResult } from '../../../../core/codes/contract';
import { useApi } from '../../api/CoreProvider';
import { invokeCore, useCoreQuery } from '../../api/queries';
import { downloadExportedFile } from '../redeem/download';

export function useCodeBalance() {
  const { data, error } = useCoreQuery('codes.balance', {});
  return { balance: data ?? null, error };
}

export function useBalanceExport(save: typeof downloadExportedFile = downloadExportedFile) {
  const api = useApi();
  const exporter = useMutation<void, ApiError>({
    mutationFn: async () => save(await invokeCore(api, 'codes.exportBalance', {})),
  });
  return { exporting: exporter.isPending, error: exporter.error, start: () => exporter.mutate(), dismiss: exporter.reset };
}

export function usePortalCheck() {
  const api = useApi();
  const check = useMutation<CodeCheckResult, ApiError>({ mutationFn: () => invokeCore(api, 'codes.check', {}) });
  return {
    checking: check.isPending,
    result: check.data ?? null,
    error: check.error,
    start: () => check.mutate(),
    dismiss: check.reset,
  };
}
