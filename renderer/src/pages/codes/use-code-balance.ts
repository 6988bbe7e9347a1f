// Its one job: the balance by SKU (`codes.balance`), read when the page opens and again whenever
// the core says the inventory changed; plus Export balance to Excel and Check with the portal.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CodeBalance, CodeCheckResult } from '../../../../core/codes/contract';
import type { ApiError } from '../../../../core/rpc/errors';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { downloadExportedFile } from '../redeem/download';

export function useCodeBalance() {
  const api = useApi();
  const [balance, setBalance] = useState<CodeBalance | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const next = await api.invoke('codes.balance', {});
      if (mine !== generation.current) return;
      setBalance(next);
      setError(null);
    } catch (err) {
      if (mine === generation.current) setError(toApiError(err));
    }
  }, [api]);

  useEffect(() => {
    void load();
    const off = api.on('codes.changed', () => void load());
    return () => {
      generation.current++;
      off();
    };
  }, [api, load]);

  return { balance, error, reload: load };
}

export function useBalanceExport(save: typeof downloadExportedFile = downloadExportedFile) {
  const api = useApi();
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const start = useCallback(async () => {
    setExporting(true);
    setError(null);
    try {
      save(await api.invoke('codes.exportBalance', {}));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setExporting(false);
    }
  }, [api, save]);
  return { exporting, error, start, dismiss: () => setError(null) };
}

export function usePortalCheck() {
  const api = useApi();
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<CodeCheckResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const start = useCallback(async () => {
    setChecking(true);
    setResult(null);
    setError(null);
    try {
      setResult(await api.invoke('codes.check', {}));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setChecking(false);
    }
  }, [api]);
  return {
    checking,
    result,
    error,
    start,
    dismiss: () => {
      setResult(null);
      setError(null);
    },
  };
}
