// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { say } from '../../../core/messages/say';
import { ApiError } from '../../../core/rpc/errors';
import { loginError } from '../../../core/session/handlers';
import { PortalError } from '../../../core/portal/errors';
import { ApiErrorAlert, describeApiError } from '../../../renderer/src/components/ApiErrorAlert';
import { createI18n } from '../../../renderer/src/i18n/i18n';

const fr = createI18n('fr');
const en = createI18n('en');
const describeIn = (i18n: typeof fr, error: ApiError) => describeApiError(error, i18n.t);

describe("describeApiError: the core's error in the user's language, from its message code", () => {
  it('says a coded error in French, with its params and its error code, never the core’s English', () => {
    const error = ApiError.fromShape(new ApiError('CONFLICT', say('outbox.codesWaiting', { count: 2, codes: 'A, B' })).toShape());
    expect(describeIn(fr, error)).toBe(
      // The words around the message ("error code") are the renderer's own (fr.json).
      fr.t('errors.withCode', { message: "Ces codes sont déjà en attente d'activation\u00a0: A, B.", code: 'CONFLICT' }),
    );
    expect(describeIn(en, error)).toBe('These codes are already waiting to be redeemed: A, B. (error code CONFLICT)');
  });

  it('shows the portal’s own refusal as the portal sent it, marked as the portal’s', () => {
    const refused = loginError(
      new PortalError({
        kind: 'rejected',
        url: 'https://portal.example',
        code: 'account_locked',
        message: say('portalError.rejected', { reason: 'Account locked by your distributor.' }),
      }),
      'https://portal.example',
    );
    expect(refused).toMatchObject({ code: 'PORTAL_REJECTED', messageCode: 'portalError.rejected' });
    expect(describeIn(fr, refused)).toContain('Le portail a répondu\u00a0: Account locked by your distributor.');
    expect(describeIn(en, refused)).toContain('The portal refused: Account locked by your distributor.');
    // Without a code (an older core): the renderer still marks the words as the portal's.
    const bare = new ApiError('PORTAL_REJECTED', 'Account locked.');
    expect(describeIn(en, bare)).toBe('The portal said: Account locked. (error code PORTAL_REJECTED)');
  });

  it('keeps its special cases: the transport, an unexpected failure with its reference, a full disk', () => {
    expect(describeIn(en, new ApiError('DISCONNECTED', say('error.connectionLost')))).toBe(en.t('errors.disconnected'));
    const internal = ApiError.fromShape(
      new ApiError('INTERNAL', say('error.unexpectedWithReference', { reference: 'R-1' }), { reference: 'R-1' }).toShape(),
    );
    expect(describeIn(en, internal)).toBe(en.t('errors.internalWithReference', { reference: 'R-1' }));
    expect(describeIn(en, new ApiError('DISK_FULL', say('error.diskFull')))).toBe(en.t('errors.diskFull'));
  });

  it('a sign-in wait says its minutes with French plurals, and an uncoded message keeps the core’s English', () => {
    const wait = loginError(
      new PortalError({
        kind: 'retry_later',
        status: 429,
        retryAfterMs: 120_000,
        url: 'https://p.example',
        message: say('portalError.busy', { status: 429 }),
      }),
      'https://p.example',
    );
    expect(describeIn(fr, wait)).toContain('Trop de tentatives de connexion. Réessayez dans 2\u00a0minutes.'.replace('\u00a0', ' '));
    expect(describeIn(fr, new ApiError('NOT_FOUND', 'No such thing.'))).toContain('No such thing.');
  });

  it('renders in French in the alert', () => {
    render(
      <I18nextProvider i18n={fr}>
        <ApiErrorAlert title="Titre" error={new ApiError('VALIDATION', say('workbookFile.zipNotXlsx'), { reason: 'unreadable' })} />
      </I18nextProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Le fichier est une archive zip, mais pas un classeur Excel (.xlsx).');
  });
});
