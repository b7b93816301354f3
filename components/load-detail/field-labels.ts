// Field paths of a load (the form's "wasteItems.0.weight.amount", and DWT's keys, which mirror them)
// in the words the form uses: "Waste item 1: weight". One place, for the audit history and DWT's
// messages alike. Pure: safe on the server and in the browser.

const TOP: Record<string, string> = {
  dateTimeReceived: 'Date and time received',
  yourUniqueReference: 'Weighbridge ticket number',
  ticketNumber: 'Weighbridge ticket number',
  ticketNumberIsSuggested: 'Ticket number suggested',
  hasBrokerOrDealer: 'A broker or dealer arranged this load',
  hazardousWasteConsignmentCode: 'Consignment code',
  reasonForNoConsignmentCode: 'Reason for no consignment code',
  specialHandlingRequirements: 'Special handling requirements',
  status: 'Status',
  wasteTrackingId: 'Waste tracking ID',
  reason: 'Reason',
  possibleDuplicate: 'Possible duplicate at DWT',
  correctionReason: 'Reason for the correction',
  apiCode: 'This site’s DWT apiCode',
  _form: 'The whole load',
};

const PARTY: Record<string, string> = {
  addressBookId: 'address-book entry',
  saveToAddressBook: 'save to the address book',
  organisationName: 'name',
  registrationNumber: 'registration number',
  reasonForNoRegistrationNumber: 'reason for no registration number',
  'address.fullAddress': 'address',
  'address.postcode': 'postcode',
  emailAddress: 'email',
  phoneNumber: 'phone',
  meansOfTransport: 'means of transport',
  vehicleRegistration: 'vehicle registration',
};

const ITEM: Record<string, string> = {
  ewcCodes: 'EWC codes',
  wasteDescription: 'description',
  physicalForm: 'physical form',
  numberOfContainers: 'number of containers',
  typeOfContainers: 'type of containers',
  weightMode: 'how it was weighed',
  'weight.amount': 'weight',
  'weight.metric': 'weight unit',
  'weight.isEstimate': 'weight is an estimate',
  'weighbridge.gross': 'gross weight',
  'weighbridge.tare': 'tare weight',
  containsPops: 'contains POPs',
  'pops.sourceOfComponents': 'source of POP components',
  containsHazardous: 'has hazardous properties',
  'hazardous.sourceOfComponents': 'source of hazardous components',
  'hazardous.hazCodes': 'hazardous property codes',
  hazardousProperties: 'hazardous properties',
};

const PARTIES: Record<string, string> = {
  carrier: 'Carrier',
  brokerOrDealer: 'Broker or dealer',
  producer: 'Producer',
  receiver: 'This site (receiver)',
  receipt: 'This site’s address',
};

/** "someFieldName" → "some field name" (for keys this map does not know yet). */
function words(key: string): string {
  return key
    .split('.')
    .filter((p) => !/^\d+$/.test(p))
    .map((p) => p.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())
    .join(' ');
}

function itemField(rest: string): string {
  if (ITEM[rest]) return ITEM[rest];
  let m = /^ewcCodes\.(\d+)$/.exec(rest);
  if (m) return `EWC code ${Number(m[1]) + 1}`;
  m = /^hazardous\.hazCodes\.(\d+)$/.exec(rest);
  if (m) return `hazardous property code ${Number(m[1]) + 1}`;
  m = /^pops\.components\.(\d+)\.(code|name|concentration)$/.exec(rest);
  if (m) return `POP ${Number(m[1]) + 1}${m[2] === 'concentration' ? ' concentration' : ''}`;
  m = /^hazardous\.components\.(\d+)\.(name|concentration)$/.exec(rest);
  if (m) return `hazardous component ${Number(m[1]) + 1}${m[2] === 'concentration' ? ' concentration' : ''}`;
  m = /^disposalOrRecoveryCodes\.(\d+)(?:\.(code|weight\.amount|weight\.metric|weight\.isEstimate|weight))?$/.exec(rest);
  if (m) {
    const n = Number(m[1]) + 1;
    const part =
      { code: '', 'weight.amount': ' weight', weight: ' weight', 'weight.metric': ' unit', 'weight.isEstimate': ' weight is an estimate' }[m[2] ?? 'code'] ??
      '';
    return `disposal or recovery code ${n}${part}`;
  }
  return words(rest);
}

/** The label of a field path, as a person reads it. */
export function fieldLabel(path: string): string {
  if (TOP[path]) return TOP[path];
  let m = /^wasteItems\.(\d+)(?:\.(.+))?$/.exec(path);
  if (m) return m[2] ? `Waste item ${Number(m[1]) + 1}: ${itemField(m[2])}` : `Waste item ${Number(m[1]) + 1}`;
  m = /^otherReferencesForMovement\.(\d+)(?:\.(label|reference))?$/.exec(path);
  if (m) return `Other reference ${Number(m[1]) + 1}${m[2] === 'label' ? ' label' : ''}`;
  m = /^(carrier|brokerOrDealer|producer|receiver|receipt)(?:\.(.+))?$/.exec(path);
  if (m) {
    const noun = PARTIES[m[1]!]!;
    if (!m[2]) return noun;
    return `${noun}: ${PARTY[m[2]] ?? words(m[2])}`;
  }
  const w = words(path);
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** An audit value as text: "(empty)" for nothing, lists joined, booleans as Yes/No. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(formatValue).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
