/**
 * Every export in French: a real core signed in to the sandbox portal over 127.0.0.1, its language
 * setting set to `fr`, exports each file and reads it back with exceljs. Headers, titles, sheet
 * names, labels and file names are French; the data (codes, keys, MACs, SKU descriptions, system
 * names) is as the portal gave it; date columns hold real Excel dates with a date format.
 */
import ExcelJS from 'exceljs';
import type { ExportedFile } from '../../../core/export/contract';
import { DATE_TIME_FORMAT } from '../../../core/export/workbook';
import { formatMac } from '../../../core/domain/mac';
import { parsePortalExport } from '../../../core/keys/portal-export';
import { exportRedemption } from '../../../core/redeem/redemption-file';
import type { RedemptionResult } from '../../../core/portal-api/schemas';
import { translator } from '../../../core/messages/say';
import { useSandboxCores } from '../../support/sandbox-cores';
import { unredeemedCodes } from '../../support/sandbox-portal';
import type { SyncTestCore } from '../../support/sync-core';
import { csvOf } from '../bulk/bulk-fixture';

const MAC = '000ADD0FAC01';
const BULK_MAC = '000ADD0FAC02';
const DAY = /\d{4}-\d{2}-\d{2}/.source;
const NBSP = '\u00a0';

async function readBack(file: ExportedFile): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  return workbook;
}
const textOf = (file: ExportedFile) => Buffer.from(file.base64, 'base64').toString('utf8');
const headerOf = (sheet: ExcelJS.Worksheet, row = 1) => (sheet.getRow(row).values as unknown[]).slice(1);

/** A date cell: a Date value with the date-time number format (not text). */
function expectDateCell(cell: ExcelJS.Cell): void {
  expect(cell.value).toBeInstanceOf(Date);
  expect(cell.type).toBe(ExcelJS.ValueType.Date);
  expect(cell.numFmt).toBe(DATE_TIME_FORMAT);
}

describe('exports in French (language setting fr, real core and sandbox portal)', () => {
  const { portal, signedInCore } = useSandboxCores({ scope: 'all' });
  let app: SyncTestCore;
  let operationId: number;
  let redeemed: { authCode: string; featureKey: string; skuDescription: string };
  let bulkCodes: string[];

  beforeAll(async () => {
    app = await signedInCore();
    await app.client.invoke('settings.set', { patch: { language: 'fr' } });
    const codes = (await unredeemedCodes(portal)).map((c) => c.code);
    const submitted = await app.client.invoke('redeem.submit', { mac: formatMac(MAC), systemName: 'Accueil', authCodes: [codes[0]!] });
    operationId = submitted.operation.id;
    const result = submitted.operation.results![0]!;
    expect(result.status).toBe('redeemed');
    redeemed = { authCode: result.authCode, featureKey: result.featureKey!, skuDescription: result.skuDescription! };
    bulkCodes = codes.slice(1, 3);
  });

  it('redeem.export: French headers, title, sheet and file name; the key, code and description as the portal gave them', async () => {
    const file = await app.client.invoke('redeem.export', { operationId, format: 'xlsx' });
    expect(file.fileName).toMatch(new RegExp(`^clés-de-fonctionnalité-${MAC}-${DAY}\\.xlsx$`));
    const workbook = await readBack(file);
    expect(workbook.title).toBe('Clés de fonctionnalité obtenues pour 00:0A:DD:0F:AC:01');
    expect(workbook.description).toBe("Les heures sont à l'heure locale de l'ordinateur qui a exporté le fichier.");
    const sheet = workbook.getWorksheet('Clés de fonctionnalité')!;
    expect(headerOf(sheet)).toEqual([
      "Code d'autorisation",
      'Clé de fonctionnalité',
      'Description de la référence',
      'Adresse MAC',
      "Date d'activation",
    ]);
    const row = sheet.getRow(2);
    expect([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value, row.getCell(4).value]).toEqual([
      redeemed.authCode,
      redeemed.featureKey,
      redeemed.skuDescription,
      '00:0A:DD:0F:AC:01',
    ]);
    expectDateCell(row.getCell(5));

    const txt = await app.client.invoke('redeem.export', { operationId, format: 'txt' });
    expect(txt.fileName).toMatch(new RegExp(`^clés-de-fonctionnalité-${MAC}-${DAY}\\.txt$`));
    const [header, line] = textOf(txt).split('\r\n');
    expect(header).toMatch(/^Code d'autorisation +Clé de fonctionnalité +Description de la référence +Adresse MAC +Date d'activation$/);
    expect(line).toContain(redeemed.featureKey);
  });

  it('keys.export: French headers, title, sheet and file name (the filter in French); real dates; the file imports again', async () => {
    const filter = { by: 'mac', contains: '0FAC01', from: '2020-01-01', to: null } as const;
    const listed = await app.client.invoke('keys.list', { filter });
    expect(listed.rows.length).toBe(1);
    const file = await app.client.invoke('keys.export', { filter });
    expect(file.fileName).toMatch(new RegExp(`^FieldKey clés adresse MAC contient 0FAC01 2020-01-01 au ${DAY}\\.xlsx$`));
    const workbook = await readBack(file);
    expect(workbook.title).toBe('Clés de fonctionnalité FieldKey');
    expect(workbook.subject).toBe(
      `Clés de fonctionnalité, recherche «${NBSP}0FAC01${NBSP}» (adresse MAC), activées à partir du 2020-01-01, tri par date d'activation, ordre décroissant`,
    );
    const sheet = workbook.getWorksheet('Clés de fonctionnalité')!;
    expect(headerOf(sheet)).toEqual([
      'Référence (SKU)',
      'Description',
      'Distributeur',
      "Code d'autorisation",
      'Clé de fonctionnalité',
      'Adresse MAC',
      'Nom du système',
      'Client',
      "Date d'activation",
    ]);
    const [key] = listed.rows;
    const row = sheet.getRow(2);
    expect([row.getCell(1).value, row.getCell(4).value, row.getCell(5).value, row.getCell(6).value, row.getCell(7).value]).toEqual([
      key!.sku,
      key!.authCode,
      key!.featureKey,
      '00:0A:DD:0F:AC:01',
      'Accueil',
    ]);
    expectDateCell(row.getCell(9));
    expect((row.getCell(9).value as Date).getTime()).not.toBeNaN();

    // A French technician's export is read back by keys.import (its French headers recognised).
    const parsed = await parsePortalExport(Buffer.from(file.base64, 'base64'), { utcOffset: () => 0 });
    expect(parsed.rows.map((r) => [r.featureKey, r.mac])).toEqual([[key!.featureKey, MAC]]);
  });

  it('keys.exportSystem: the handover sheet and .txt with French title, labels, headers and file name', async () => {
    const file = await app.client.invoke('keys.exportSystem', { mac: MAC, format: 'xlsx' });
    expect(file.fileName).toMatch(new RegExp(`^FieldKey clés ${MAC} ${DAY}\\.xlsx$`));
    const workbook = await readBack(file);
    expect(workbook.title).toBe('Clés de fonctionnalité du système Accueil');
    const sheet = workbook.getWorksheet('Clés de fonctionnalité')!;
    expect(sheet.getCell('A1').value).toBe('Clés de fonctionnalité du système Accueil');
    const labels = [3, 4, 5, 6, 7, 8].map((r) => sheet.getRow(r).getCell(1).value);
    expect(labels).toEqual(['Nom du système', 'Adresse MAC', 'Numéro de série', 'Client', 'Exporté le', 'Nombre de clés']);
    expect(sheet.getCell('B3').value).toBe('Accueil');
    expect(sheet.getCell('B4').value).toBe('00:0A:DD:0F:AC:01');
    expectDateCell(sheet.getCell('B7'));
    expect(headerOf(sheet, 10)).toEqual([
      'Référence (SKU)',
      'Description',
      "Code d'autorisation",
      'Clé de fonctionnalité',
      "Date d'activation",
    ]);
    expect(sheet.getRow(11).getCell(3).value).toBe(redeemed.authCode);
    expect(sheet.getRow(11).getCell(4).value).toBe(redeemed.featureKey);
    expectDateCell(sheet.getRow(11).getCell(5));
    expect(sheet.getCell('A13').value).toBe('Inventaire des licences');
    expect(headerOf(sheet, 14)).toEqual(['Référence (SKU)', 'Description', 'Nombre']);
    expect(sheet.getRow(16).getCell(2).value).toBe('Total des fonctionnalités élémentaires');
    expect(sheet.headerFooter.oddFooter).toMatch(/&RPage &P sur &N$/);

    const txt = await app.client.invoke('keys.exportSystem', { mac: MAC, format: 'txt' });
    expect(txt.fileName).toMatch(new RegExp(`^FieldKey clés ${MAC} ${DAY}\\.txt$`));
    const text = textOf(txt);
    expect(text.startsWith('Clés de fonctionnalité du système Accueil\r\n')).toBe(true);
    expect(text).toMatch(/\r\nNom du système +Accueil\r\n/);
    expect(text).toMatch(/\r\nRéférence \(SKU\) +Description +Code d'autorisation +Clé de fonctionnalité +Date d'activation\r\n/);
    expect(text).toContain(redeemed.featureKey);
    expect(text).toContain('\r\nInventaire des licences\r\n');
    expect(text).toMatch(/Total des fonctionnalités élémentaires +1\r\n$/);
  });

  it('servers.export: French headers, statuses, title, sheet and file name; the portal’s names as they are; real dates', async () => {
    const filter = { sort: 'mac', direction: 'asc' } as const;
    const listed = await app.client.invoke('servers.list', { filter });
    expect(listed.rows.length).toBeGreaterThan(0);
    const file = await app.client.invoke('servers.export', { filter });
    expect(file.fileName).toMatch(new RegExp(`^FieldKey serveurs ${DAY}\\.xlsx$`));
    const workbook = await readBack(file);
    expect(workbook.title).toBe('Serveurs FieldKey');
    const sheet = workbook.getWorksheet('Serveurs')!;
    expect(headerOf(sheet)).toEqual([
      'Adresse MAC',
      'Modèle de serveur',
      'Nom du système',
      'Société du client final',
      'ID site/serveur',
      'Statut',
      "Date d'ajout",
    ]);
    const statuses = { saved: 'Sauvegardé', registered: 'Enregistré', activated: 'Activé' };
    listed.rows.forEach((server, index) => {
      const row = sheet.getRow(index + 2);
      expect(row.getCell(1).value).toBe(formatMac(server.mac));
      expect(row.getCell(2).value).toBe(server.model);
      expect(row.getCell(3).value ?? null).toBe(server.systemName);
      expect(row.getCell(6).value).toBe(statuses[server.status]);
      expectDateCell(row.getCell(7));
    });

    const status = listed.rows[0]!.status;
    const filtered = await app.client.invoke('servers.export', { filter: { ...filter, status, hidden: true } });
    const word = { saved: 'sauvegardés', registered: 'enregistrés', activated: 'activés' }[status];
    expect(filtered.fileName).toMatch(new RegExp(`^FieldKey serveurs masqués ${word} ${DAY}\\.xlsx$`));
  });

  it('codes.exportBalance: French headers, title, sheet and file name; a code of unknown SKU says so in French', async () => {
    const insert = app.core.db.prepare(
      `INSERT INTO code_inventory (auth_code, sku, description, distributor, source_kind, imported_at, status)
       VALUES (?, ?, ?, 'Northwind', 'text', '2026-11-01T00:00:00.000Z', 'available')`,
    );
    insert.run('K000000ZZZZZZZZZZZZZZZZG', '8210010', '8210010 - 6x Internet Call Access Key');
    insert.run('K000001ZZZZZZZZZZZZZZZZG', null, null);
    const file = await app.client.invoke('codes.exportBalance', {});
    expect(file.fileName).toMatch(new RegExp(`^FieldKey solde des codes ${DAY}\\.xlsx$`));
    const workbook = await readBack(file);
    expect(workbook.title).toBe('Solde des codes FieldKey');
    const sheet = workbook.getWorksheet('Solde')!;
    expect(headerOf(sheet)).toEqual([
      'Référence (SKU)',
      'Description',
      'Disponibles',
      'Non vérifiés',
      "En attente d'envoi",
      'Total',
      'Plus ancienne importation',
    ]);
    expect(sheet.getCell('A2').value).toBe('8210010');
    expect(sheet.getCell('B2').value).toBe('8210010 - 6x Internet Call Access Key');
    expect(sheet.getCell('C2').value).toBe(1);
    expectDateCell(sheet.getCell('G2'));
    expect(sheet.getCell('A3').value).toBe('Référence pas encore connue');
  });

  it('bulk.export: French headers, outcomes, title, sheet and file name; the job’s name and the data as they are', async () => {
    const draft = await app.client.invoke('bulk.createFromFile', {
      fileName: 'Déploiement site.csv',
      bytes: csvOf([['MAC', 'Auth Code', 'System Name'], ...bulkCodes.map((code) => [formatMac(BULK_MAC), code, 'Entrepôt'])]),
    });
    await app.client.invoke('bulk.start', { jobId: draft.id });
    await app.core.sync.pushNow();
    const file = await app.client.invoke('bulk.export', { jobId: draft.id });
    expect(file.fileName).toMatch(new RegExp(`^FieldKey activation groupée Déploiement site ${DAY}\\.xlsx$`));
    const workbook = await readBack(file);
    expect(workbook.title).toBe('Activation groupée FieldKey Déploiement site');
    const sheet = workbook.getWorksheet('Rapport')!;
    expect(headerOf(sheet)).toEqual([
      'Ligne',
      'Adresse MAC',
      'Nom du système',
      "Code d'autorisation",
      'Résultat',
      'Clé de fonctionnalité',
      'Description de la référence',
      'Motif',
      "Date d'activation",
    ]);
    const row = sheet.getRow(2);
    expect([row.getCell(2).value, row.getCell(3).value, row.getCell(4).value, row.getCell(5).value]).toEqual([
      '00:0A:DD:0F:AC:02',
      'Entrepôt',
      bulkCodes[0],
      'Activé',
    ]);
    expect(row.getCell(6).value).toEqual(expect.any(String));
    expectDateCell(row.getCell(9));
  });
});

describe('the redemption writer in French', () => {
  const NOW = new Date('2026-11-23T14:05:00.000Z');
  const results: RedemptionResult[] = [
    {
      authCode: '43XC98-68WTGB-CWMH53-YS4RA9',
      status: 'redeemed',
      featureKey: '=aB3-ncjw-Foeb',
      skuDescription: '8210010 - 6x Internet Call Access Key',
      mac: MAC,
      redeemedAt: '2026-11-23T14:03:12.000Z',
    },
    { authCode: '7KQ2MD-P4LX9T-B8WN3R-J6HV5C', status: 'already_redeemed', mac: '000ADD0B0FFF' },
    { authCode: 'ZZZZZZ-P4LX9T-B8WN3R-J6HV5C', status: 'not_found', message: 'Authorization code not found.' },
  ] as RedemptionResult[];

  it('xlsx: the Status column and its words in French, the portal’s own reason as it gave it', async () => {
    const file = await exportRedemption(results, 'xlsx', NOW, { utcOffsetMinutes: () => 0, language: 'fr' });
    expect(file.fileName).toBe(`clés-de-fonctionnalité-${MAC}-2026-11-23.xlsx`);
    const sheet = (await readBack(file)).getWorksheet('Clés de fonctionnalité')!;
    expect(headerOf(sheet).at(-1)).toBe('Statut');
    expect(sheet.getRow(2).getCell(2).value).toBe('=aB3-ncjw-Foeb');
    expect(sheet.getRow(2).getCell(6).value).toBe('Activé');
    expect(sheet.getRow(3).getCell(6).value).toBe('Déjà activé sur 00:0A:DD:0B:0F:FF.');
    expect(sheet.getRow(4).getCell(6).value).toBe('Authorization code not found.');
    expectDateCell(sheet.getRow(2).getCell(5));
    expect((sheet.getRow(2).getCell(5).value as Date).toISOString()).toBe('2026-11-23T14:03:12.000Z');
  });

  it('txt: French headers and sections', async () => {
    const text = textOf(await exportRedemption(results, 'txt', NOW, { utcOffsetMinutes: () => 0, language: 'fr' }));
    const lines = text.split('\r\n');
    expect(lines[0]).toMatch(/^Code d'autorisation +Clé de fonctionnalité/);
    expect(lines[1]).toContain('2026-11-23 14:03:12');
    expect(lines).toContain(`Non activés${NBSP}:`);
    expect(text).toContain('7KQ2MD-P4LX9T-B8WN3R-J6HV5C  Déjà activé sur 00:0A:DD:0B:0F:FF.');
    const none = textOf(await exportRedemption(results.slice(1), 'txt', NOW, { language: 'fr' }));
    expect(none.startsWith(`${translator('fr')('export.redemption.noKeys')}\r\n`)).toBe(true);
  });
});
