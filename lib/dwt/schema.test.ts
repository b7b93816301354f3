// Table test of the receive-movement rules: for each rule, bodies that pass and bodies that fail
// with DWT's key and errorType. Each row changes one thing in a valid base body.

import { describe, expect, it } from 'vitest';
import { bundledLookups } from '../reference-data/catalogue';
import {
  CARRIER_REGISTRATION_NUMBER_PATTERNS,
  CONSIGNMENT_CODE_PATTERNS,
  FREE_TEXT_MAX_LENGTH,
  MEANS_OF_TRANSPORT,
  PERMIT_NUMBER_PATTERNS,
  PHYSICAL_FORMS,
  REASONS_FOR_NO_CONSIGNMENT_CODE,
  REASONS_FOR_NO_REGISTRATION_NUMBER,
  SOURCES_OF_COMPONENTS,
  WEIGHT_METRICS,
  isIrishEircode,
  isUkPostcode,
  isValidAuthorisationNumber,
  isValidCarrierRegistrationNumber,
  isValidConsignmentCode,
  isWasteTrackingId,
  normaliseRegistrationNumber,
  normaliseUkPostcode,
  validateReceiveMovement,
  warningsFor,
  BODY_KEY,
  type DwtErrorType,
  type ReceiveMovement,
} from './schema';

// Bodies are deliberately loosely typed: the point is to send DWT-shaped JSON, wrong bits included.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

const lookups = bundledLookups();

const BASE: Body = {
  apiCode: '1f83215e-4b90-4785-9ab2-2614839aa2e9',
  dateTimeReceived: '2025-11-20T12:26:24.281Z',
  yourUniqueReference: 'WB-000123',
  wasteItems: [
    {
      ewcCodes: ['170904'],
      wasteDescription: 'Mixed construction and demolition waste',
      physicalForm: 'Mixed',
      numberOfContainers: 1,
      typeOfContainers: 'SKI',
      weight: { metric: 'Tonnes', amount: 6.42, isEstimate: false },
      containsPops: false,
      containsHazardous: false,
      disposalOrRecoveryCodes: [{ code: 'R5', weight: { metric: 'Tonnes', amount: 6.42, isEstimate: false } }],
    },
  ],
  carrier: {
    registrationNumber: 'CBDU123456',
    organisationName: 'Test Haulage Ltd',
    address: { fullAddress: '1 Test Road, Bradford', postcode: 'BD1 1AA' },
    meansOfTransport: 'Road',
    vehicleRegistration: 'TEST 001',
  },
  receiver: { siteName: 'Test Transfer Station', authorisationNumber: 'EPR/AB1234CD' },
  receipt: { address: { fullAddress: 'Unit 4, Test Industrial Estate, Leeds', postcode: 'LS10 1AB' } },
};

const HAZARDOUS_DETAIL = {
  sourceOfComponents: 'OWN_TESTING',
  hazCodes: ['HP_7', 'HP_14'],
  components: [{ name: 'Lead', concentration: 3200 }],
};

const POPS_DETAIL = {
  sourceOfComponents: 'GUIDANCE',
  components: [{ code: 'DECABDE', concentration: 950 }],
};

const body = (): Body => structuredClone(BASE);
const item = (b: Body, index = 0): Body => b.wasteItems[index];
const carrier = (b: Body): Body => b.carrier;

/** Item 0 becomes hazardous soil with full hazardous detail and a consignment code. */
function hazardous(b: Body): Body {
  Object.assign(item(b), { ewcCodes: ['170503'], containsHazardous: true, hazardous: structuredClone(HAZARDOUS_DETAIL) });
  b.hazardousWasteConsignmentCode = 'CJ32LE/A0001';
  return item(b);
}

/** Item 0 contains POPs with components from guidance. */
function withPops(b: Body): Body {
  Object.assign(item(b), { containsPops: true, pops: structuredClone(POPS_DETAIL) });
  return item(b);
}

function check(b: unknown) {
  return validateReceiveMovement(b, lookups);
}

function keysAndTypes(b: unknown): [string, DwtErrorType][] {
  const result = check(b);
  return result.ok ? [] : result.errors.map((error) => [error.key, error.errorType]);
}

type Row = [rule: string, change: (b: Body) => void, expected: [string, DwtErrorType][]];
const VALID: [string, DwtErrorType][] = [];

function table(rows: Row[]) {
  it.each(rows)('%s', (_rule, change, expected) => {
    const b = body();
    change(b);
    expect(keysAndTypes(b)).toEqual(expected);
  });
}

const text = (length: number) => 'x'.repeat(length);

describe('the base body', () => {
  it('is valid and has no warnings', () => {
    const result = check(body());
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(warningsFor(result.value)).toEqual([]);
  });

  it('is also valid with every optional field filled in', () => {
    const b = body();
    withPops(b);
    hazardous(b);
    Object.assign(b, {
      reasonForNoConsignmentCode: 'NO_DOC_WITH_WASTE',
      otherReferencesForMovement: [{ label: 'PO Number', reference: 'PO-12345' }],
      specialHandlingRequirements: 'Tip in the hazardous bay only',
      brokerOrDealer: {
        organisationName: 'Test Brokers Ltd',
        address: { fullAddress: '2 Test Street, Dublin', postcode: 'D02 X285' },
        emailAddress: 'mailbox@example.co.uk',
        phoneNumber: '020 4756 0000',
        registrationNumber: 'CBDL654321',
      },
    });
    Object.assign(b.carrier, { emailAddress: 'mailbox@example.co.uk', phoneNumber: '020 4756 0000' });
    Object.assign(b.receiver, {
      emailAddress: 'mailbox@example.co.uk',
      phoneNumber: '020 4756 0000',
      regulatoryPositionStatements: [343, 456],
    });
    expect(keysAndTypes(b)).toEqual(VALID);
  });

  it('rejects what is not an object', () => {
    // Live DWT reports problems with the body as a whole under its label, not "".
    expect(keysAndTypes(null)).toEqual([[BODY_KEY, 'InvalidType']]);
    expect(keysAndTypes('{}')).toEqual([[BODY_KEY, 'InvalidType']]);
    expect(keysAndTypes([])).toEqual([[BODY_KEY, 'InvalidType']]);
  });

  it('reports every required top-level field of an empty object', () => {
    // Live DWT: apiCode or submittingOrganisation (exactly one), reported against the whole body.
    expect(keysAndTypes({})).toEqual([
      ['dateTimeReceived', 'NotProvided'],
      ['wasteItems', 'NotProvided'],
      ['carrier', 'NotProvided'],
      ['receiver', 'NotProvided'],
      ['receipt', 'NotProvided'],
      [BODY_KEY, 'NotProvided'],
    ]);
  });
});

describe('apiCode (required, uuid)', () => {
  table([
    ['upper-case uuid passes', (b) => (b.apiCode = '1F83215E-4B90-4785-9AB2-2614839AA2E9'), VALID],
    ['missing (live: apiCode or submittingOrganisation, on the body)', (b) => delete b.apiCode, [[BODY_KEY, 'NotProvided']]],
    ['submittingOrganisation instead passes (live)', (b) => (delete b.apiCode, (b.submittingOrganisation = { defraCustomerOrganisationId: 'org-1' })), VALID],
    ['both (live)', (b) => (b.submittingOrganisation = { defraCustomerOrganisationId: 'org-1' }), [[BODY_KEY, 'UnexpectedError']]],
    ['blank', (b) => (b.apiCode = ''), [['apiCode', 'InvalidValue']]],
    ['braces and no dashes pass (live: Joi uuid)', (b) => (b.apiCode = '{1f83215e4b9047859ab22614839aa2e9}'), VALID],
    ['not a uuid', (b) => (b.apiCode = 'ba6eb330-4f7f-11eb-a2fb-67c34e9ac07cg'), [['apiCode', 'InvalidFormat']]],
    ['a number', (b) => (b.apiCode = 42), [['apiCode', 'InvalidType']]],
    ['null', (b) => (b.apiCode = null), [['apiCode', 'InvalidType']]],
  ]);
});

describe('dateTimeReceived (required, date-time with zone)', () => {
  table([
    ['UTC without fraction passes', (b) => (b.dateTimeReceived = '2025-09-15T12:12:28Z'), VALID],
    ['BST offset passes', (b) => (b.dateTimeReceived = '2025-09-15T13:12:28+01:00'), VALID],
    ['missing', (b) => delete b.dateTimeReceived, [['dateTimeReceived', 'NotProvided']]],
    // Live DWT takes any ISO 8601 date (Joi date().iso()): with or without zone, or a date alone.
    ['no time zone passes (live)', (b) => (b.dateTimeReceived = '2025-09-15T12:12:28'), VALID],
    ['date only passes (live)', (b) => (b.dateTimeReceived = '2025-09-15'), VALID],
    ['blank', (b) => (b.dateTimeReceived = ''), [['dateTimeReceived', 'InvalidFormat']]],
    ['null', (b) => (b.dateTimeReceived = null), [['dateTimeReceived', 'InvalidType']]],
    ['UK style', (b) => (b.dateTimeReceived = '15/09/2025 12:12'), [['dateTimeReceived', 'InvalidFormat']]],
    // Live DWT rolls 30 February over to 2 March (the JavaScript Date parser), so it stores it.
    ['30 February passes (live)', (b) => (b.dateTimeReceived = '2025-02-30T10:00:00Z'), VALID],
    ['month 13', (b) => (b.dateTimeReceived = '2025-13-10T10:00:00Z'), [['dateTimeReceived', 'InvalidFormat']]],
    ['impossible time', (b) => (b.dateTimeReceived = '2025-02-10T24:00:00Z'), [['dateTimeReceived', 'InvalidFormat']]],
    ['a timestamp number', (b) => (b.dateTimeReceived = 1757938348000), [['dateTimeReceived', 'InvalidType']]],
  ]);
});

describe('unknown fields are NotAllowed at every level', () => {
  table([
    ['top level', (b) => (b.notes = 'x'), [['notes', 'NotAllowed']]],
    ['waste item', (b) => (item(b).colour = 'grey'), [['wasteItems.0.colour', 'NotAllowed']]],
    ['weight', (b) => (item(b).weight.unit = 'kg'), [['wasteItems.0.weight.unit', 'NotAllowed']]],
    ['carrier', (b) => (carrier(b).contactName = 'x'), [['carrier.contactName', 'NotAllowed']]],
    ['carrier address', (b) => (carrier(b).address.town = 'x'), [['carrier.address.town', 'NotAllowed']]],
    ['receipt address', (b) => (b.receipt.address.county = 'x'), [['receipt.address.county', 'NotAllowed']]],
    ['POP component', (b) => (withPops(b).pops.components[0].unit = 'mg/kg'), [['wasteItems.0.pops.components.0.unit', 'NotAllowed']]],
    [
      'disposal or recovery code',
      (b) => (item(b).disposalOrRecoveryCodes[0].quantity = 1),
      [['wasteItems.0.disposalOrRecoveryCodes.0.quantity', 'NotAllowed']],
    ],
    [
      "the seed's receiver.authorisationNumbers array",
      (b) => {
        b.receiver.authorisationNumbers = [b.receiver.authorisationNumber];
        delete b.receiver.authorisationNumber;
      },
      [
        ['receiver.authorisationNumber', 'NotProvided'],
        ['receiver.authorisationNumbers', 'NotAllowed'],
      ],
    ],
  ]);
});

describe('wasteItems (at least one, no maximum)', () => {
  table([
    ['thirty items pass', (b) => (b.wasteItems = Array.from({ length: 30 }, () => structuredClone(item(b)))), VALID],
    ['missing', (b) => delete b.wasteItems, [['wasteItems', 'NotProvided']]],
    ['empty', (b) => (b.wasteItems = []), [['wasteItems', 'OutOfRange']]],
    ['not a list', (b) => (b.wasteItems = item(b)), [['wasteItems', 'InvalidType']]],
    ['an item that is not an object', (b) => (b.wasteItems[1] = '170904'), [['wasteItems.1', 'InvalidType']]],
  ]);
});

describe('ewcCodes (1–5 six-digit codes from the catalogue)', () => {
  table([
    ['five codes pass', (b) => (item(b).ewcCodes = ['150101', '150102', '150104', '150105', '150106']), VALID],
    ['missing', (b) => delete item(b).ewcCodes, [['wasteItems.0.ewcCodes', 'NotProvided']]],
    ['none', (b) => (item(b).ewcCodes = []), [['wasteItems.0.ewcCodes', 'OutOfRange']]],
    ['six codes', (b) => (item(b).ewcCodes = ['150101', '150102', '150104', '150105', '150106', '150107']), [['wasteItems.0.ewcCodes', 'OutOfRange']]],
    ['with spaces', (b) => (item(b).ewcCodes = ['17 09 04']), [['wasteItems.0.ewcCodes.0', 'InvalidFormat']]],
    ['with the hazard asterisk', (b) => (item(b).ewcCodes = ['170503*']), [['wasteItems.0.ewcCodes.0', 'InvalidFormat']]],
    ['a chapter only', (b) => (item(b).ewcCodes = ['17']), [['wasteItems.0.ewcCodes.0', 'InvalidFormat']]],
    ['unknown code', (b) => (item(b).ewcCodes = ['170904', '999999']), [['wasteItems.0.ewcCodes.1', 'InvalidValue']]],
    ['a number, not text', (b) => (item(b).ewcCodes = [170904]), [['wasteItems.0.ewcCodes.0', 'InvalidType']]],
    ['a string, not a list', (b) => (item(b).ewcCodes = '170904'), [['wasteItems.0.ewcCodes', 'InvalidType']]],
  ]);
});

describe('wasteDescription (required free text ≤ 5,000)', () => {
  table([
    ['5,000 characters pass', (b) => (item(b).wasteDescription = text(FREE_TEXT_MAX_LENGTH)), VALID],
    ['missing', (b) => delete item(b).wasteDescription, [['wasteItems.0.wasteDescription', 'NotProvided']]],
    // Live DWT: only "" is refused; spaces are text, and there is no maximum length.
    ['empty', (b) => (item(b).wasteDescription = ''), [['wasteItems.0.wasteDescription', 'InvalidValue']]],
    ['spaces pass (live)', (b) => (item(b).wasteDescription = '  '), VALID],
    ['5,001 characters pass (live: no maximum)', (b) => (item(b).wasteDescription = text(5001)), VALID],
  ]);
});

describe('physicalForm (enum, case-sensitive)', () => {
  table([
    ...PHYSICAL_FORMS.map((form): Row => [`${form} passes`, (b) => (item(b).physicalForm = form), VALID]),
    ['lower case', (b) => (item(b).physicalForm = 'solid'), [['wasteItems.0.physicalForm', 'InvalidValue']]],
    ['not in the list', (b) => (item(b).physicalForm = 'Paste'), [['wasteItems.0.physicalForm', 'InvalidValue']]],
    ['missing', (b) => delete item(b).physicalForm, [['wasteItems.0.physicalForm', 'NotProvided']]],
    // Live DWT reports both: not in the list, and not text.
    [
      'a number',
      (b) => (item(b).physicalForm = 3),
      [
        ['wasteItems.0.physicalForm', 'InvalidValue'],
        ['wasteItems.0.physicalForm', 'InvalidType'],
      ],
    ],
  ]);
});

describe('numberOfContainers (integer ≥ 0) and typeOfContainers (container code)', () => {
  table([
    ['0 containers (loose) passes', (b) => Object.assign(item(b), { numberOfContainers: 0, typeOfContainers: 'LOO' }), VALID],
    ['negative', (b) => (item(b).numberOfContainers = -1), [['wasteItems.0.numberOfContainers', 'OutOfRange']]],
    ['fraction (live: OutOfRange)', (b) => (item(b).numberOfContainers = 1.5), [['wasteItems.0.numberOfContainers', 'OutOfRange']]],
    [
      'negative fraction',
      (b) => (item(b).numberOfContainers = -1.5),
      [
        ['wasteItems.0.numberOfContainers', 'OutOfRange'],
        ['wasteItems.0.numberOfContainers', 'OutOfRange'],
      ],
    ],
    ['text', (b) => (item(b).numberOfContainers = '2'), [['wasteItems.0.numberOfContainers', 'InvalidType']]],
    ['null', (b) => (item(b).numberOfContainers = null), [['wasteItems.0.numberOfContainers', 'InvalidType']]],
    ['missing', (b) => delete item(b).numberOfContainers, [['wasteItems.0.numberOfContainers', 'NotProvided']]],
    ['every container code passes', (b) => (b.wasteItems = lookups.data.containerTypes.map((c) => ({ ...item(b), typeOfContainers: c.code }))), VALID],
    ['lower-case code', (b) => (item(b).typeOfContainers = 'ski'), [['wasteItems.0.typeOfContainers', 'InvalidValue']]],
    ['unknown code', (b) => (item(b).typeOfContainers = 'BIN'), [['wasteItems.0.typeOfContainers', 'InvalidValue']]],
    ['missing type', (b) => delete item(b).typeOfContainers, [['wasteItems.0.typeOfContainers', 'NotProvided']]],
  ]);
});

describe('weight {metric, amount > 0, isEstimate}', () => {
  table([
    ...WEIGHT_METRICS.map((metric): Row => [`${metric} passes`, (b) => (item(b).weight.metric = metric), VALID]),
    ['a tiny amount passes', (b) => (item(b).weight.amount = 0.001), VALID],
    ['missing passes (live: weight is optional)', (b) => delete item(b).weight, VALID],
    ['zero', (b) => (item(b).weight.amount = 0), [['wasteItems.0.weight.amount', 'OutOfRange']]],
    ['negative', (b) => (item(b).weight.amount = -2), [['wasteItems.0.weight.amount', 'OutOfRange']]],
    ['amount as text', (b) => (item(b).weight.amount = '150'), [['wasteItems.0.weight.amount', 'InvalidType']]],
    ['unit in lower case', (b) => (item(b).weight.metric = 'tonnes'), [['wasteItems.0.weight.metric', 'InvalidValue']]],
    ['unit abbreviated', (b) => (item(b).weight.metric = 'kg'), [['wasteItems.0.weight.metric', 'InvalidValue']]],
    ['isEstimate as text', (b) => (item(b).weight.isEstimate = 'false'), [['wasteItems.0.weight.isEstimate', 'InvalidType']]],
    ['isEstimate as 0', (b) => (item(b).weight.isEstimate = 0), [['wasteItems.0.weight.isEstimate', 'InvalidType']]],
    ['isEstimate missing', (b) => delete item(b).weight.isEstimate, [['wasteItems.0.weight.isEstimate', 'NotProvided']]],
  ]);
});

describe('containsPops / containsHazardous (strict booleans)', () => {
  table([
    ['"true" as text', (b) => (item(b).containsPops = 'true'), [['wasteItems.0.containsPops', 'InvalidType']]],
    ['"false" as text', (b) => (item(b).containsHazardous = 'false'), [['wasteItems.0.containsHazardous', 'InvalidType']]],
    ['1', (b) => (item(b).containsPops = 1), [['wasteItems.0.containsPops', 'InvalidType']]],
    ['missing containsPops', (b) => delete item(b).containsPops, [['wasteItems.0.containsPops', 'NotProvided']]],
    ['missing containsHazardous', (b) => delete item(b).containsHazardous, [['wasteItems.0.containsHazardous', 'NotProvided']]],
  ]);
});

describe('POPs detail', () => {
  table([
    ['GUIDANCE with components passes', (b) => withPops(b), VALID],
    ['OWN_TESTING with components passes', (b) => (withPops(b).pops.sourceOfComponents = 'OWN_TESTING'), VALID],
    ['PROVIDED_WITH_WASTE without components passes (warning only)', (b) => (withPops(b).pops = { sourceOfComponents: 'PROVIDED_WITH_WASTE' }), VALID],
    ['NOT_PROVIDED without components passes', (b) => (withPops(b).pops = { sourceOfComponents: 'NOT_PROVIDED' }), VALID],
    ['NOT_PROVIDED with an empty list passes', (b) => (withPops(b).pops = { sourceOfComponents: 'NOT_PROVIDED', components: [] }), VALID],
    ['containsPops false with a bare source passes (seed shape)', (b) => (item(b).pops = { sourceOfComponents: 'NOT_PROVIDED' }), VALID],
    ['every POP code passes', (b) => (withPops(b).pops.components = lookups.data.popNames.map((p) => ({ code: p.code }))), VALID],
    ['concentration may be left out', (b) => delete withPops(b).pops.components[0].concentration, VALID],
    // Live DWT checks the detail only when it is sent.
    ['containsPops true without detail passes (live)', (b) => (item(b).containsPops = true), VALID],
    ['containsPops true with null detail passes (live)', (b) => Object.assign(item(b), { containsPops: true, pops: null }), VALID],
    ['detail without a source', (b) => delete withPops(b).pops.sourceOfComponents, [['wasteItems.0.pops.sourceOfComponents', 'BusinessRuleViolation']]],
    ['GUIDANCE with null components', (b) => (withPops(b).pops.components = null), [['wasteItems.0.pops.components', 'BusinessRuleViolation']]],
    ['null concentration passes (live)', (b) => (withPops(b).pops.components[0].concentration = null), VALID],
    ['empty POP code', (b) => (withPops(b).pops.components[0].code = ''), [['wasteItems.0.pops.components.0.code', 'InvalidValue']]],
    ['null POP code', (b) => (withPops(b).pops.components[0].code = null), [['wasteItems.0.pops.components.0.code', 'NotProvided']]],
    [
      "the seed's CARRIER_PROVIDED",
      (b) => (withPops(b).pops.sourceOfComponents = 'CARRIER_PROVIDED'),
      [['wasteItems.0.pops.sourceOfComponents', 'InvalidValue']],
    ],
    ['GUIDANCE without components', (b) => delete withPops(b).pops.components, [['wasteItems.0.pops.components', 'BusinessRuleViolation']]],
    // Live DWT: an empty list is stored with a warning; only a missing list is refused.
    ['OWN_TESTING with an empty list passes (live: warning)', (b) => (withPops(b).pops = { sourceOfComponents: 'OWN_TESTING', components: [] }), VALID],
    [
      'NOT_PROVIDED with components',
      (b) => (withPops(b).pops.sourceOfComponents = 'NOT_PROVIDED'),
      [['wasteItems.0.pops.components', 'BusinessRuleViolation']],
    ],
    [
      'components when containsPops is false',
      (b) => (item(b).pops = { sourceOfComponents: 'PROVIDED_WITH_WASTE', components: [{ code: 'PFOS' }] }),
      [['wasteItems.0.pops.components', 'BusinessRuleViolation']],
    ],
    ['unknown POP code', (b) => (withPops(b).pops.components[0].code = 'DDX'), [['wasteItems.0.pops.components.0.code', 'InvalidValue']]],
    ['lower-case POP code', (b) => (withPops(b).pops.components[0].code = 'decabde'), [['wasteItems.0.pops.components.0.code', 'InvalidValue']]],
    ['component without a code', (b) => delete withPops(b).pops.components[0].code, [['wasteItems.0.pops.components.0.code', 'NotProvided']]],
    ['zero concentration', (b) => (withPops(b).pops.components[0].concentration = 0), [['wasteItems.0.pops.components.0.concentration', 'OutOfRange']]],
    ['negative concentration', (b) => (withPops(b).pops.components[0].concentration = -1), [['wasteItems.0.pops.components.0.concentration', 'OutOfRange']]],
    [
      'concentration as text',
      (b) => (withPops(b).pops.components[0].concentration = '12.5'),
      [['wasteItems.0.pops.components.0.concentration', 'InvalidType']],
    ],
    ['components not a list', (b) => (withPops(b).pops.components = { code: 'PFOS' }), [['wasteItems.0.pops.components', 'InvalidType']]],
  ]);
});

describe('hazardous detail', () => {
  table([
    ['OWN_TESTING with HP codes and components passes', (b) => hazardous(b), VALID],
    ['HP_POP is a valid HP code', (b) => (hazardous(b).hazardous.hazCodes = ['HP_POP']), VALID],
    ['every HP code passes', (b) => (hazardous(b).hazardous.hazCodes = lookups.data.hazardousPropertyCodes.map((h) => h.code)), VALID],
    ['NOT_PROVIDED with HP codes only passes', (b) => (hazardous(b).hazardous = { sourceOfComponents: 'NOT_PROVIDED', hazCodes: ['HP_3'] }), VALID],
    [
      'PROVIDED_WITH_WASTE without components passes',
      (b) => (hazardous(b).hazardous = { sourceOfComponents: 'PROVIDED_WITH_WASTE', hazCodes: ['HP_3'] }),
      VALID,
    ],
    ['containsHazardous false with a bare source passes', (b) => (item(b).hazardous = { sourceOfComponents: 'NOT_PROVIDED' }), VALID],
    ['containsHazardous true without detail passes (live)', (b) => (hazardous(b), delete item(b).hazardous), VALID],
    ['empty detail', (b) => (hazardous(b).hazardous = {}), [['wasteItems.0.hazardous.sourceOfComponents', 'BusinessRuleViolation']]],
    // Live DWT reports missing HP codes against the hazardous object itself.
    ['no HP codes', (b) => delete hazardous(b).hazardous.hazCodes, [['wasteItems.0.hazardous', 'BusinessRuleViolation']]],
    ['empty HP codes', (b) => (hazardous(b).hazardous.hazCodes = []), [['wasteItems.0.hazardous', 'BusinessRuleViolation']]],
    ['duplicate HP codes pass (live: tidied)', (b) => (hazardous(b).hazardous.hazCodes = ['HP_7', 'HP_7']), VALID],
    [
      'no HP codes and GUIDANCE without components',
      (b) => (hazardous(b).hazardous = { sourceOfComponents: 'GUIDANCE' }),
      [
        ['wasteItems.0.hazardous', 'BusinessRuleViolation'],
        ['wasteItems.0.hazardous.components', 'BusinessRuleViolation'],
      ],
    ],
    ['unknown HP code', (b) => (hazardous(b).hazardous.hazCodes = ['HP_7', 'HP_16']), [['wasteItems.0.hazardous.hazCodes.1', 'InvalidValue']]],
    ['HP code without underscore', (b) => (hazardous(b).hazardous.hazCodes = ['HP7']), [['wasteItems.0.hazardous.hazCodes.0', 'InvalidValue']]],
    ['GUIDANCE without components', (b) => delete hazardous(b).hazardous.components, [['wasteItems.0.hazardous.components', 'BusinessRuleViolation']]],
    [
      'NOT_PROVIDED with components',
      (b) => (hazardous(b).hazardous.sourceOfComponents = 'NOT_PROVIDED'),
      [['wasteItems.0.hazardous.components', 'BusinessRuleViolation']],
    ],
    [
      'components when containsHazardous is false',
      (b) => (item(b).hazardous = { sourceOfComponents: 'PROVIDED_WITH_WASTE', components: [{ name: 'Lead' }] }),
      [['wasteItems.0.hazardous.components', 'BusinessRuleViolation']],
    ],
    ['component without a name', (b) => delete hazardous(b).hazardous.components[0].name, [['wasteItems.0.hazardous.components.0.name', 'NotProvided']]],
    ['empty component name', (b) => (hazardous(b).hazardous.components[0].name = ''), [['wasteItems.0.hazardous.components.0.name', 'InvalidValue']]],
    ['null component name', (b) => (hazardous(b).hazardous.components[0].name = null), [['wasteItems.0.hazardous.components.0.name', 'NotProvided']]],
    [
      'zero concentration',
      (b) => (hazardous(b).hazardous.components[0].concentration = 0),
      [['wasteItems.0.hazardous.components.0.concentration', 'OutOfRange']],
    ],
    ['invalid source', (b) => (hazardous(b).hazardous.sourceOfComponents = 'guidance'), [['wasteItems.0.hazardous.sourceOfComponents', 'InvalidValue']]],
  ]);

  it('covers every source of components', () => {
    for (const source of SOURCES_OF_COMPONENTS) {
      const b = body();
      hazardous(b).hazardous.sourceOfComponents = source;
      if (source === 'NOT_PROVIDED') delete item(b).hazardous.components;
      expect(keysAndTypes(b), source).toEqual(VALID);
    }
  });
});

describe('disposalOrRecoveryCodes', () => {
  table([
    ['left out passes (warning only)', (b) => delete item(b).disposalOrRecoveryCodes, VALID],
    ['empty list passes (warning only)', (b) => (item(b).disposalOrRecoveryCodes = []), VALID],
    [
      'several codes pass',
      (b) => (item(b).disposalOrRecoveryCodes = ['R5', 'R3', 'D1'].map((code) => ({ code, weight: { metric: 'Tonnes', amount: 2, isEstimate: true } }))),
      VALID,
    ],
    ['unknown code', (b) => (item(b).disposalOrRecoveryCodes[0].code = 'R14'), [['wasteItems.0.disposalOrRecoveryCodes.0.code', 'InvalidValue']]],
    ['lower-case code', (b) => (item(b).disposalOrRecoveryCodes[0].code = 'r5'), [['wasteItems.0.disposalOrRecoveryCodes.0.code', 'InvalidValue']]],
    ['code missing', (b) => delete item(b).disposalOrRecoveryCodes[0].code, [['wasteItems.0.disposalOrRecoveryCodes.0.code', 'NotProvided']]],
    ['weight missing', (b) => delete item(b).disposalOrRecoveryCodes[0].weight, [['wasteItems.0.disposalOrRecoveryCodes.0.weight', 'NotProvided']]],
    ['zero weight', (b) => (item(b).disposalOrRecoveryCodes[0].weight.amount = 0), [['wasteItems.0.disposalOrRecoveryCodes.0.weight.amount', 'OutOfRange']]],
  ]);
});

describe('hazardous EWC codes need a consignment code or a reason', () => {
  const noCode = (b: Body) => {
    hazardous(b);
    delete b.hazardousWasteConsignmentCode;
  };
  table([
    ...Object.entries({
      englandWales: 'CJ32LE/A0001',
      englandWalesDigits: 'CJ123E/A0001',
      lowerCase: 'cj32le/a0001',
      scotland: 'SB1234567',
      northernIreland: 'DA5301234',
    }).map(([nation, code]): Row => [`${nation} code ${code} passes`, (b) => (hazardous(b), (b.hazardousWasteConsignmentCode = code)), VALID]),
    ...REASONS_FOR_NO_CONSIGNMENT_CODE.map((reason): Row => [`reason ${reason} passes`, (b) => (noCode(b), (b.reasonForNoConsignmentCode = reason)), VALID]),
    ['non-hazardous codes need neither', (b) => (item(b).ewcCodes = ['170504']), VALID],
    ['a code on a non-hazardous load is fine', (b) => (b.hazardousWasteConsignmentCode = 'CJ32LE/A0001'), VALID],
    ['neither code nor reason', noCode, [['reasonForNoConsignmentCode', 'BusinessRuleViolation']]],
    [
      'neither, hazardous code on a second item',
      (b) => {
        b.wasteItems.push({
          ...structuredClone(item(b)),
          ewcCodes: ['170504', '160601'],
          containsHazardous: true,
          hazardous: structuredClone(HAZARDOUS_DETAIL),
        });
      },
      [['reasonForNoConsignmentCode', 'BusinessRuleViolation']],
    ],
    [
      'reason as the display text',
      (b) => (noCode(b), (b.reasonForNoConsignmentCode = 'Non-Haz Waste Transfer')),
      [['reasonForNoConsignmentCode', 'InvalidValue']],
    ],
    [
      "the landing page's free-text reason",
      (b) => (noCode(b), (b.reasonForNoConsignmentCode = 'Carrier did not provide documentation')),
      [['reasonForNoConsignmentCode', 'InvalidValue']],
    ],
    // Live DWT: two or more letters/digits before the slash, an optional letter after the five.
    ...['CJTILE/A0001', 'CJTILE/A0001B', 'CJ32LE/A0001B', 'BT/A0001', 'ab/12345', 'AB/12345', 'LONGPREFIX9/ABCDE'].map((code): Row => [
      `live multi-collection and short-prefix code ${code} passes`,
      (b) => (hazardous(b), (b.hazardousWasteConsignmentCode = code)),
      VALID,
    ]),
    [
      'empty code needs a reason (live)',
      (b) => (hazardous(b), (b.hazardousWasteConsignmentCode = '')),
      [['reasonForNoConsignmentCode', 'BusinessRuleViolation']],
    ],
    [
      'null code and no reason (live)',
      (b) => (hazardous(b), (b.hazardousWasteConsignmentCode = null)),
      [['hazardousWasteConsignmentCode', 'BusinessRuleViolation']],
    ],
    ['null code with a reason passes', (b) => (hazardous(b), (b.hazardousWasteConsignmentCode = null), (b.reasonForNoConsignmentCode = 'HWRC_RECEIPT')), VALID],
    ['a number', (b) => (hazardous(b), (b.hazardousWasteConsignmentCode = 1234567)), [['hazardousWasteConsignmentCode', 'InvalidFormat']]],
    ['any reason text on a non-hazardous load passes (live)', (b) => (b.reasonForNoConsignmentCode = 'Not needed'), VALID],
    ['reason as a number', (b) => (b.reasonForNoConsignmentCode = 3), [['reasonForNoConsignmentCode', 'InvalidType']]],
    ...[
      'CJ32LE/A001',
      'CJ32LEA0001',
      'CJ32L/A00001',
      'CJ32LE/A-001',
      'C/A0001',
      'CJTILE/A0001BB',
      'SD1234567',
      'SA123456',
      'sa1234567',
      'DA12345678',
      'DD1234567',
    ].map((code): Row => [
      `malformed code "${code}"`,
      (b) => (hazardous(b), (b.hazardousWasteConsignmentCode = code)),
      [['hazardousWasteConsignmentCode', 'InvalidFormat']],
    ]),
  ]);
});

describe('carrier registration number or a reason, never both', () => {
  const noNumber = (value: null | '') => (b: Body) => {
    carrier(b).registrationNumber = value;
  };
  table([
    ...REASONS_FOR_NO_REGISTRATION_NUMBER.map((reason): Row => [
      `null with reason ${reason} passes`,
      (b) => (noNumber(null)(b), (carrier(b).reasonForNoRegistrationNumber = reason)),
      VALID,
    ]),
    ['empty string with a reason passes', (b) => (noNumber('')(b), (carrier(b).reasonForNoRegistrationNumber = 'ON_SITE')), VALID],
    // Live DWT: a missing reason is NotProvided, a reason beside a number NotAllowed; a null or empty
    // reason is stored with a warning.
    ['null and no reason', noNumber(null), [['carrier.reasonForNoRegistrationNumber', 'NotProvided']]],
    ['empty and no reason', noNumber(''), [['carrier.reasonForNoRegistrationNumber', 'NotProvided']]],
    ['null and a null reason passes (live: warning)', (b) => (noNumber(null)(b), (carrier(b).reasonForNoRegistrationNumber = null)), VALID],
    ['empty and an empty reason passes (live: warning)', (b) => (noNumber('')(b), (carrier(b).reasonForNoRegistrationNumber = '')), VALID],
    ['a number and a reason', (b) => (carrier(b).reasonForNoRegistrationNumber = 'ONE_OFF'), [['carrier.reasonForNoRegistrationNumber', 'NotAllowed']]],
    [
      'no number field and a reason',
      (b) => (delete carrier(b).registrationNumber, (carrier(b).reasonForNoRegistrationNumber = 'ONE_OFF')),
      [
        ['carrier.registrationNumber', 'NotProvided'],
        ['carrier.reasonForNoRegistrationNumber', 'NotAllowed'],
      ],
    ],
    ['left out altogether', (b) => delete carrier(b).registrationNumber, [['carrier.registrationNumber', 'NotProvided']]],
    // Live DWT has no category for "not text" among its alternatives: UnexpectedError.
    ['a number, not text', (b) => (carrier(b).registrationNumber = 123456), [['carrier.registrationNumber', 'UnexpectedError']]],
    [
      'unknown reason',
      (b) => (noNumber(null)(b), (carrier(b).reasonForNoRegistrationNumber = 'ONEOFF')),
      [['carrier.reasonForNoRegistrationNumber', 'InvalidValue']],
    ],
    [
      'reason sent as null beside a number',
      (b) => (carrier(b).reasonForNoRegistrationNumber = null),
      [['carrier.reasonForNoRegistrationNumber', 'NotAllowed']],
    ],
  ]);
});

describe('carrier and broker registration number formats', () => {
  const valid = [
    'CBDU123',
    'CBDL123456',
    'CBDU1234567',
    'WCR/R/1234567',
    'SCO/123456',
    'SEA/123456',
    'SNO/123456',
    'SWE/123456',
    'WCR/123456',
    'PCT-A-123',
    'ROC UT 12345',
    'ROC LT 1',
    'ROCUT99',
    'ROCLT9999',
    // Live DWT matches registration numbers in either case, with any separators in ROC numbers.
    'cbdu123456',
    'wcr/r/1234567',
    'roc-ut-12',
  ];
  const invalid = [
    'CBDU12',
    'CBDX123456',
    'CBD123456',
    'WCR/R/123456',
    'SCO/1234567',
    'ABC/123456',
    'PCT-12-123',
    'ROC UT 123456',
    'ROC XT 1',
    'ROC UT',
    '123456',
  ];

  table([
    ...valid.map((number): Row => [`carrier ${number} passes`, (b) => (carrier(b).registrationNumber = number), VALID]),
    ...invalid.map((number): Row => [`carrier ${number}`, (b) => (carrier(b).registrationNumber = number), [['carrier.registrationNumber', 'InvalidFormat']]]),
    ...valid.map((number): Row => [
      `broker ${number} passes`,
      (b) => (b.brokerOrDealer = { organisationName: 'Test Brokers Ltd', registrationNumber: number }),
      VALID,
    ]),
    [
      'broker CBDU12',
      (b) => (b.brokerOrDealer = { organisationName: 'Test Brokers Ltd', registrationNumber: 'CBDU12' }),
      [['brokerOrDealer.registrationNumber', 'InvalidFormat']],
    ],
    [
      'broker null number (not nullable)',
      (b) => (b.brokerOrDealer = { organisationName: 'Test Brokers Ltd', registrationNumber: null }),
      [['brokerOrDealer.registrationNumber', 'UnexpectedError']],
    ],
    [
      'broker empty number',
      (b) => (b.brokerOrDealer = { organisationName: 'Test Brokers Ltd', registrationNumber: '' }),
      [['brokerOrDealer.registrationNumber', 'InvalidFormat']],
    ],
  ]);

  it('groups the patterns by regulator', () => {
    expect(Object.keys(CARRIER_REGISTRATION_NUMBER_PATTERNS)).toEqual(['englandWales', 'scotland', 'northernIreland']);
    for (const number of valid) expect(isValidCarrierRegistrationNumber(number), number).toBe(true);
    for (const number of invalid) expect(isValidCarrierRegistrationNumber(number), number).toBe(false);
    expect(isValidCarrierRegistrationNumber(normaliseRegistrationNumber(' cbdu123456 '))).toBe(true);
  });
});

describe('carrier: organisation, transport and vehicle', () => {
  table([
    ['organisation name missing', (b) => delete carrier(b).organisationName, [['carrier.organisationName', 'NotProvided']]],
    ['carrier missing', (b) => delete b.carrier, [['carrier', 'NotProvided']]],
    ...MEANS_OF_TRANSPORT.filter((means) => means !== 'Road').map((means): Row => [
      `${means} without a vehicle passes`,
      (b) => (delete carrier(b).vehicleRegistration, (carrier(b).meansOfTransport = means)),
      VALID,
    ]),
    // Live DWT: a vehicle registration is allowed only beside exactly "Road" (NotAllowed otherwise),
    // required there (NotProvided), in any case and of any length.
    [
      'means of transport missing',
      (b) => delete carrier(b).meansOfTransport,
      [
        ['carrier.vehicleRegistration', 'NotAllowed'],
        ['carrier.meansOfTransport', 'NotProvided'],
      ],
    ],
    [
      'means of transport in lower case',
      (b) => (carrier(b).meansOfTransport = 'road'),
      [
        ['carrier.vehicleRegistration', 'NotAllowed'],
        ['carrier.meansOfTransport', 'InvalidValue'],
      ],
    ],
    [
      'means of transport not in the list',
      (b) => (delete carrier(b).vehicleRegistration, (carrier(b).meansOfTransport = 'Lorry')),
      [['carrier.meansOfTransport', 'InvalidValue']],
    ],
    ['Road without a vehicle registration', (b) => delete carrier(b).vehicleRegistration, [['carrier.vehicleRegistration', 'NotProvided']]],
    ['Road with an empty vehicle registration', (b) => (carrier(b).vehicleRegistration = ''), [['carrier.vehicleRegistration', 'InvalidValue']]],
    ['Road with a space for a registration passes (live)', (b) => (carrier(b).vehicleRegistration = ' '), VALID],
    ['Rail with a vehicle registration', (b) => (carrier(b).meansOfTransport = 'Rail'), [['carrier.vehicleRegistration', 'NotAllowed']]],
    [
      'Sea with an empty vehicle registration',
      (b) => Object.assign(carrier(b), { meansOfTransport: 'Sea', vehicleRegistration: '' }),
      [['carrier.vehicleRegistration', 'NotAllowed']],
    ],
    ['10-character vehicle registration passes', (b) => (carrier(b).vehicleRegistration = 'ABCDE 1234'), VALID],
    ['11-character vehicle registration passes (live: no maximum)', (b) => (carrier(b).vehicleRegistration = 'ABCDE 12345'), VALID],
    ['lower-case vehicle registration passes (live)', (b) => (carrier(b).vehicleRegistration = 'ab12 cde'), VALID],
    [
      'Other with otherMeansOfTransport passes (live)',
      (b) => (delete carrier(b).vehicleRegistration, Object.assign(carrier(b), { meansOfTransport: 'Other', otherMeansOfTransport: 'Conveyor belt' })),
      VALID,
    ],
    ['otherMeansOfTransport empty', (b) => (carrier(b).otherMeansOfTransport = ''), [['carrier.otherMeansOfTransport', 'InvalidValue']]],
    [
      'email with a made-up top-level domain (live: real TLDs only)',
      (b) => (carrier(b).emailAddress = 'name@firm.con'),
      [['carrier.emailAddress', 'InvalidFormat']],
    ],
    ['email with an upper-case domain passes', (b) => (carrier(b).emailAddress = 'Name@Firm.CO.UK'), VALID],
    ['vehicle registration as a number', (b) => (carrier(b).vehicleRegistration = 1234), [['carrier.vehicleRegistration', 'InvalidType']]],
    ['email address passes', (b) => (carrier(b).emailAddress = 'mailbox@example.co.uk'), VALID],
    ['bad email address', (b) => (carrier(b).emailAddress = 'mailbox at example'), [['carrier.emailAddress', 'InvalidFormat']]],
    ['blank phone number', (b) => (carrier(b).phoneNumber = ''), [['carrier.phoneNumber', 'InvalidValue']]],
  ]);
});

describe('postcodes: UK or Eircode for carrier and broker, UK only for the receipt address', () => {
  table([
    ['carrier Eircode passes', (b) => (carrier(b).address.postcode = 'D02 X285'), VALID],
    ['carrier Eircode without space passes', (b) => (carrier(b).address.postcode = 'A65F4E2'), VALID],
    ['carrier D6W Eircode passes', (b) => (carrier(b).address.postcode = 'D6W 1234'), VALID],
    ['carrier London postcode passes', (b) => (carrier(b).address.postcode = 'EC1A 1BB'), VALID],
    ['carrier address without full address passes', (b) => (carrier(b).address = { postcode: 'W12 7ZL' }), VALID],
    ['carrier postcode nonsense', (b) => (carrier(b).address.postcode = '12345'), [['carrier.address.postcode', 'InvalidFormat']]],
    ['carrier address without postcode', (b) => delete carrier(b).address.postcode, [['carrier.address.postcode', 'NotProvided']]],
    ['broker Eircode passes', (b) => (b.brokerOrDealer = { organisationName: 'Test Brokers Ltd', address: { postcode: 'T12 AC34' } }), VALID],
    [
      'broker postcode nonsense',
      (b) => (b.brokerOrDealer = { organisationName: 'Test Brokers Ltd', address: { postcode: 'ZZZ' } }),
      [['brokerOrDealer.address.postcode', 'InvalidFormat']],
    ],
    ['receipt GIR 0AA passes', (b) => (b.receipt.address.postcode = 'GIR 0AA'), VALID],
    ['receipt lower-case postcode passes', (b) => (b.receipt.address.postcode = 'ls10 1ab'), VALID],
    ['receipt Eircode', (b) => (b.receipt.address.postcode = 'D02 X285'), [['receipt.address.postcode', 'InvalidFormat']]],
    ['receipt postcode without its space', (b) => (b.receipt.address.postcode = 'LS101AB'), [['receipt.address.postcode', 'InvalidFormat']]],
    ['receipt postcode missing', (b) => delete b.receipt.address.postcode, [['receipt.address.postcode', 'NotProvided']]],
    ['receipt full address missing', (b) => delete b.receipt.address.fullAddress, [['receipt.address.fullAddress', 'NotProvided']]],
    ['receipt address missing', (b) => delete b.receipt.address, [['receipt.address', 'NotProvided']]],
    ['receipt missing', (b) => delete b.receipt, [['receipt', 'NotProvided']]],
  ]);

  it('tidies typed postcodes into the form DWT accepts', () => {
    expect(normaliseUkPostcode(' ls101ab ')).toBe('LS10 1AB');
    expect(normaliseUkPostcode('w12  7zl')).toBe('W12 7ZL');
    expect(normaliseUkPostcode('D02 X285')).toBe('D02 X285');
    expect(isUkPostcode('M1 1AE')).toBe(true);
    expect(isIrishEircode('D02X285')).toBe(true);
    expect(isIrishEircode('B12 3456')).toBe(false);
  });
});

describe('broker or dealer', () => {
  table([
    ['name only passes', (b) => (b.brokerOrDealer = { organisationName: 'Test Brokers Ltd' }), VALID],
    ['name missing', (b) => (b.brokerOrDealer = { registrationNumber: 'CBDU123456' }), [['brokerOrDealer.organisationName', 'NotProvided']]],
    [
      'unknown field',
      (b) => (b.brokerOrDealer = { organisationName: 'Test Brokers Ltd', vehicleRegistration: 'X' }),
      [['brokerOrDealer.vehicleRegistration', 'NotAllowed']],
    ],
    ['bad email', (b) => (b.brokerOrDealer = { organisationName: 'Test Brokers Ltd', emailAddress: 'x@' }), [['brokerOrDealer.emailAddress', 'InvalidFormat']]],
  ]);
});

describe('receiver: site name and a UK permit number', () => {
  const permits = [
    'EAWML123456',
    'EAWML12345',
    'WML123456',
    'AB1234CD',
    'AB1234CD/D1234',
    'AB1234CD/D12345',
    'EPR/AB1234CD',
    'EPR/AB1234CD/D1234',
    ' EPR/AB1234CD ',
    'epr/ab1234cd',
    'PPC/A/1234567',
    'PPC/W/1234567',
    'PPC/N/1234567',
    'PPC/E/1234567',
    'PPC/A/SEPA1234-5678',
    'WML/L/1234567',
    'WML/W/1234567',
    'WML/E/1234567',
    'WML/N/1234567',
    'WML/L/SEPA1234-5678',
    'WML/L/1234567/01',
    'WML/N/1234567/99',
    'EAS/P/123456',
    'P1234/56A',
    'P1234/56A/V1',
    'WPPC 12/34',
    'WPPC 12/34/V2',
    'WML 07/61 LN/13/02/M/V2',
    'WML 19/36/T LN/10/35/T/M',
    'WML 07/61 LN/13/02',
    'WML 04/38 PAC/2014/WCL001',
  ];
  const notPermits = [
    // The spec's garbled "EXX9999XX" and "PR/XX9999XX/D9999": live DWT refuses them.
    'EAB1234CD',
    'PR/AB1234CD/D1234',
    'EPR/AB123CD',
    'EPR-AB1234CD',
    'AB1234CD/D123',
    'EAWML1234',
    'WML1234567',
    'PPC/B/1234567',
    'PPC/A/123456',
    'WML/L/1234567/1',
    'EAS/P/1234567',
    'P1234/56',
    'WPPC 123/34',
    'WML 07/61',
    'LN/13/02',
    'PAC/2014/WCL001',
    'Permit applied for',
  ];

  table([
    ...permits.map((permit): Row => [`${permit} passes`, (b) => (b.receiver.authorisationNumber = permit), VALID]),
    ...notPermits.map((permit): Row => [`${permit}`, (b) => (b.receiver.authorisationNumber = permit), [['receiver.authorisationNumber', 'InvalidFormat']]]),
    ['authorisation number missing', (b) => delete b.receiver.authorisationNumber, [['receiver.authorisationNumber', 'NotProvided']]],
    ['authorisation number as a list', (b) => (b.receiver.authorisationNumber = ['EPR/AB1234CD']), [['receiver.authorisationNumber', 'InvalidType']]],
    ['site name missing', (b) => delete b.receiver.siteName, [['receiver.siteName', 'NotProvided']]],
    ['site name blank', (b) => (b.receiver.siteName = ''), [['receiver.siteName', 'InvalidValue']]],
    ['receiver missing', (b) => delete b.receiver, [['receiver', 'NotProvided']]],
    ['positive RPS numbers pass', (b) => (b.receiver.regulatoryPositionStatements = [343, 456, 789]), VALID],
    ['RPS zero', (b) => (b.receiver.regulatoryPositionStatements = [343, 0]), [['receiver.regulatoryPositionStatements.1', 'OutOfRange']]],
    ['RPS fraction (live: OutOfRange)', (b) => (b.receiver.regulatoryPositionStatements = [3.5]), [['receiver.regulatoryPositionStatements.0', 'OutOfRange']]],
    ['RPS as text', (b) => (b.receiver.regulatoryPositionStatements = ['343']), [['receiver.regulatoryPositionStatements.0', 'InvalidType']]],
  ]);

  it('groups the permit patterns by nation', () => {
    expect(Object.keys(PERMIT_NUMBER_PATTERNS)).toEqual(['england', 'scotland', 'wales', 'northernIreland']);
    for (const permit of permits) expect(isValidAuthorisationNumber(permit), permit).toBe(true);
    for (const permit of notPermits) expect(isValidAuthorisationNumber(permit), permit).toBe(false);
  });
});

describe('references and free text', () => {
  table([
    ['special handling of 5,000 characters passes', (b) => (b.specialHandlingRequirements = text(5000)), VALID],
    ['special handling of 5,001 characters', (b) => (b.specialHandlingRequirements = text(5001)), [['specialHandlingRequirements', 'OutOfRange']]],
    // Live DWT limits only specialHandlingRequirements.
    ['a 5,001-character reference passes (live)', (b) => (b.yourUniqueReference = text(5001)), VALID],
    ['blank reference', (b) => (b.yourUniqueReference = ''), [['yourUniqueReference', 'InvalidValue']]],
    ['reference as a number', (b) => (b.yourUniqueReference = 123), [['yourUniqueReference', 'InvalidType']]],
    [
      'other references pass',
      (b) =>
        (b.otherReferencesForMovement = [
          { label: 'PO Number', reference: 'PO-12345' },
          { label: 'Haulier Note', reference: 'HN-1' },
        ]),
      VALID,
    ],
    // Live DWT refuses "" as any string (InvalidValue) before its minLength comes into play.
    ['empty label', (b) => (b.otherReferencesForMovement = [{ label: '', reference: 'PO-12345' }]), [['otherReferencesForMovement.0.label', 'InvalidValue']]],
    ['missing reference', (b) => (b.otherReferencesForMovement = [{ label: 'PO Number' }]), [['otherReferencesForMovement.0.reference', 'NotProvided']]],
    ['other references as text', (b) => (b.otherReferencesForMovement = 'PO-12345'), [['otherReferencesForMovement', 'InvalidType']]],
  ]);
});

describe('cross-field rules run alongside other errors', () => {
  it('shows every problem at once, so the clerk fixes them in one go', () => {
    const b = body();
    item(b).numberOfContainers = 1.5;
    item(b).containsPops = true;
    item(b).weight.amount = 0;
    carrier(b).registrationNumber = null;
    carrier(b).emailAddress = 'nope';
    delete carrier(b).vehicleRegistration;
    b.extra = true;
    item(b).ewcCodes = ['170503', '17 05 04'];
    // Live DWT: every field's own errors at once; rules on a whole object (here the body's consignment
    // rule) only run once everything inside it is right, so they come on the next attempt.
    expect(keysAndTypes(b)).toEqual(
      expect.arrayContaining([
        ['wasteItems.0.numberOfContainers', 'OutOfRange'],
        ['wasteItems.0.weight.amount', 'OutOfRange'],
        ['wasteItems.0.ewcCodes.1', 'InvalidFormat'],
        ['carrier.emailAddress', 'InvalidFormat'],
        ['carrier.reasonForNoRegistrationNumber', 'NotProvided'],
        ['carrier.vehicleRegistration', 'NotProvided'],
        ['extra', 'NotAllowed'],
      ]),
    );
    expect(keysAndTypes(b)).toHaveLength(7);
  });

  it('still applies them when a list is too long or a number is not whole', () => {
    const b = body();
    hazardous(b);
    delete b.hazardousWasteConsignmentCode;
    item(b).ewcCodes = ['170503', '150101', '150102', '150104', '150105', '150106'];
    b.receiver.regulatoryPositionStatements = [1.5];
    expect(keysAndTypes(b)).toEqual([
      ['wasteItems.0.ewcCodes', 'OutOfRange'],
      ['receiver.regulatoryPositionStatements.0', 'OutOfRange'],
    ]);
  });

  it('does not pile a business-rule error on top of a wrong type', () => {
    const b = body();
    item(b).containsHazardous = 'true';
    carrier(b).registrationNumber = 42;
    carrier(b).meansOfTransport = 'road';
    expect(keysAndTypes(b)).toEqual([
      ['wasteItems.0.containsHazardous', 'InvalidType'],
      ['carrier.registrationNumber', 'UnexpectedError'],
      ['carrier.vehicleRegistration', 'NotAllowed'],
      ['carrier.meansOfTransport', 'InvalidValue'],
    ]);
  });
});

describe('messages', () => {
  function messages(change: (b: Body) => void): Record<string, string> {
    const b = body();
    change(b);
    const result = check(b);
    return result.ok ? {} : Object.fromEntries(result.errors.map((error) => [error.key, error.message]));
  }

  it('name the field in words a clerk understands', () => {
    expect(messages((b) => (carrier(b).registrationNumber = null))).toEqual({
      'carrier.reasonForNoRegistrationNumber': 'Carrier registration number or a reason for not having one is required',
    });
    expect(messages((b) => (b.receiver.authorisationNumber = 'ABC'))['receiver.authorisationNumber']).toMatch(
      /^Site authorisation number "ABC" must be in a valid UK format/,
    );
    expect(messages((b) => delete carrier(b).vehicleRegistration)['carrier.vehicleRegistration']).toBe(
      'Vehicle registration is required when the waste arrives by road',
    );
    expect(messages((b) => (hazardous(b), delete b.hazardousWasteConsignmentCode)).reasonForNoConsignmentCode).toBe(
      'Hazardous waste consignment code or a reason for not having one is required, because EWC code 170503 is hazardous',
    );
  });

  it('say which waste item is wrong', () => {
    const byKey = messages((b) => {
      b.wasteItems.push({ ...structuredClone(item(b)), ewcCodes: ['999999'] });
    });
    expect(byKey['wasteItems.1.ewcCodes.0']).toBe('Waste item 2: EWC code 999999 is not in the List of Wastes; check the code on the paperwork');
  });

  it('never fall back to zod defaults', () => {
    const b: Body = {
      apiCode: 1,
      dateTimeReceived: null,
      wasteItems: [
        { ewcCodes: [1, '1', '999999'], weight: { amount: 'x', metric: 1, isEstimate: 'no' }, pops: [], hazardous: 'x', disposalOrRecoveryCodes: [{}] },
      ],
      carrier: { registrationNumber: 1, address: { postcode: 1 }, emailAddress: 1, vehicleRegistration: [], meansOfTransport: 1 },
      brokerOrDealer: 'x',
      receiver: { regulatoryPositionStatements: [0, 'x'] },
      receipt: { address: {} },
      otherReferencesForMovement: [{ label: 1 }],
    };
    const result = check(b);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.length).toBeGreaterThan(20);
      for (const error of result.errors) {
        expect(error.message, error.key).not.toMatch(/^(Invalid input|Invalid option|Too small|Too big|Invalid string|Unrecognized key)/);
        expect(error.message.length, error.key).toBeGreaterThan(10);
      }
    }
  });
});

describe('warningsFor', () => {
  function warnings(change: (b: Body) => void) {
    const b = body();
    change(b);
    const result = check(b);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return warningsFor(result.value).map((warning) => [warning.key, warning.errorType]);
  }

  it('warns about waste items without disposal or recovery codes', () => {
    expect(
      warnings((b) => {
        b.wasteItems.push(structuredClone(item(b)), structuredClone(item(b)));
        delete item(b, 0).disposalOrRecoveryCodes;
        item(b, 2).disposalOrRecoveryCodes = [];
      }),
    ).toEqual([
      ['wasteItems.0.disposalOrRecoveryCodes', 'NotProvided'],
      ['wasteItems.2.disposalOrRecoveryCodes', 'NotProvided'],
    ]);
  });

  it('warns when components provided with the waste are not listed', () => {
    expect(
      warnings((b) => {
        withPops(b).pops = { sourceOfComponents: 'PROVIDED_WITH_WASTE', components: [] };
        hazardous(b).hazardous = { sourceOfComponents: 'PROVIDED_WITH_WASTE', hazCodes: ['HP_7'] };
      }),
    ).toEqual([
      ['wasteItems.0.pops.components', 'NotProvided'],
      ['wasteItems.0.hazardous.components', 'NotProvided'],
    ]);
  });

  it('warns, as live DWT does, about POP or hazardous components without a concentration', () => {
    expect(
      warnings((b) => {
        withPops(b).pops.components = [{ code: 'PFOS' }, { code: 'DDT', concentration: 12 }, { code: 'PCB', concentration: null }];
        hazardous(b).hazardous.components = [{ name: 'Lead' }];
      }),
    ).toEqual([
      ['wasteItems.0.pops.components.0.concentration', 'NotProvided'],
      ['wasteItems.0.pops.components.2.concentration', 'NotProvided'],
      ['wasteItems.0.hazardous.components.0.concentration', 'NotProvided'],
    ]);
  });

  it('warns, as live DWT does, about an empty component list for GUIDANCE or OWN_TESTING', () => {
    expect(warnings((b) => (withPops(b).pops = { sourceOfComponents: 'OWN_TESTING', components: [] }))).toEqual([
      ['wasteItems.0.pops.components', 'NotProvided'],
    ]);
  });

  it('warns, as live DWT does, about no carrier registration number with a blank reason', () => {
    expect(warnings((b) => Object.assign(carrier(b), { registrationNumber: null, reasonForNoRegistrationNumber: '' }))).toEqual([
      ['carrier.reasonForNoRegistrationNumber', 'NotProvided'],
    ]);
  });

  it('orders warnings as DWT does: disposal codes for every item, then POPs, then hazardous', () => {
    expect(
      warnings((b) => {
        b.wasteItems.push(structuredClone(item(b)));
        withPops(b).pops = { sourceOfComponents: 'PROVIDED_WITH_WASTE' };
        delete item(b, 1).disposalOrRecoveryCodes;
        delete item(b, 0).disposalOrRecoveryCodes;
      }),
    ).toEqual([
      ['wasteItems.0.disposalOrRecoveryCodes', 'NotProvided'],
      ['wasteItems.1.disposalOrRecoveryCodes', 'NotProvided'],
      ['wasteItems.0.pops.components', 'NotProvided'],
    ]);
  });

  it('is quiet for complete loads', () => {
    expect(warnings((b) => (withPops(b), hazardous(b)))).toEqual([]);
    expect(warnings((b) => (withPops(b).pops = { sourceOfComponents: 'NOT_PROVIDED' }))).toEqual([]);
  });

  it('explains the warning to the clerk', () => {
    const b = body();
    delete item(b).disposalOrRecoveryCodes;
    const [warning] = warningsFor(b as ReceiveMovement);
    expect(warning?.message).toMatch(/^Waste item 1: No disposal or recovery code yet/);
  });
});

describe('formats exported for reuse', () => {
  it('waste tracking ids: two-digit year and at least six of A–Z0–9, uncapped', () => {
    expect(isWasteTrackingId('25HRA0B2')).toBe(true);
    expect(isWasteTrackingId('26ABCDEFGHIJ')).toBe(true);
    expect(isWasteTrackingId('25HRA0B')).toBe(false);
    expect(isWasteTrackingId('25hra0b2')).toBe(false);
    expect(isWasteTrackingId('2AHRA0B2')).toBe(false);
  });

  it('consignment codes by nation', () => {
    expect(CONSIGNMENT_CODE_PATTERNS.englandWales.test('CJ32LE/A0001')).toBe(true);
    expect(CONSIGNMENT_CODE_PATTERNS.scotland.test('SC7654321')).toBe(true);
    expect(CONSIGNMENT_CODE_PATTERNS.northernIreland.test('DC7654321')).toBe(true);
    expect(isValidConsignmentCode('SC765432')).toBe(false);
  });

  it('accepts the consignment codes clerks bring from real notes', () => {
    for (const code of ['CJTILE/A0001B', 'BT/A0001', 'ab/12345']) expect(isValidConsignmentCode(code), code).toBe(true);
  });
});
