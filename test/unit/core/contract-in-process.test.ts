import { createApiClient } from '../../../core/api/client';
import { createInProcessTransport } from '../../../core/rpc/transport/in-process';
import { describeContract } from '../../support/contract-suite';

describeContract('the in-process transport', (core) => {
  const transport = createInProcessTransport(core.server);
  return { client: createApiClient(transport), teardown: () => transport.close() };
});
