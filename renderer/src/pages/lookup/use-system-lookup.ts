// Its one job: a system's keys and licence inventory from the cache (keys.lookup) for the query
// shown, asked again when the cache changes (a sync, an import, a redemption's answer).
import { useEffect, useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import type { QuickLookupResult } from '../../../../core/keys/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import type { LookupQuery } from './lookup-query';

export type SystemLookup =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'done'; result: QuickLookupResult }
  | { state: 'failed'; error: ApiError };

export function useSystemLookup(query: LookupQuery | null) {
  const api = useApi();
  const [answer, setAnswer] = useState<{ for: string; lookup: SystemLookup } | null>(null);
  const [version, setVersion] = useState(0);
  const mac = query?.mac ?? null;
  const serial = query?.serial ?? '';
  const key = mac === null ? null : `${mac}\n${serial}`;

  useEffect(() => api.on('keys.changed', () => setVersion((n) => n + 1)), [api]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the ask-again signal (a cache change, Try again)
  useEffect(() => {
    if (mac === null) return;
    const key = `${mac}\n${serial}`;
    let current = true;
    api.invoke('keys.lookup', serial ? { mac, serial } : { mac }).then(
      (result) => current && setAnswer({ for: key, lookup: { state: 'done', result } }),
      (err) => current && setAnswer({ for: key, lookup: { state: 'failed', error: toApiError(err) } }),
    );
    return () => {
      current = false;
    };
  }, [api, mac, serial, version]);

  // An answer for another query is never shown; the one for this query stays up while it is
  // asked again after a cache change, so the table does not flicker.
  const lookup: SystemLookup = key === null ? { state: 'idle' } : answer?.for === key ? answer.lookup : { state: 'loading' };
  return {
    lookup,
    /** Asks again, showing the progress bar (after a failure). */
    retry: () => {
      setAnswer(null);
      setVersion((n) => n + 1);
    },
    /** Asks again, keeping the answer shown until the new one arrives (after a change made here). */
    refresh: () => setVersion((n) => n + 1),
  };
}
