// Its one job: the inventory's SKUs with available codes (codes.balance), for the inventory job dialog.
import { useEffect, useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import type { BalanceRow } from '../../../../core/codes/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';

/** The SKUs that have available codes; null until the core has answered. */
export function useInventoryBalance() {
  const api = useApi();
  const [balance, setBalance] = useState<BalanceRow[] | null>(null);
  const [balanceError, setBalanceError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    api.invoke('codes.balance', {}).then(
      (answer) => live && setBalance(answer.rows.filter((row) => row.sku !== null && row.available > 0)),
      (err) => live && setBalanceError(toApiError(err)),
    );
    return () => {
      live = false;
    };
  }, [api]);

  return { balance, balanceError };
}
