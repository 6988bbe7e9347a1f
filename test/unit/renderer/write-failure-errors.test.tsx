// @vitest-environment jsdom
/** The page words a failed write on this computer itself: one sentence, no error code to look up. */
import { ApiError } from '../../../core/rpc/errors';
import { describeApiError } from '../../../renderer/src/components/ApiErrorAlert';
import { createI18n } from '../../../renderer/src/i18n/i18n';

describe('describeApiError for write failures', () => {
  const t = createI18n('en').t;

  it.each([
    ['DISK_FULL', {}, "The disk holding FieldKey's data is full: free some space and try again."],
    ['DATA_NOT_WRITABLE', { reason: 'read_only' }, 'FieldKey cannot write to its data folder: make it writable and try again.'],
    [
      'DISK_FULL',
      { stage: 'store_sign_in' },
      "The portal accepted the sign-in, but FieldKey could not store it. The disk holding FieldKey's data is full: free some space and try again.",
    ],
  ] as const)('%s %j', (code, details, sentence) => {
    expect(describeApiError(new ApiError(code, 'core text', details), t)).toBe(sentence);
  });
});
