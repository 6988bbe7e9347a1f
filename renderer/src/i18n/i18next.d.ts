import 'i18next';
import type { CoreCatalogue } from '../../../core/messages/catalogue';
import type en from './en.json';

// Types every t('…') key against en.json (and t('core:…') against the core's catalogue): a
// missing key is a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en; core: CoreCatalogue };
    returnNull: false;
  }
}
