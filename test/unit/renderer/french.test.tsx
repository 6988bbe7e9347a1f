// @vitest-environment jsdom
import { act, getDefaultNormalizer, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { App } from '../../../renderer/src/App';
import type { CoreConnection } from '../../../renderer/src/api/connect';
import en from '../../../renderer/src/i18n/en.json';
import fr from '../../../renderer/src/i18n/fr.json';
import { createI18n } from '../../../renderer/src/i18n/i18n';
import { FakeCore } from './fake-core';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** Leaf keys of a nested translation object with their texts: { a: { b: 'x' } } → [['a.b', 'x']]. */
function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : leaves(value as object, `${prefix}${key}.`),
  );
}

/** What a text needs kept word for word: {{placeholders}}, $t(nesting) and <tags>. */
function kept(text: string): string[] {
  return [...text.matchAll(/\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?[a-z0-9]+\/?>/g)].map((m) => m[0]).sort();
}

/** The app suspends until the connection settles; an awaited act lets React resume it. */
async function renderApp(connection: CoreConnection) {
  await act(async () => {
    render(
      <I18nextProvider i18n={createI18n('fr')}>
        <App connecting={Promise.resolve(connection)} />
      </I18nextProvider>,
    );
  });
}

async function go(hash: string) {
  await act(async () => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
}

describe('French', () => {
  const enTexts = new Map(leaves(en));
  const frTexts = new Map(leaves(fr));

  it('fr.json has exactly en.json’s keys (new English keys need their French: see fr-pending/)', () => {
    expect([...enTexts.keys()].filter((key) => !frTexts.has(key))).toEqual([]);
    expect([...frTexts.keys()].filter((key) => !enTexts.has(key))).toEqual([]);
  });

  it('every French text keeps its English placeholders, nesting and tags', () => {
    const changed = [...frTexts].filter(([key, text]) => kept(text).join(' ') !== kept(enTexts.get(key) ?? '').join(' '));
    expect(changed.map(([key]) => key)).toEqual([]);
  });

  it('follows French typography: no-break spaces before the high marks and inside guillemets, no English quotes', () => {
    const offenders = [...frTexts]
      .filter(([, text]) => {
        // URLs and MAC addresses keep their colons; placeholders are not text.
        const prose = text
          .replace(/\{\{[^}]*\}\}/g, 'X')
          .replace(/[a-z]+:\/\/\S*/gi, 'URL')
          .replace(/\?token=/g, '')
          .replace(/\b[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})+\b/g, 'MAC');
        return (
          /(?<!\u00a0):/.test(prose) || /(?<!\u202f)[;!?]/.test(prose) || /«(?!\u00a0)|(?<!\u00a0)»/.test(prose) || /["“”]/.test(prose)
        );
      })
      .map(([key]) => key);
    expect(offenders).toEqual([]);
  });

  /** The app signed in, with French chosen in the settings, on the page `hash` names. */
  async function renderFrench(hash: string) {
    window.history.replaceState(null, '', `/${hash}`);
    const core = new FakeCore();
    // The language setting decides: the app switches i18next to it once the settings load.
    core.settings = { ...core.settings, language: 'fr' };
    core.session = { loggedIn: true, username: 'demo', partnerName: 'Demo Partner', portalUrl: 'http://127.0.0.1:4100' };
    await renderApp({ kind: 'connected', client: core.client, link: null });
  }

  it('the shell, its navigation and the Redeem page speak French', async () => {
    await renderFrench('');
    expect(await screen.findByRole('heading', { level: 1, name: 'Activer des codes' })).toBeTruthy();
    expect(document.title).toBe('Activer des codes – FieldKey');
    expect(document.documentElement.lang).toBe('fr');
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    for (const label of [
      'Activer',
      'Codes',
      'Activation groupée',
      'Clés',
      'Recherche rapide',
      'Systèmes',
      'Serveurs',
      'Synchronisation',
      'Paramètres',
      'À propos',
    ]) {
      expect(within(nav).getByRole('link', { name: label })).toBeTruthy();
    }
    for (const label of ['N° de série (facultatif)', 'Adresse MAC', 'Nom du système (facultatif)', "Code d'autorisation 1"]) {
      expect(screen.getByLabelText(label)).toBeTruthy();
    }
    expect(screen.getByRole('button', { name: 'Activer' })).toBeTruthy();
  }, 60_000);

  it('the Settings page speaks French, with its no-break spaces', async () => {
    await renderFrench('#/settings');
    expect(await screen.findByRole('heading', { level: 1, name: 'Paramètres' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).getByRole('link', { name: 'Paramètres' }).getAttribute('aria-current')).toBe('page');
    // The no-break space reaches the page (the default normalizer would turn it into a space).
    const help = `Fréquence à laquelle FieldKey vérifie que le portail répond${NBSP}: de 10 à 3600 secondes.`;
    expect(await screen.findByText(help, { normalizer: getDefaultNormalizer({ collapseWhitespace: false }) })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Enregistrer' })).toBeTruthy();
  }, 60_000);

  it('the Keys and Server Management pages speak French', async () => {
    await renderFrench('#/keys');
    expect(await screen.findByRole('heading', { level: 1, name: 'Clés' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Exporter la liste vers Excel' })).toBeTruthy();
    await go('#/servers');
    expect(await screen.findByRole('heading', { level: 1, name: 'Gestion des serveurs' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Ajouter / enregistrer un serveur' })).toBeTruthy();
  }, 60_000);

  it('French plurals: one for 0 and 1, other from 2, a million too; numbers in French style', () => {
    const i18n = createI18n('fr');
    expect(i18n.t('keys.count.keys', { count: 0 })).toBe('0 clé');
    expect(i18n.t('keys.count.keys', { count: 1 })).toBe('1 clé');
    expect(i18n.t('keys.count.keys', { count: 12_345 })).toBe(`12${NNBSP}345 clés`);
    // CLDR gives `many` for a million: it falls back to `_other`, never to English.
    expect(i18n.t('keys.count.keys', { count: 1_000_000 })).toBe(`1${NNBSP}000${NNBSP}000 clés`);
    expect(i18n.t('redeem.fill.fromPaste', { count: 3 })).toBe(`Codes ajoutés depuis le texte collé${NBSP}: 3`);
  });
});
