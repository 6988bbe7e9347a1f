/**
 * The Add / Register Server form's rules, pure: the empty form, the form of a server being
 * modified, and what stops a Save or a Register before anything is sent (shown on the fields), as
 * the schemas react-hook-form checks the form and the serial step with.
 */
import { z } from 'zod';
import { parseMac } from '../../../../core/domain/mac';
import { displayMac } from '../../i18n/format';
import {
  emptyRegistration,
  isRegistrable,
  isServerModel,
  parseSerial,
  parseSiteId,
  registrationProblems,
  type ServerModel,
} from '../../../../core/domain/servers';
import { serverForm, serversMethods, type ServerDetails, type ServerForm, type ServerFormField } from '../../../../core/servers/contract';

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

/** The form's fields, in the order the dialog shows them (the contract's order). */
export const SERVER_FORM_FIELDS = Object.keys(serverForm.shape) as ServerFormField[];

/**
 * The form's schema for react-hook-form's zodResolver: the servers.save contract's `form`, and
 * what stops a Save or a Register (formProblems) as issues on their fields, in formProblems' order.
 */
export function serverFormSchema(action: 'save' | 'register') {
  return serverForm.superRefine((form, ctx) => {
    for (const [field, message] of Object.entries(formProblems(form, action))) ctx.addIssue({ code: 'custom', path: [field], message });
  });
}

/** The serial step's schema: servers.lookupSerial's serial, which must be a serial number (parseSerial's message otherwise). */
export const serialSchema = z.object({ serial: serversMethods['servers.lookupSerial'].args.shape.serial }).superRefine((value, ctx) => {
  const parsed = parseSerial(value.serial);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['serial'], message: parsed.message });
});
