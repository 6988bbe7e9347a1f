/**
 * Changes to servers: Add / Register Server and Modify/Complete Registration (`servers.save`),
 * hide and show, Initiate RMA. Each is checked here first (every problem named on its field,
 * nothing queued), then written to the cache and the outbox in one transaction (the checks that
 * read the cache run inside it) and sent at once when the portal can be reached, as
 * systems.add does.
 */
import { ApiError, fieldError, type MessageParams, type ValidationField, validationError } from '../rpc/errors';
import type { Db } from '../db/database';
import type { Message, MessageCode } from '../messages/catalogue';
import { say } from '../messages/say';
import { formatMac, parseMac } from '../domain/mac';
import {
  isRegistrable,
  REGISTRATION_FIELDS,
  registrationProblems,
  SERVER_STATUS_LABELS,
  parseSerial,
  parseSiteId,
  statusAfter,
  statusRank,
  type ServerModel,
} from '../domain/servers';
import type { PortalServerRegistration } from '../portal-api/schemas';
import { isPortalError } from '../portal/errors';
import type { ServerRequestSummary } from '../sync/contract';
import type { SyncEngine } from '../sync/engine';
import type { OutboxStore } from '../sync/outbox';
import { prepareServerWrites } from '../sync/server-writes';
import type { ServerChangeResult, ServerForm, ServerFormField } from './contract';
import type { ServerQuery } from './server-query';

export interface ServerChangeDeps {
  db: Db;
  outbox: OutboxStore;
  sync: Pick<SyncEngine, 'pushNow' | 'syncNow' | 'getState'>;
  now: () => Date;
  portalUrl: () => string | null;
  query: ServerQuery;
}

/** The form's fields at fault, as `form.<field>`, the first problem found on a field kept. */
class Problems {
  readonly fields: ValidationField[] = [];

  add(field: ServerFormField, code: MessageCode, message: string, params?: MessageParams): void {
    if (!this.has(field)) this.fields.push(fieldError(`form.${field}`, code, message, params));
  }

  /** A problem said from the catalogue. */
  say(field: ServerFormField, code: MessageCode, params?: MessageParams): void {
    const said = say(code, params);
    this.add(field, said.code, said.message, said.params);
  }

  has(field: ServerFormField): boolean {
    return this.fields.some((f) => f.field === `form.${field}`);
  }

  get empty(): boolean {
    return this.fields.length === 0;
  }
}

/** The form's problems as VALIDATION, or CONFLICT (the server is already there) with the same details. */
function formProblems(problems: readonly ValidationField[], code: 'VALIDATION' | 'CONFLICT' = 'VALIDATION'): ApiError {
  const message = describe(problems);
  return code === 'VALIDATION' ? validationError(message, problems) : new ApiError(code, message, { fields: [...problems] });
}

function requirePortal(deps: ServerChangeDeps): string {
  const portalUrl = deps.portalUrl();
  if (!portalUrl) {
    throw validationError(say('portalUrl.missing').message, [fieldError('portalUrl', say('portalUrl.missing'))]);
  }
  return portalUrl;
}

/** The checks that need nothing but the form: each problem on its field. */
export function checkServerForm(
  form: ServerForm,
  action: 'save' | 'register',
): { problems: ValidationField[]; serial: string | null; mac: string | null; model: ServerModel | null; siteId: string | null } {
  const problems = new Problems();
  const serial = parseSerial(form.serial);
  if (!serial.ok) problems.add('serial', serial.code, serial.message, serial.params);
  const mac = parseMac(form.mac);
  if (!mac.ok) problems.add('mac', mac.code, mac.message, mac.params);
  const model = form.model === '' ? null : form.model;
  if (!model) problems.say('model', 'model.required');
  let siteId: string | null = null;
  if (form.site === 'existing') {
    if (form.siteId.trim() === '') problems.say('siteId', 'siteId.required');
    else {
      const parsed = parseSiteId(form.siteId);
      if (parsed.ok) siteId = parsed.siteId;
      else problems.add('siteId', parsed.code, parsed.message, parsed.params);
    }
  }
  if (action === 'register' && model) {
    if (!isRegistrable(model)) {
      problems.say('model', 'model.notRegistrable', { model });
    } else {
      for (const problem of registrationProblems(form)) problems.add(problem.field, problem.code, problem.message, problem.params);
    }
  } else if (action === 'save') {
    // An e-mail that is given must look like one, even on an incomplete form.
    const email = form.contactEmail.trim();
    if (email !== '') {
      const emailProblem = registrationProblems({ ...form, contactEmail: email }).find((p) => p.field === 'contactEmail');
      if (emailProblem) problems.add('contactEmail', emailProblem.code, emailProblem.message, emailProblem.params);
    }
  }
  return { problems: problems.fields, serial: serial.ok ? serial.serial : null, mac: mac.ok ? mac.mac : null, model, siteId };
}

function registrationOf(form: ServerForm): PortalServerRegistration {
  const text = (value: string) => {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  };
  return Object.fromEntries(REGISTRATION_FIELDS.map((field) => [field, text(form[field])])) as unknown as PortalServerRegistration;
}

function describe(problems: readonly ValidationField[]): string {
  const [first] = problems;
  return problems.length === 1 && first
    ? first.message
    : `The form has ${problems.length} problems: ${problems.map((p) => p.message).join(' ')}`;
}

export function createServerChanges(deps: ServerChangeDeps) {
  const writes = prepareServerWrites(deps.db);
  const statements = {
    macOfSerial: deps.db.prepare<[string], string>('SELECT mac FROM servers WHERE serial = ? LIMIT 1').pluck(),
    siteExists: deps.db.prepare<[string], number>('SELECT 1 FROM servers WHERE site_id = ? LIMIT 1').pluck(),
  };

  /** Sends at once when it can and says what became of the operation. */
  const finish = async (operationId: number, mac: string): Promise<ServerChangeResult> => {
    const push = await deps.sync.pushNow();
    const operation = deps.outbox.getServer(operationId)!;
    const answered = operation.status === 'done' || operation.status === 'needs_attention';
    // The portal's history record of the change comes only through the change feed: pull it now,
    // so Server History does not lose the change between its queued record and the next sync.
    if (operation.status === 'done') void deps.sync.syncNow();
    const server = writes.read(mac);
    // The row is there: a change never removes it, and nothing else runs in between.
    if (!server) throw new ApiError('INTERNAL', say('server.lost', { mac: formatMac(mac) }));
    const [row] = deps.query.withPending([server]);
    return {
      server: row!,
      operation,
      queued: !answered,
      queuedReason: answered ? null : queuedReasonOf(operation.lastError, push.stoppedBy, deps.sync.getState().loginNeeded),
    };
  };

  return {
    async save(form: ServerForm, action: 'save' | 'register', mode: 'add' | 'modify'): Promise<ServerChangeResult> {
      const checked = checkServerForm(form, action);
      if (checked.problems.length > 0) throw formProblems(checked.problems);
      const portalUrl = requirePortal(deps);
      const mac = checked.mac!;
      const serial = checked.serial!;
      const model = checked.model!;
      const registration = registrationOf(form);
      const operation = deps.outbox.enqueueServer({
        portalUrl,
        now: deps.now(),
        // Inside the transaction: what the cache says cannot change before the write.
        plan: (): ServerRequestSummary => {
          const problems = new Problems();
          const current = writes.read(mac);
          const serialOwner = statements.macOfSerial.get(serial);
          const serialTaken = (owner: string) => problems.say('serial', 'serial.taken', { serial, mac: formatMac(owner) });
          if (mode === 'add') {
            if (current) problems.say('mac', 'server.onDashboard');
            if (serialOwner === mac) problems.say('serial', 'server.onDashboard');
            else if (serialOwner !== undefined) serialTaken(serialOwner);
            if (!problems.empty) throw formProblems(problems.fields, 'CONFLICT');
          } else {
            if (!current) throw new ApiError('NOT_FOUND', say('server.notOnDashboard', { mac: formatMac(mac) }));
            if (serialOwner !== undefined && serialOwner !== mac) serialTaken(serialOwner);
          }
          if (checked.siteId !== null && statements.siteExists.get(checked.siteId) === undefined) {
            problems.say('siteId', 'siteId.unknown', { siteId: checked.siteId });
          }
          const status = current?.status ?? null;
          const complete = registrationProblems(registration).length === 0;
          const ruling = statusAfter(model, status, { kind: action, complete });
          if (!ruling.ok && ruling.reason === 'backwards') {
            for (const problem of registrationProblems(registration)) {
              const params = status ? { ...problem.params, status: SERVER_STATUS_LABELS[status], state: status } : problem.params;
              const code = problem.code === 'registration.notEmail' ? 'registration.mustStayEmail' : 'registration.mustStayComplete';
              problems.add(problem.field, code, `${ruling.message} ${problem.message}`, params);
            }
          } else if (ruling.ok && status !== null && statusRank(ruling.status) < statusRank(status)) {
            problems.say('model', 'model.statusStays', { status: SERVER_STATUS_LABELS[status], state: status, model: current!.model });
          }
          if (!problems.empty) throw formProblems(problems.fields);
          // A server added here that the portal refused (and not yet dismissed): completing it is
          // an add again, since the portal has never had it; while its first add may still land, a modify.
          const addMayLand = deps.outbox
            .openServerOperations([mac])
            .some((o) => (o.request.action === 'save' || o.request.action === 'register') && o.status !== 'needs_attention');
          const sentAs = mode === 'modify' && current!.origin === 'local' && !addMayLand ? 'add' : mode;
          return { action, mode: sentAs, mac, serial, model, siteId: checked.siteId, registration };
        },
      });
      return finish(operation.id, mac);
    },

    async setHidden(macInput: string, hidden: boolean): Promise<ServerChangeResult> {
      const mac = parseMac(macInput);
      if (!mac.ok) throw validationError(mac.message, [fieldError('mac', mac)]);
      const portalUrl = requirePortal(deps);
      const operation = deps.outbox.enqueueServer({
        portalUrl,
        now: deps.now(),
        plan: () => {
          if (!writes.read(mac.mac)) throw new ApiError('NOT_FOUND', say('server.notOnDashboard', { mac: mac.display }));
          return { action: hidden ? 'hide' : 'unhide', mac: mac.mac };
        },
      });
      return finish(operation.id, mac.mac);
    },

    async initiateRma(macInput: string, reasonInput: string, replacementInput: string): Promise<ServerChangeResult> {
      const problems: ValidationField[] = [];
      const mac = parseMac(macInput);
      if (!mac.ok) problems.push(fieldError('mac', mac));
      const reason = reasonInput.trim();
      if (reason === '') problems.push(fieldError('reason', say('rma.reasonRequired')));
      const replacement = parseMac(replacementInput);
      if (!replacement.ok) problems.push(fieldError('replacementMac', replacement));
      else if (mac.ok && replacement.mac === mac.mac) problems.push(fieldError('replacementMac', say('rma.sameMac')));
      if (problems.length > 0 || !mac.ok || !replacement.ok) throw formProblems(problems);
      const portalUrl = requirePortal(deps);
      const operation = deps.outbox.enqueueServer({
        portalUrl,
        now: deps.now(),
        plan: () => {
          const current = writes.read(mac.mac);
          if (!current) throw new ApiError('NOT_FOUND', say('server.notOnDashboard', { mac: mac.display }));
          if (current.rma?.state === 'requested') {
            throw new ApiError(
              'CONFLICT',
              say('rma.alreadyOpen', { mac: mac.display, replacement: formatMac(current.rma.replacementMac) }),
            );
          }
          return { action: 'rma', mac: mac.mac, reason, replacementMac: replacement.mac };
        },
      });
      return finish(operation.id, mac.mac);
    },
  };
}

function queuedReasonOf(lastError: string | null, stoppedBy: Error | null, loginNeeded: boolean): Message {
  if (loginNeeded) return say('servers.queued.signIn');
  if (isPortalError(stoppedBy) && (stoppedBy.kind === 'offline' || stoppedBy.kind === 'timeout')) return say('servers.queued.offline');
  const reason = lastError ?? stoppedBy?.message;
  return reason ? say('servers.queued.failed', { reason }) : say('servers.queued.behind');
}
