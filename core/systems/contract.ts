/**
 * The customer systems FieldKey knows (from the local cache), for pickers and lookups.
 * Only zod and types may be imported: the renderer imports this file.
 */
import { z } from 'zod';
import { method } from '../api/define';

export interface SystemSummary {
  /** 12 upper-case hex digits. */
  mac: string;
  serial: string | null;
  name: string | null;
  customer: string | null;
  /** Feature keys the cache holds for it. */
  keyCount: number;
}

export const systemsMethods = {
  /**
   * Systems whose MAC (any format, or part of one), name or customer contains `query`; best
   * matches first (MAC prefix, then name, then customer). An empty query lists recent systems.
   */
  'systems.search': method<{ systems: SystemSummary[] }>()(
    z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) }).strict(),
  ),
  /** One system by MAC (any accepted format); null when the cache does not know it. VALIDATION for a malformed MAC. */
  'systems.get': method<SystemSummary | null>()(z.object({ mac: z.string().max(64) }).strict()),
};
