import { ApiError } from '../../../core/rpc/errors';
import { FakeCore } from './fake-core';

/** The renderer tests' stand-in core must refuse what the real core refuses, the same way. */
describe('FakeCore validates every call against the contract', () => {
  it.each([
    ['redeem.submit', { mac: '000ADD023F8F', authCodes: [] }, 'authCodes'],
    ['redeem.preview', { authCodes: 'AAAAAA-BBBBBB-CCCCCC-DDDDDD' }, 'authCodes'],
    ['settings.set', { patch: { theme: 'purple' } }, 'patch.theme'],
    ['systems.get', { mac: '000ADD023F8F', extra: true }, 'extra'],
    ['redeem.export', { operationId: 1, format: 'pdf' }, 'format'],
  ])('%s with a wrong argument is refused with VALIDATION naming the field', async (method, args, field) => {
    const core = new FakeCore();
    const error = await core.transport.invoke(method, args).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('VALIDATION');
    expect((error as ApiError).message).toMatch(new RegExp(`^Invalid arguments for ${method.replace('.', '\\.')}: `));
    const fields = ((error as ApiError).details as { fields: { field: string; message: string }[] }).fields;
    expect(fields.map((issue) => issue.field)).toContain(field);
  });

  it('an unknown method is refused with UNKNOWN_METHOD', async () => {
    await expect(new FakeCore().transport.invoke('redeem.everything', {})).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
  });

  it('a right argument is answered', async () => {
    const core = new FakeCore();
    core.systems = [{ mac: '000ADD023F8F', serial: null, name: 'Lincoln', customer: null, keyCount: 1 }];
    await expect(core.client.invoke('systems.search', { query: 'linc' })).resolves.toEqual({ systems: core.systems });
    expect(core.callsTo('systems.search')).toEqual([{ query: 'linc' }]);
  });
});
