import { EventBus as RpcEventBus, type EventListener as RpcEventListener } from '../rpc/events';
import type { Events } from './contract';

export type EventListener = RpcEventListener<Events>;

/** The core's event bus, typed with every feature's events. */
export class EventBus extends RpcEventBus<Events> {}
