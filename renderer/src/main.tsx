import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { browserEnvironment, connectToCore } from './api/connect';
import { createI18n } from './i18n/i18n';
import { PSEUDO_LANGUAGE, pseudoRequested } from './i18n/pseudo';

// Connect before the first render so StrictMode's double effects cannot open two sockets.
const connecting = connectToCore(browserEnvironment());
// `?pseudo=1` before the `#` is a test switch for the pseudo-language (see i18n/pseudo.ts), read once here.
const i18n = createI18n(pseudoRequested(window.location.search) ? PSEUDO_LANGUAGE : 'en');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App connecting={connecting} />
    </I18nextProvider>
  </StrictMode>,
);
