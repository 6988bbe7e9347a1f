/**
 * The server dashboard's rules, as pure functions: which models exist, which can be registered,
 * what a registration needs, and how a server's status may move. The app (core/servers), the
 * renderer (the form says what is missing before anything is sent) and the sandbox portal (which
 * refuses what breaks them) all use these, so they cannot disagree.
 *
 * - 6x, 6x12, 24x and 48x servers are always `saved`: they cannot be registered.
 * - Connect servers go `saved` (registration not complete) → `registered` (complete, not yet
 *   activated) → `activated` (by the portal). Nothing moves backwards, except through an RMA:
 *   the replacement server takes the registration over and must be activated again.
 */

import type { MessageCode } from '../messages/catalogue';
import type { Refusal } from './refusal';

export const SERVER_MODELS = ['6x', '6x12', '24x', '48x', 'Connect 324', 'Connect 536', 'Connect 731'] as const;
export type ServerModel = (typeof SERVER_MODELS)[number];

export const CONNECT_MODELS: readonly ServerModel[] = ['Connect 324', 'Connect 536', 'Connect 731'];

export const SERVER_STATUSES = ['saved', 'registered', 'activated'] as const;
export type ServerStatus = (typeof SERVER_STATUSES)[number];

/** As the portal shows them. */
export const SERVER_STATUS_LABELS: Record<ServerStatus, string> = { saved: 'Saved', registered: 'Registered', activated: 'Activated' };

export function isServerModel(value: string): value is ServerModel {
  return (SERVER_MODELS as readonly string[]).includes(value);
}

/** Only Connect servers are registered (and then activated); the others are only saved. */
export function isRegistrable(model: ServerModel): boolean {
  return CONNECT_MODELS.includes(model);
}

/** What a registration holds besides the server's identity (serial, MAC, model) and its site. */
export interface RegistrationFields {
  systemName: string;
  company: string;
  street: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
}

export const REGISTRATION_FIELDS: readonly (keyof RegistrationFields)[] = [
  'systemName',
  'company',
  'street',
  'city',
  'region',
  'postalCode',
  'country',
  'contactName',
  'contactPhone',
  'contactEmail',
];

/** The form's labels, for messages that name a field. */
export const REGISTRATION_FIELD_LABELS: Record<keyof RegistrationFields, string> = {
  systemName: 'System Name',
  company: 'End Customer Company',
  street: 'Street Address',
  city: 'City',
  region: 'State/Province',
  postalCode: 'ZIP/Postal Code',
  country: 'Country',
  contactName: 'Contact Name',
  contactPhone: 'Contact Phone',
  contactEmail: 'Contact Email',
};

export function emptyRegistration(): RegistrationFields {
  return {
    systemName: '',
    company: '',
    street: '',
    city: '',
    region: '',
    postalCode: '',
    country: '',
    contactName: '',
    contactPhone: '',
    contactEmail: '',
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface FieldProblem {
  field: keyof RegistrationFields;
  /** The stable message code: `registration.required` or `registration.notEmail` (params.label: the field's English label, params.field: the field). */
  code: MessageCode;
  /** A sentence for the user, shown on the field. */
  message: string;
  params: { label: string; field: keyof RegistrationFields };
}

/**
 * What stops a registration from being complete: every field is needed, and the e-mail must look
 * like one. Empty means complete. A form may be saved incomplete; it may only be registered complete.
 */
export function registrationProblems(fields: Partial<Record<keyof RegistrationFields, string | null>>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of REGISTRATION_FIELDS) {
    const value = (fields[field] ?? '').trim();
    const params = { label: REGISTRATION_FIELD_LABELS[field], field };
    if (value === '') problems.push({ field, code: 'registration.required', message: `${params.label} is needed to register.`, params });
    else if (field === 'contactEmail' && !EMAIL.test(value))
      problems.push({ field, code: 'registration.notEmail', message: `${params.label} is not an e-mail address.`, params });
  }
  return problems;
}

export function isRegistrationComplete(fields: Partial<Record<keyof RegistrationFields, string | null>>): boolean {
  return registrationProblems(fields).length === 0;
}

/** What happens to a server. `rmaReplacement`: a replacement server takes over an RMA'd one's registration. */
export type ServerEvent =
  | { kind: 'save'; complete: boolean }
  | { kind: 'register'; complete: boolean }
  | { kind: 'activate' }
  | { kind: 'rmaReplacement'; complete: boolean };

export type StatusRuling =
  | { ok: true; status: ServerStatus }
  | {
      ok: false;
      /** `not_registrable`: not a Connect model; `incomplete`: fields missing; `not_registered`: activate before register; `backwards`: would undo a registration. */
      reason: 'not_registrable' | 'incomplete' | 'not_registered' | 'backwards';
      message: string;
    };

/**
 * The status a server has after `event`, or why the event is refused. `current` is null for a
 * server not yet on the dashboard.
 */
export function statusAfter(model: ServerModel, current: ServerStatus | null, event: ServerEvent): StatusRuling {
  const connect = isRegistrable(model);
  switch (event.kind) {
    case 'save':
      if (!connect || current === null || current === 'saved') return { ok: true, status: 'saved' };
      // A registered or activated server keeps its status; saving it incomplete would undo that.
      if (!event.complete)
        return {
          ok: false,
          reason: 'backwards',
          message: `This server is ${SERVER_STATUS_LABELS[current]}: its registration must stay complete.`,
        };
      return { ok: true, status: current };
    case 'register':
      if (!connect) return { ok: false, reason: 'not_registrable', message: `Only Connect servers can be registered; this is a ${model}.` };
      if (!event.complete) return { ok: false, reason: 'incomplete', message: 'The registration is not complete.' };
      return { ok: true, status: current === 'activated' ? 'activated' : 'registered' };
    case 'activate':
      if (!connect) return { ok: false, reason: 'not_registrable', message: `Only Connect servers are activated; this is a ${model}.` };
      if (current !== 'registered' && current !== 'activated')
        return { ok: false, reason: 'not_registered', message: 'Only a registered server can be activated.' };
      return { ok: true, status: 'activated' };
    case 'rmaReplacement':
      return { ok: true, status: connect && event.complete ? 'registered' : 'saved' };
  }
}

/** Statuses in the order they are reached; `statusAfter` never returns an earlier one (RMA aside). */
export function statusRank(status: ServerStatus): number {
  return SERVER_STATUSES.indexOf(status);
}

/** A serial number as the portal prints it: 4–32 letters, digits and dashes; normalised to upper case. */
export function parseSerial(value: string): { ok: true; serial: string } | Refusal {
  const serial = value.trim().toUpperCase();
  if (serial === '') return { ok: false, code: 'serial.required', message: 'Enter the serial number.' };
  if (!/^[A-Z0-9-]{4,32}$/.test(serial))
    return {
      ok: false,
      code: 'serial.invalid',
      message: 'A serial number is 4 to 32 letters, digits and dashes, as printed on the server.',
    };
  return { ok: true, serial };
}

/** A Site/Server ID: the number the portal gives a site (e.g. 10020). */
export function parseSiteId(value: string): { ok: true; siteId: string } | Refusal {
  const siteId = value.trim();
  if (!/^[0-9]{1,10}$/.test(siteId)) return { ok: false, code: 'siteId.invalid', message: 'A Site/Server ID is a number, such as 10020.' };
  return { ok: true, siteId: String(Number(siteId)) };
}
