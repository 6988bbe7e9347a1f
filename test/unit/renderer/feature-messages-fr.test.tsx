/** The feature pages' core messages, said in French by the renderer's i18next (namespace `core`). */
import { parseMacList, parseMacRange } from '../../../core/domain/mac-range';
import { say } from '../../../core/messages/say';
import { createI18n } from '../../../renderer/src/i18n/i18n';
import { sayMessage } from '../../../renderer/src/i18n/messages';

describe('feature messages in French', () => {
  const i18n = createI18n('fr');
  const fr = (message: Parameters<typeof sayMessage>[1]) => sayMessage(i18n.t, message);

  it('a range refused for its size, with the number formatted', () => {
    const range = parseMacRange('000ADD000001', '000ADD000040');
    expect(range.ok).toBe(false);
    if (!range.ok)
      expect(fr(range)).toBe(
        'La plage 00:0A:DD:00:00:01 – 00:0A:DD:00:00:40 contient 64 adresses MAC\u202f; 50 au plus peuvent être ajoutées à la fois.',
      );
  });

  it("a file's repeated MAC and a queued reason", () => {
    const { rows } = parseMacList('000ADD000001\n00:0A:DD:00:00:01\n');
    expect(fr(rows[1]!.message!)).toBe('00:0A:DD:00:00:01 figure déjà à la ligne 1.');
    expect(fr(say('servers.queued.signIn'))).toBe('Reconnectez-vous au portail\u202f; la modification est envoyée dès que vous le faites.');
  });

  it("the portal's own words stay as it sent them, marked as the portal's", () => {
    expect(fr(say('systems.add.portalRefused', { reason: 'MAC blocked by policy' }))).toBe(
      'Le portail a répondu\u00a0: MAC blocked by policy',
    );
  });

  it('a registration problem names the field in French', () => {
    expect(fr(say('registration.mustStayComplete', { label: 'City', field: 'city', status: 'Registered', state: 'registered' }))).toBe(
      "Ce serveur est enregistré\u00a0: son enregistrement doit rester complet. Ville est nécessaire à l'enregistrement.",
    );
  });
});
