// @vitest-environment jsdom
import { getDefaultNormalizer, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { BulkJobProgress } from '../../../core/bulk/contract';
import type { CodeImportResult } from '../../../core/codes/contract';
import { createI18n } from '../../../renderer/src/i18n/i18n';
import { JobProgress } from '../../../renderer/src/pages/bulk/JobProgress';
import { importResultSentence } from '../../../renderer/src/pages/codes/CodesPage';
import { DecoderError, PictureError, sayScanError } from '../../../renderer/src/scan/problems';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** JobProgress reads the counts alone (not the operations). */
function renderProgress(language: 'en' | 'fr', progress: Pick<BulkJobProgress, 'total' | 'redeemed' | 'refused' | 'waiting'>) {
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <JobProgress job={{ name: 'Job 1', progress: progress as BulkJobProgress, waitingFor: null }} />
    </I18nextProvider>,
  );
}

describe('counts before a noun go through the plural rules, in English and French', () => {
  it('a job’s progress: each count agrees with its own number, and the bar says how many codes answered', () => {
    renderProgress('fr', { total: 1_200, redeemed: 1, refused: 0, waiting: 1_199 });
    // As written: the narrow no-break space of French thousands kept.
    const asWritten = { normalizer: getDefaultNormalizer({ collapseWhitespace: false }) };
    expect(screen.getByText(`1 activé, 0 refusé, 1${NNBSP}199 en attente`, asWritten)).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe(`Réponse reçue pour 1 sur 1${NNBSP}200 codes`);
  });

  it('the same in English, "1 of 1 code" singular', () => {
    renderProgress('en', { total: 1, redeemed: 0, refused: 1, waiting: 0 });
    expect(screen.getByText('0 redeemed, 1 refused, 0 waiting')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('1 of 1 code answered');
  });

  it('French: one for 0 and 1, other from 2 (codes unchecked, keys under RMA, rows read)', () => {
    const { t } = createI18n('fr');
    expect(t('codes.check.notChecked', { count: 1 })).toBe('1 code reste non vérifié.');
    expect(t('codes.check.notChecked', { count: 2_500 })).toBe(`2${NNBSP}500 codes restent non vérifiés.`);
    const replacement = '00:0A:DD:02:3F:90';
    expect(t('servers.details.rmaRequested', { count: 0, replacement })).toBe(
      `En RMA${NBSP}: 0 clé de fonctionnalité passera au serveur de remplacement ${replacement} une fois le RMA terminé par le portail.`,
    );
    expect(t('servers.details.rmaRequested', { count: 3, replacement })).toContain('3 clés de fonctionnalité passeront');
    expect(t('imports.rows', { count: 1 })).toBe('1 ligne lue');
    expect(t('bulk.inventory.available', { count: 12 })).toBe('12 disponibles');
  });

  it('English: one and other where the noun follows the count', () => {
    const { t } = createI18n('en');
    expect(t('codes.check.notChecked', { count: 1 })).toBe('1 code is still unchecked.');
    expect(t('servers.form.siteOption', { siteId: 'S-1', company: 'Acme', count: 1 })).toBe('S-1 — Acme (1 server)');
    expect(t('exportJob.progress', { written: 0, count: 1 })).toBe('0 of 1 row written');
    expect(t('bulk.inventory.quantityRange', { max: 15_000 })).toBe('A whole number from 1 to 15,000.');
    expect(createI18n('fr').t('bulk.inventory.quantityRange', { max: 15_000 })).toBe(`Un nombre entier de 1 à 15${NNBSP}000.`);
  });

  it('the scanner’s and the pictures reader’s problems are said in the user’s language; the Error keeps the English', () => {
    const error = new PictureError({ kind: 'unreadable', name: 'sheet.png', cause: new DecoderError({ kind: 'closed' }) });
    expect(error.message).toBe('The barcodes in "sheet.png" could not be read: The barcode decoder was closed.');
    expect(sayScanError(createI18n('fr').t, error)).toBe(
      `Les codes-barres de «${NBSP}sheet.png${NBSP}» n'ont pas pu être lus${NBSP}: Le décodeur de codes-barres a été fermé.`,
    );
    expect(sayScanError(createI18n('fr').t, new PictureError({ kind: 'empty', name: null }))).toBe("L'image est vide.");
  });

  it('a codes import says what it stored in one sentence, joined as each language joins its parts', () => {
    const result: CodeImportResult = {
      draftId: 'd',
      batchId: 1,
      fileName: 'order.xlsx',
      added: 2,
      addedRedeemed: 1,
      alreadyInInventory: 0,
      skipped: 3,
      alreadyConfirmed: false,
    };
    expect(importResultSentence(createI18n('fr').t, result)).toBe(
      `Importé de order.xlsx${NBSP}: 2 nouveaux codes ajoutés${NNBSP}; 1 code déjà activé, enregistré comme tel${NNBSP}; 3 codes laissés de côté.`,
    );
    expect(importResultSentence(createI18n('en').t, { ...result, addedRedeemed: 0, skipped: 0 })).toBe(
      'Imported from order.xlsx: 2 new codes added.',
    );
  });
});
