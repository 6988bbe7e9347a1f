import { useEffect, useState } from 'react';
import type { CodePreview } from '../../../../core/redeem/contract';
import { useApi } from '../../api/CoreProvider';

export const PREVIEW_DELAY_MS = 400;

/**
 * What each valid code is (SKU, already redeemed, unknown, queued, unchecked), asked of the core
 * a moment after the codes stop changing. Answers for codes still in the form are kept while a
 * new question is out, so the notes beside the fields do not flicker.
 */
export function useCodePreview(codes: readonly string[], enabled: boolean): ReadonlyMap<string, CodePreview> {
  const api = useApi();
  const [previews, setPreviews] = useState<ReadonlyMap<string, CodePreview>>(new Map());
  const key = codes.join(',');

  useEffect(() => {
    if (!enabled || key === '') return;
    const authCodes = key.split(',');
    let current = true;
    const timer = setTimeout(() => {
      api.invoke('redeem.preview', { authCodes }).then(
        ({ codes: answered }) => {
          if (!current) return;
          setPreviews(new Map(answered.map((preview) => [preview.authCode, preview])));
        },
        () => {
          // No preview is shown; redeeming still says what happened to each code.
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, key, enabled]);

  return previews;
}
