import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { HostLink } from '../../../renderer/src/api/connect';
import { CoreProvider } from '../../../renderer/src/api/CoreProvider';
import { createI18n } from '../../../renderer/src/i18n/i18n';
import { ThemeModeProvider } from '../../../renderer/src/theme/ThemeModeProvider';
import type { FakeCore } from './fake-core';

/** Renders UI as the app does: translations, theme and a core behind the API client. */
export function renderWithCore(ui: ReactNode, core: FakeCore, link: HostLink | null = null) {
  return render(
    <I18nextProvider i18n={createI18n('en')}>
      <CoreProvider client={core.client} link={link}>
        <ThemeModeProvider>{ui}</ThemeModeProvider>
      </CoreProvider>
    </I18nextProvider>,
  );
}
