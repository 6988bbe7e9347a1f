import { ApiError } from '../../../core/rpc/errors';
import { BULK_RULES, MAX_BULK_FILE_BYTES } from '../../../core/domain/bulk-rules';
import { translator } from '../../../core/messages/say';
import { problemsOf } from '../../../renderer/src/pages/bulk/bulk-labels';
import { sampleCsv } from '../../../renderer/src/pages/bulk/sample-file';
import { oversizeProblem } from '../../../renderer/src/pages/bulk/use-bulk-file';
import { bulkHref, bulkScreenFromSegments } from '../../../renderer/src/pages/bulk/use-bulk-route';

describe('Bulk page rules', () => {
  it.each([
    [[], { kind: 'list' }],
    [['12'], { kind: 'job', jobId: 12 }],
    [['12', 'report'], { kind: 'report', jobId: 12 }],
    [['12', 'other'], { kind: 'job', jobId: 12 }],
    [['0'], { kind: 'list' }],
    [['abc'], { kind: 'list' }],
    [['-3'], { kind: 'list' }],
    [['12345678901'], { kind: 'list' }],
  ] as const)('#/bulk/%j is %j', (segments, screen) => {
    expect(bulkScreenFromSegments(segments)).toEqual(screen);
  });

  it('hrefs read back as the same screen', () => {
    expect(bulkHref({ kind: 'list' })).toBe('#/bulk');
    expect(bulkHref({ kind: 'job', jobId: 7 })).toBe('#/bulk/7');
    expect(bulkHref({ kind: 'report', jobId: 7 })).toBe('#/bulk/7/report');
  });

  it('every rule has its text in English and French; problems are read only from a VALIDATION error that carries them', () => {
    const [en, fr] = [translator('en'), translator('fr')];
    for (const rule of BULK_RULES) {
      expect(rule.code).toBe(`bulkRule.${rule.id}`);
      expect(en(rule.code)).not.toBe(rule.code);
      expect(fr(rule.code)).not.toBe(en(rule.code));
    }
    expect(fr('bulkRule.max_rows')).toBe("Le fichier compte au plus 15\u202f000 lignes sous la ligne d'en-tête.");
    const problem = { rule: 'mac_format', row: 3, column: 'MAC', text: 'x', message: { code: 'bulk.problem.macMissing', message: 'No.' } };
    expect(problemsOf(new ApiError('VALIDATION', 'Refused', { problems: [problem] }))).toEqual([problem]);
    expect(problemsOf(new ApiError('VALIDATION', 'Invalid arguments', { fields: [] }))).toBeNull();
    expect(problemsOf(new ApiError('CONFLICT', 'Not a draft', { problems: [problem] }))).toBeNull();
    expect(problemsOf(null)).toBeNull();
  });

  it('a file over the limit is refused by max_size, saying its size', () => {
    expect(oversizeProblem(MAX_BULK_FILE_BYTES + 300_000)).toEqual({
      rule: 'max_size',
      row: null,
      column: null,
      text: null,
      message: {
        code: 'bulk.file.tooLarge',
        message: 'The file is 5.3 MB; a bulk file may be at most 5 MB: split it into smaller files.',
        params: { size: 5.3, limit: 5 },
      },
    });
    // The core's own wording of the same refusal, in both languages.
    const { params } = oversizeProblem(MAX_BULK_FILE_BYTES + 300_000).message;
    expect(translator('en')('bulk.file.tooLarge', params)).toBe(
      'The file is 5.3 MB; a bulk file may be at most 5 MB: split it into smaller files.',
    );
    expect(translator('fr')('bulk.file.tooLarge', params)).toBe(
      "Le fichier fait 5,3\u00a0Mo\u202f; un fichier d'activation groupée fait au plus 5\u00a0Mo\u00a0: scindez-le en fichiers plus petits.",
    );
  });

  it('the sample file has the rule columns and two good example rows', () => {
    const [header, ...rows] = sampleCsv().trim().split('\r\n');
    expect(header).toBe('MAC,Auth Code,System Name');
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/^([0-9A-F]{2}:){5}[0-9A-F]{2},[A-Z0-9]{6}(-[A-Z0-9]{6}){3},\S/);
  });
});
