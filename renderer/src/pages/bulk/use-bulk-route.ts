// Its one job: where the Bulk redemption page is, from the URL. `#/bulk` is the jobs list,
// `#/bulk/<id>` a job's rows (a draft's review, read only once started), `#/bulk/<id>/report` its
// report; back, forward and reload land where they were.
import { useMemo } from 'react';
import { pageHref, useRoute } from '../../routing/hash-route';

export type BulkScreen = { kind: 'list' } | { kind: 'job'; jobId: number } | { kind: 'report'; jobId: number };

export function bulkScreenFromSegments(segments: readonly string[]): BulkScreen {
  const [first, second] = segments;
  const jobId = first && /^[1-9]\d{0,9}$/.test(first) ? Number(first) : null;
  if (jobId === null) return { kind: 'list' };
  return second === 'report' ? { kind: 'report', jobId } : { kind: 'job', jobId };
}

export function bulkHref(screen: BulkScreen): string {
  if (screen.kind === 'list') return pageHref('bulk');
  return pageHref('bulk', screen.kind === 'report' ? [String(screen.jobId), 'report'] : [String(screen.jobId)]);
}

export function useBulkRoute(): BulkScreen {
  const route = useRoute('bulk');
  const key = route.segments.join('/');
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for route.segments (a new array per hash change)
  return useMemo(() => bulkScreenFromSegments(route.segments), [key]);
}
