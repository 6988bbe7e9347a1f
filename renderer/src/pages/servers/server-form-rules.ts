/**
 * The Add / Register Server form's rules, pure: the empty form, the form of a server being
 * modified, what stops a Save or a Register before anything is sent (shown on the fields), and the
 * core's VALIDATION `details.fields` read back onto the fields.
 */
import { parseMac } from '../../../../core/domain/mac';
import type { ApiError } from '../../../../core/rpc/errors';
import { fieldErrorsOf } from '../../api/api-errors';
import { displayMac } from '../../i18n/format';
import {
  REGISTRATION_FIELDS,
  emptyRegistration,
  isRegistrable,
  isServerModel,
  parseSiteId,
  registrationProblems,
  type ServerModel,
} from '../../../../core/domain/servers';
import type { ServerDetails, ServerForm, ServerFormField } from '../../../../core/servers/contract';

export type FieldMessages = Partial<Record<ServerFormField, string>>;

export function emptyServerForm(identity: { serial?: string; model?: ServerModel | ''; mac?: string } = {}): ServerForm {
  return {
    serial: identity.serial ?? '',
    // Shown canonical (00:0A:DD:…), as everywhere; the core accepts any form.
    mac: identity.mac ? displayMac(identity.mac) : '',
    model: identity.model ?? '',
    ...emptyRegistration(),
    site: 'new',
    siteId: '',
  };
}

/** Modify/Complete Registration: the form as the server is registered now. */
export function formFromDetails(server: ServerDetails): ServerForm {
  return {
    ...emptyServerForm({ serial: server.serial, model: server.model, mac: server.mac }),
    ...server.registration,
    site: server.siteId ? 'existing' : 'new',
    siteId: server.siteId ?? '',
  };
}

/** Register is offered for Connect models only (a 24x is only ever saved). */
export function canRegister(model: ServerForm['model']): boolean {
  return model !== '' && isRegistrable(model);
}

/**
 * What stops this form from being sent, per field; empty when it may be sent. Save needs the
 * server's identity (model, a well-formed MAC) and, for an existing site, its ID; Register also a
 * complete registration of a Connect model.
 */
export function formProblems(form: ServerForm, action: 'save' | 'register'): FieldMessages {
  const problems: FieldMessages = {};
  if (form.model === '' || !isServerModel(form.model)) problems.model = 'Choose the server model.';
  const mac = parseMac(form.mac);
  if (!mac.ok) problems.mac = mac.message;
  if (form.site === 'existing') {
    const site = parseSiteId(form.siteId);
    if (form.siteId.trim() === '') problems.siteId = 'Pick the existing Site/Server ID, or choose a new site.';
    else if (!site.ok) problems.siteId = site.message;
  }
  if (action === 'register') {
    if (form.model !== '' && !isRegistrable(form.model))
      problems.model = `Only Connect servers can be registered; this is a ${form.model}.`;
    for (const problem of registrationProblems(form)) problems[problem.field] = problem.message;
  }
  return problems;
}

const FORM_FIELDS: readonly ServerFormField[] = ['serial', 'mac', 'model', ...REGISTRATION_FIELDS, 'site', 'siteId'];

/**
 * The per-field sentences of a VALIDATION error from `servers.save` (`form.<field>`, the core's
 * checks and its argument schema alike) or `servers.lookupSerial` (`serial`), read by the shared
 * parser; null when it names none of the form's fields.
 */
export function fieldProblemsFromError(error: ApiError): FieldMessages | null {
  const byField = fieldErrorsOf(error, 'form.');
  const problems: FieldMessages = {};
  for (const field of FORM_FIELDS) {
    const message = byField[field];
    if (message) problems[field] = message;
  }
  return Object.keys(problems).length > 0 ? problems : null;
}
