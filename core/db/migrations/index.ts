import type { Migration } from './types';
import { migration001 } from './001-initial';
import { migration002 } from './002-outbox-codes';
import { migration003 } from './003-search';
import { migration004 } from './004-servers';
import { migration005 } from './005-code-inventory';
import { migration006 } from './006-code-balance';
import { migration007 } from './007-bulk-jobs';

/** Every migration, in order. Forward only: never edit one that has shipped; add the next. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

export type { Migration };
