import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseMac } from '../../../../core/domain/mac';
import { Page } from '../../components/Page';
import { navigate, pageHref, useRoute } from '../../routing/hash-route';
import { AddSystemsSection } from './AddSystemsSection';
import { CachedSystems } from './CachedSystems';
import { SystemPage } from './SystemPage';

/**
 * `#/systems`: Add Systems (one, a range, a file; `?mac=` fills in the MAC, as Quick Lookup's
 * "Add this system" does) and the systems on this computer. `#/systems/<MAC>`: that system's page.
 */
export function SystemsPage() {
  const { segments, params } = useRoute();
  const [first] = segments;
  if (first !== undefined) return <SystemPage key={first} macText={first} />;
  return <AddSystemsPage macParam={params.get('mac') ?? ''} />;
}

function AddSystemsPage({ macParam }: { macParam: string }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const parsed = parseMac(macParam);
  const initialMac = parsed.ok ? parsed.display : macParam;
  return (
    <Page title={t('systems.title')} description={t('systems.description')} wide>
      <AddSystemsSection
        key={macParam}
        initialMac={initialMac}
        onAdded={() => setVersion((n) => n + 1)}
        // Cancel leaves nothing behind: not the MAC the address prefilled either.
        onCancel={() => macParam && navigate(pageHref('systems'), { replace: true })}
      />
      <CachedSystems version={version} />
    </Page>
  );
}
