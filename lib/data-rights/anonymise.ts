// How a load's personal fields are anonymised, and how erased values are scrubbed out of stored JSON.
// Pure. Which fields of a movement are personal is defined once, by lib/dwt/personal-data.ts (what is
// withheld from a DWT test environment): the movement's personal fields are exactly those that
// `protectPersonalData` replaces; personal-data.test.ts here checks the form's twin list against it.
import { protectPersonalData, PLACEHOLDERS } from '@/lib/dwt/personal-data';
import { matchKey, phoneKey, type LoadRole } from './schema';

/** What an erased name, address or vehicle becomes (the field stays, so the record still reads). */
export const ERASED = 'Erased';
export const ERASED_VEHICLE = 'ERASED';
export const LOAD_ROLES: readonly LoadRole[] = ['carrier', 'brokerOrDealer'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Free text where a person's email, phone or postcode may have been typed. */
function scrubFreeText(text: string): string {
  const scrubbed = (protectPersonalData({ specialHandlingRequirements: text }, 'test') as { specialHandlingRequirements: string }).specialHandlingRequirements;
  return scrubbed.split(PLACEHOLDERS.email).join(ERASED).split(PLACEHOLDERS.phone).join(ERASED).split(PLACEHOLDERS.postcode).join(ERASED);
}

/**
 * The keys of a party that personal-data.ts withholds, found by probing it with a copy whose every
 * string is a value no placeholder equals (a real value may equal one, like the plate AB12 CDE).
 */
function personalKeysOf(role: LoadRole, party: Json): Set<string> {
  const probe = (v: unknown): unknown =>
    typeof v === 'string'
      ? 'probe value'
      : Array.isArray(v)
        ? v.map(probe)
        : isObject(v)
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, probe(x)]))
          : v;
  const probed = probe(party) as Json;
  const withheld = (protectPersonalData({ [role]: probed }, 'test') as Json)[role] as Json;
  return new Set(Object.keys(probed).filter((k) => JSON.stringify(probed[k]) !== JSON.stringify(withheld[k])));
}

/**
 * The movement (DWT's shape) with the personal fields of `roles` anonymised: names and vehicle become
 * a marker, email, phone and address are removed, and emails or phone numbers typed into free text are
 * replaced. Codes, weights, dates, references and registration numbers stay.
 */
export function anonymiseMovement(movement: unknown, roles: readonly LoadRole[]): unknown {
  if (!isObject(movement)) return movement;
  const out = structuredClone(movement);
  for (const role of roles) {
    const party = out[role];
    if (!isObject(party)) continue;
    const personal = personalKeysOf(role, party);
    for (const key of Object.keys(party)) {
      if (!personal.has(key)) continue;
      if (key === 'organisationName') party[key] = ERASED;
      else if (key === 'vehicleRegistration') party[key] = ERASED_VEHICLE;
      else delete party[key]; // emailAddress, phoneNumber, address
    }
  }
  if (typeof out.specialHandlingRequirements === 'string') out.specialHandlingRequirements = scrubFreeText(out.specialHandlingRequirements);
  if (Array.isArray(out.wasteItems)) {
    for (const item of out.wasteItems)
      if (isObject(item) && typeof item.wasteDescription === 'string') item.wasteDescription = scrubFreeText(item.wasteDescription);
  }
  return out;
}

/**
 * The form's twin of the movement's personal fields (lib/loads/schema.ts partyForm): what the load
 * form holds for a party. Checked against `protectPersonalData` by this folder's unit test.
 */
export const FORM_PARTY_PERSONAL_FIELDS = [
  'organisationName',
  'emailAddress',
  'phoneNumber',
  'address.fullAddress',
  'address.postcode',
  'vehicleRegistration',
] as const;

/** The load form's values (form_values) with the same fields anonymised, in the form's own shape. */
export function anonymiseFormValues(form: unknown, roles: readonly LoadRole[]): unknown {
  if (!isObject(form)) return form;
  const out = structuredClone(form);
  for (const role of roles) {
    const party = out[role];
    if (!isObject(party)) continue;
    if (typeof party.organisationName === 'string' && party.organisationName !== '') party.organisationName = ERASED;
    if ('emailAddress' in party) party.emailAddress = '';
    if ('phoneNumber' in party) party.phoneNumber = '';
    if (isObject(party.address)) party.address = { ...party.address, fullAddress: '', postcode: '' };
    if (typeof party.vehicleRegistration === 'string' && party.vehicleRegistration !== '') party.vehicleRegistration = ERASED_VEHICLE;
    // The address-book entry is erased (or kept for another person): the load no longer points at it.
    if ('addressBookId' in party) party.addressBookId = '';
    if ('saveToAddressBook' in party) party.saveToAddressBook = false;
  }
  if (typeof out.specialHandlingRequirements === 'string') out.specialHandlingRequirements = scrubFreeText(out.specialHandlingRequirements);
  if (Array.isArray(out.wasteItems)) {
    for (const item of out.wasteItems)
      if (isObject(item) && typeof item.wasteDescription === 'string') item.wasteDescription = scrubFreeText(item.wasteDescription);
  }
  return out;
}

/** Values to scrub wherever they appear: texts (names, emails, addresses, vehicles) and phone keys. */
export interface Needles {
  texts: string[];
  phones: string[];
}

export function needlesOf(values: { texts?: (string | null | undefined)[]; phones?: (string | null | undefined)[] }): Needles {
  const texts = [...new Set((values.texts ?? []).map((t) => (t ?? '').trim()).filter((t) => t.length >= 3 && t !== ERASED && t !== ERASED_VEHICLE))];
  const phones = [...new Set((values.phones ?? []).map((p) => phoneKey(p ?? '')).filter((p) => p.length >= 6))];
  // Longest first, so "Jo Bloggs Ltd" is replaced whole before "Jo Bloggs".
  texts.sort((a, b) => b.length - a.length);
  return { texts, phones };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A run of digits and the separators people type in phone numbers.
const PHONE_RUN = /[+(]?\d[\d\s().-]{4,22}\d/g;

/**
 * The text with every needle replaced by the marker (ignoring case; phones in any spacing). Whole words
 * only: erasing "Smith" leaves "Goldsmith Ltd" alone. Linear: each needle is a literal between two
 * fixed look-arounds.
 */
export function scrubText(text: string, needles: Needles): string {
  let out = text;
  for (const t of needles.texts) out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(t)}(?![\\p{L}\\p{N}])`, 'giu'), ERASED);
  if (needles.phones.length > 0) {
    out = out.replace(PHONE_RUN, (run) => {
      const key = phoneKey(run);
      return needles.phones.some((p) => key.includes(p)) ? ERASED : run;
    });
  }
  return out;
}

/** A deep copy of `value` with every string scrubbed of the needles; `changed` says if any was. */
export function scrubJson(value: unknown, needles: Needles): { value: unknown; changed: boolean } {
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const s = scrubText(v, needles);
      if (s !== v) changed = true;
      return s;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return { value: walk(value), changed };
}

/** Keys of a load's audit diffs ('load.update': flattened form paths) that hold personal values. */
export function isPersonalLoadAuditKey(key: string, roles: readonly LoadRole[] = LOAD_ROLES): boolean {
  const m = /^(carrier|brokerOrDealer)\.(.+)$/.exec(key);
  if (m) return roles.includes(m[1] as LoadRole) && (FORM_PARTY_PERSONAL_FIELDS as readonly string[]).includes(m[2]!);
  return key === 'specialHandlingRequirements' || /^wasteItems\.\d+\.wasteDescription$/.test(key);
}

/** Keys of an address-book entry's audit changes that hold personal values. */
const PERSONAL_ENTRY_AUDIT_KEYS = new Set(['organisationName', 'fullAddress', 'postcode', 'emailAddress', 'phoneNumber', 'vehicleRegistrations']);

// Audit keys whose values the system sets (statuses, codes, ids, times, versions): never personal, so
// never rewritten, even when a party's name is also a status word ("Sent") or looks like a code.
const SYSTEM_AUDIT_KEYS = new Set(['status', 'outcome', 'intent', 'version', 'ticketNumber', 'wasteTrackingId', 'unit', 'weightUnit', 'action']);
const SYSTEM_AUDIT_KEY_ENDINGS = ['Code', 'Codes', 'Id', 'Ids', 'At', 'Status'];

/** An audit diff key (a flattened path like 'carrier.addressBookId') that only ever holds system values. */
export function isSystemAuditKey(key: string): boolean {
  const last = key.slice(key.lastIndexOf('.') + 1);
  return SYSTEM_AUDIT_KEYS.has(last) || SYSTEM_AUDIT_KEY_ENDINGS.some((end) => last.endsWith(end));
}

/**
 * An audit entry's changes with personal values removed: whole fields by key (`personalKey`), marked
 * `{ erased: true }`, then the needles as whole words in any other field, except the fields only the
 * system sets (statuses, codes, ids, times). Returns null when nothing changed.
 */
export function scrubAuditChanges(changes: unknown, needles: Needles, personalKey: (key: string) => boolean = () => false): unknown | null {
  if (!isObject(changes)) return null;
  let changed = false;
  const out: Json = {};
  for (const [k, v] of Object.entries(changes)) {
    if (personalKey(k)) {
      out[k] = { erased: true };
      changed ||= !(isObject(v) && v.erased === true && Object.keys(v).length === 1);
    } else if (isSystemAuditKey(k)) out[k] = v;
    else {
      const scrubbed = scrubJson(v, needles);
      out[k] = scrubbed.value;
      changed ||= scrubbed.changed;
    }
  }
  return changed ? out : null;
}

/**
 * The personal values a load itself holds for the given roles (form values and the movement built from
 * them): the needles to scrub from what else the load keeps (DWT's messages, send attempts), which may
 * quote them (`Carrier postcode "LS1 4AB" …`).
 */
export function loadNeedles(records: readonly unknown[], roles: readonly LoadRole[]): Needles {
  const texts: string[] = [];
  const phones: string[] = [];
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  for (const record of records) {
    if (!isObject(record)) continue;
    for (const role of roles) {
      const party = record[role];
      if (!isObject(party)) continue;
      const address = isObject(party.address) ? party.address : {};
      const vehicle = str(party.vehicleRegistration);
      texts.push(str(party.organisationName), str(party.emailAddress), str(address.fullAddress), str(address.postcode), vehicle, matchKey(vehicle));
      phones.push(str(party.phoneNumber));
    }
  }
  return needlesOf({ texts, phones });
}

/** Two sets of needles as one (longest texts first still). */
export function mergeNeedles(a: Needles, b: Needles): Needles {
  const texts = [...new Set([...a.texts, ...b.texts])].sort((x, y) => y.length - x.length);
  return { texts, phones: [...new Set([...a.phones, ...b.phones])] };
}

export const personalEntryAuditKey = (key: string) => PERSONAL_ENTRY_AUDIT_KEYS.has(key);
