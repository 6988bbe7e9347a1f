import type { Logger } from '../log/logger';
import { RpcServer } from '../rpc/server';
import { methodContracts, type Handlers } from './contract';
import type { EventBus } from './events';

/** The kernel's server bound to FieldKey's merged contract: what every transport serves. */
export class ApiServer extends RpcServer {
  constructor(handlers: Handlers, events: EventBus, log?: Logger) {
    super(methodContracts, handlers, events, log);
  }
}
