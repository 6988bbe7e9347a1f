// Its one job: one load at a time. A call while a load runs asks for one more run after it, so a
// burst of `bulk.changed` events (a job answered operation by operation) reads again once per
// burst, not once per event, and the last read is never older than the last event.
import { useCallback, useRef } from 'react';

export function useCoalescedLoad(run: () => Promise<void>): () => Promise<void> {
  const loading = useRef(false);
  const again = useRef(false);
  return useCallback(async () => {
    if (loading.current) {
      again.current = true;
      return;
    }
    loading.current = true;
    try {
      do {
        again.current = false;
        await run();
      } while (again.current);
    } finally {
      loading.current = false;
    }
  }, [run]);
}
