/**
 * `codes.check`: the inventory's codes looked up at the portal in batches, each batch's answers
 * stored in one transaction (available, redeemed with its MAC, or unknown). Without a portal, a
 * token or a connection the codes stay unchecked and the result says why.
 */
import type { Db } from '../db/database';
import { formatAuthCode, parseAuthCode } from '../domain/auth-code';
import { toUtcIso } from '../domain/utc-time';
import type { PortalClient } from '../portal/client';
import { isPortalError } from '../portal/errors';
import { MAX_CODES_PER_LOOKUP } from '../portal-api/schemas';
import { fieldError, validationError, describeFields, type ValidationField } from '../rpc/errors';
import { say } from '../messages/say';
import type { EventEmitter } from '../rpc/events';
import type { CodeCheckResult, CodesEvents } from './contract';

export interface CodeCheckDeps {
  db: Db;
  events: EventEmitter<CodesEvents>;
  now: () => Date;
  portalUrl: () => string | null;
  client: (portalUrl: string) => PortalClient;
  hasToken: (portalUrl: string) => Promise<boolean>;
}

type Lookup = Awaited<ReturnType<PortalClient['lookupAuthCodes']>>;
type Unchecked = Pick<CodeCheckResult, 'reason' | 'message'>;

export class CodeCheck {
  private readonly statements;

  constructor(private readonly deps: CodeCheckDeps) {
    const { db } = deps;
    this.statements = {
      unchecked: db.prepare<[], string>("SELECT auth_code FROM code_inventory WHERE status = 'unchecked' ORDER BY rowid").pluck(),
      countUnchecked: db.prepare<[], number>("SELECT count(*) FROM code_inventory WHERE status = 'unchecked'").pluck(),
      inInventory: db.prepare<[string], number>('SELECT 1 FROM code_inventory WHERE auth_code = ?').pluck(),
      available: db.prepare(
        `UPDATE code_inventory SET sku = coalesce(@sku, sku), description = coalesce(@description, description),
           distributor = coalesce(@distributor, distributor), last_checked_at = @now,
           status = CASE WHEN status IN ('queued', 'redeemed') THEN status ELSE 'available' END
         WHERE auth_code = @code`,
      ),
      redeemed: db.prepare(
        `UPDATE code_inventory SET sku = coalesce(@sku, sku), description = coalesce(@description, description),
           distributor = coalesce(@distributor, distributor), last_checked_at = @now,
           status = 'redeemed', redeemed_mac = @mac, redeemed_at = @redeemedAt
         WHERE auth_code = @code`,
      ),
      unknown: db.prepare(
        `UPDATE code_inventory SET last_checked_at = @now,
           status = CASE WHEN status IN ('queued', 'redeemed') THEN status ELSE 'unknown' END
         WHERE auth_code = @code`,
      ),
    };
  }

  uncheckedCount(): number {
    return this.statements.countUnchecked.get() ?? 0;
  }

  /** Checks `given` (those of them in the inventory), or every unchecked code. */
  async run(given: string[] | undefined): Promise<CodeCheckResult> {
    const targets = given ? this.inInventory(given) : this.statements.unchecked.all();
    const result: CodeCheckResult = { checked: 0, available: 0, redeemed: 0, unknown: 0, unchecked: 0, reason: null, message: null };
    const portalUrl = targets.length > 0 ? await this.ready(result) : null;
    if (portalUrl) {
      const client = this.deps.client(portalUrl);
      for (let start = 0; start < targets.length; start += MAX_CODES_PER_LOOKUP) {
        const batch = targets.slice(start, start + MAX_CODES_PER_LOOKUP);
        let answer: Lookup;
        try {
          answer = await client.lookupAuthCodes(batch.map(formatAuthCode));
        } catch (err) {
          Object.assign(result, lookupFailure(err));
          break;
        }
        if (!this.deps.db.open) break;
        this.store(batch, answer, result);
      }
    }
    result.unchecked = this.uncheckedCount();
    if (result.checked > 0) this.deps.events.emit('codes.changed', { reason: 'check' });
    return result;
  }

  /** The given codes, compact, that the inventory holds; VALIDATION naming the ones that are not codes. */
  private inInventory(given: string[]): string[] {
    const fields: ValidationField[] = [];
    const compact = new Set<string>();
    given.forEach((input, index) => {
      const parsed = parseAuthCode(input);
      if (parsed.ok) compact.add(parsed.compact);
      else fields.push(fieldError(`codes.${index}`, parsed));
    });
    if (fields.length) {
      throw validationError(`Cannot check: ${describeFields(fields)}`, fields);
    }
    return [...compact].filter((code) => this.statements.inInventory.get(code) === 1);
  }

  /** The portal to ask, or null with the reason in `result` (none configured, not signed in). */
  private async ready(result: CodeCheckResult): Promise<string | null> {
    const portalUrl = this.deps.portalUrl();
    if (!portalUrl) {
      result.reason = 'no_portal';
      result.message = say('codes.check.noPortal');
      return null;
    }
    if (!(await this.deps.hasToken(portalUrl))) {
      result.reason = 'signed_out';
      result.message = say('codes.check.signedOut');
      return null;
    }
    return portalUrl;
  }

  /** One batch's answers, in one transaction. */
  private store(batch: string[], answer: Lookup, result: CodeCheckResult): void {
    const checkedAt = this.deps.now().toISOString();
    this.deps.db.transaction(() => {
      batch.forEach((code, index) => {
        const found = answer.results[index];
        if (!found) return;
        const facts = {
          code,
          now: checkedAt,
          sku: found.sku ?? null,
          description: found.skuDescription ?? null,
          distributor: found.distributor ?? null,
        };
        if (found.status === 'unredeemed') {
          this.statements.available.run(facts);
          result.available++;
        } else if (found.status === 'redeemed' && found.mac && found.redeemedAt) {
          this.statements.redeemed.run({ ...facts, mac: found.mac, redeemedAt: toUtcIso(found.redeemedAt) ?? found.redeemedAt });
          result.redeemed++;
        } else {
          this.statements.unknown.run({ code, now: checkedAt });
          result.unknown++;
        }
        result.checked++;
      });
    })();
  }
}

/** Why a batch's look-up failed, as the result says it. */
function lookupFailure(err: unknown): Unchecked {
  if (isPortalError(err) && err.kind === 'unauthorized') {
    return {
      reason: 'signed_out',
      message: say('codes.check.signInAgain'),
    };
  }
  if (!isPortalError(err) || ['offline', 'timeout', 'retry_later'].includes(err.kind)) {
    return {
      reason: 'offline',
      message: say('codes.check.offline'),
    };
  }
  return { reason: 'portal_error', message: say('codes.check.portalError', { detail: err.message }) };
}
