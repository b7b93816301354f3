// The receive-movement body as the LIVE DWT service validates it (DEFRA/waste-movement-utils
// src/schemas/receipt.js, waste.js, carrier.js, address.js, brokerOrDealer.js, weight.js,
// hazardous-waste-consignment.js), rule by rule: the same fields required or optional, the same
// conditional rules, value lists, formats and limits, and the same error keys, so what live DWT
// accepts is accepted and what it refuses is refused with its key. Where live DWT differs from the
// June 2026 spec, live wins (README "The live service has moved past this spec"); see
// docs/decisions/ for the cases and lib/dwt/schema.test.ts for a table case of each.
// Over 400 lines on purpose: it mirrors DEFRA's schema files one to one, in their order, so a change
// in theirs is found and copied here by reading the two side by side.

import type { ReferenceLookups } from '../reference-data/lookups';
import { isEmailAddressDwtAccepts } from './email';
import {
  EWC_CODE_PATTERN,
  MAX_EWC_CODES_PER_ITEM,
  SPECIAL_HANDLING_MAX_LENGTH,
  isApiCode,
  isIsoDateDwtAccepts,
  isUkOrIrishPostcode,
  isUkPostcode,
  isValidAuthorisationNumber,
  isValidCarrierRegistrationNumber,
  isValidConsignmentCode,
} from './patterns';
import { componentsAllowed, detailComplete, hazCodesGiven } from './component-rules';
import { any, array, boolean, check, isRecord, issue, must, number, object, string, type Check, type Issue, type Rule } from './rules';
import {
  MEANS_OF_TRANSPORT,
  PHYSICAL_FORMS,
  REASONS_FOR_NO_CONSIGNMENT_CODE,
  REASONS_FOR_NO_REGISTRATION_NUMBER,
  SOURCES_OF_COMPONENTS,
  WEIGHT_METRICS,
} from './values';

/** The label DWT gives the whole body; its errors about the body as a whole carry this key. */
export const BODY_KEY = 'ReceiveMovementRequest';

const positive = (label: string): Check =>
  must(
    (value: number) => value > 0,
    'OutOfRange',
    () => `${label} must be greater than 0`,
  );
const integer = (label: string): Check =>
  must(
    (value: number) => Math.trunc(value) - value === 0,
    'OutOfRange',
    () => `${label} must be a whole number`,
  );
const atLeast = (label: string, min: number): Check =>
  must(
    (value: number) => value >= min,
    'OutOfRange',
    () => `${label} must be ${min} or more`,
  );

/** Joi `alternatives().try(string().pattern(a), string().pattern(b)...)`. */
function oneOfFormats(label: string, test: (value: string) => boolean, hint: string, options: Partial<Rule> = {}): Rule {
  return {
    ...options,
    label,
    type: (value, path) => {
      if (typeof value !== 'string') return [issue(path, 'UnexpectedError', `${label} must be text`)];
      return test(value) ? [] : [issue(path, 'InvalidFormat', `${label} "${value}" is not ${hint}`)];
    },
  };
}

const email = (label: string) =>
  string(label, {
    rules: [
      must(
        isEmailAddressDwtAccepts,
        'InvalidFormat',
        (value: string) => `${label} "${value}" is not an email address DWT accepts (check the part after the last dot, like .co.uk or .com)`,
      ),
    ],
  });

const UK_OR_IRISH = 'a valid UK postcode (like W12 7ZL, with its space) or Irish Eircode (like D02 X285)';
const REGISTRATION_FORMATS =
  'in a recognised format: England and Wales CBDU or CBDL and at least 3 digits (CBDU123456), Scotland WCR/R/1234567, SCO/123456 or PCT-A-123, Northern Ireland ROC UT 12345';

function address(label: string): Rule {
  return object(`${label} address`, {
    fullAddress: string(`${label} full address`),
    postcode: oneOfFormats(`${label} postcode`, isUkOrIrishPostcode, UK_OR_IRISH, { presence: 'required' }),
  });
}

function weight(label: string, presence: Rule['presence']): Rule {
  return object(
    label,
    {
      metric: string(`${label} unit`, { presence: 'required', only: WEIGHT_METRICS }),
      amount: number(label, { presence: 'required', rules: [positive(label)] }),
      isEstimate: boolean(`${label} estimate`, { presence: 'required', messages: { required: `Say whether the ${label.toLowerCase()} is an estimate` } }),
    },
    { presence },
  );
}

function concentration(label: string): Rule {
  return number(label, { allow: [null], rules: [positive(label)] });
}

/** Hazardous EWC codes anywhere in the body, in order, without repeats (DWT's `hasHazardousEwcCodes`). */
export function hazardousEwcCodesIn(body: Record<string, unknown>, lookups: ReferenceLookups): string[] {
  const found = new Set<string>();
  for (const item of Array.isArray(body.wasteItems) ? body.wasteItems : []) {
    for (const code of isRecord(item) && Array.isArray(item.ewcCodes) ? item.ewcCodes : []) {
      if (typeof code === 'string' && lookups.isHazardousEwcCode(code)) found.add(code);
    }
  }
  return [...found];
}

export function hasHazardousEwcCodes(body: Record<string, unknown>, lookups: ReferenceLookups): boolean {
  return hazardousEwcCodesIn(body, lookups).length > 0;
}

export function createMovementRule(lookups: ReferenceLookups): Rule {
  const ewcCode = string('EWC code', {
    rules: [
      (value, path) => {
        const code = value as string;
        if (!EWC_CODE_PATTERN.test(code))
          return [issue(path, 'InvalidFormat', `EWC code "${code}" must be six digits with no spaces or asterisk, like 170504`)];
        if (!lookups.isKnownEwcCode(code))
          return [issue(path, 'InvalidValue', `EWC code ${code} is not in the List of Wastes; check the code on the paperwork`)];
        return [];
      },
    ],
  });

  const popComponent = object('POP component', {
    code: string('POP code', {
      presence: 'required',
      emptyNull: true,
      rules: [
        must(
          (value: string) => lookups.isPopName(value),
          'InvalidValue',
          (value: string) => `POP code "${value}" is not one of DWT's POP codes (for example PFOS, DECABDE)`,
        ),
      ],
    }),
    concentration: concentration('POP concentration (mg/kg)'),
  });

  const hazardousComponent = object('Hazardous component', {
    name: string('Hazardous component name', { presence: 'required', emptyNull: true }),
    concentration: concentration('Hazardous component concentration (mg/kg)'),
  });

  const source = (noun: string) => string(`Source of ${noun} components`, { only: SOURCES_OF_COMPONENTS });

  const pops = object(
    'POP details',
    {
      sourceOfComponents: source('POP'),
      components: array('POP components', popComponent, { emptyNull: true, rules: [componentsAllowed('pops')] }),
    },
    { emptyNull: true, rules: [detailComplete('pops')] },
  );

  const hazardous = object(
    'Hazardous details',
    {
      sourceOfComponents: source('hazardous'),
      hazCodes: array(
        'Hazardous property codes',
        string('Hazardous property code', {
          only: lookups.data.hazardousPropertyCodes.map((entry) => entry.code),
          messages: { only: 'Hazardous property code is not valid; use HP_1 to HP_15 or HP_POP' },
        }),
      ),
      components: array('Hazardous components', hazardousComponent, { emptyNull: true, rules: [componentsAllowed('hazardous')] }),
    },
    { emptyNull: true, rules: [hazCodesGiven, detailComplete('hazardous')] },
  );

  const disposalOrRecoveryCode = object('Disposal or recovery code', {
    code: string('Disposal or recovery code', {
      presence: 'required',
      only: lookups.data.disposalOrRecoveryCodes.map((entry) => entry.code),
      messages: { only: 'Disposal or recovery code is not valid; use R1 to R13 or D1 to D15' },
    }),
    weight: weight('Disposal or recovery weight', 'required'),
  });

  const wasteItem = object('Waste item', {
    ewcCodes: array('EWC codes', ewcCode, {
      presence: 'required',
      messages: { required: 'Give at least one EWC code' },
      min: [1, 'Give at least one EWC code'],
      max: [MAX_EWC_CODES_PER_ITEM, `Give no more than ${MAX_EWC_CODES_PER_ITEM} EWC codes for one waste item`],
    }),
    wasteDescription: string('Waste description', { presence: 'required' }),
    physicalForm: string('Physical form', { presence: 'required', only: PHYSICAL_FORMS }),
    numberOfContainers: number('Number of containers', { presence: 'required', rules: [integer('Number of containers'), atLeast('Number of containers', 0)] }),
    typeOfContainers: string('Container type', {
      presence: 'required',
      rules: [
        must(
          (value: string) => lookups.isContainerType(value),
          'InvalidValue',
          (value: string) => `Container type "${value}" is not one of DWT's container codes (for example SKI for skip)`,
        ),
      ],
    }),
    // Live DWT does not require the weight (the spec did).
    weight: weight('Weight', 'optional'),
    containsPops: boolean('Contains POPs', {
      presence: 'required',
      messages: { required: 'Say whether the waste contains POPs (persistent organic pollutants)' },
    }),
    pops,
    containsHazardous: boolean('Contains hazardous properties', {
      presence: 'required',
      messages: { required: 'Say whether the waste has hazardous properties' },
    }),
    hazardous,
    disposalOrRecoveryCodes: array('Disposal or recovery codes', disposalOrRecoveryCode),
  });

  const carrier = object(
    'Carrier',
    {
      registrationNumber: oneOfFormats('Carrier registration number', isValidCarrierRegistrationNumber, REGISTRATION_FORMATS, {
        presence: 'required',
        allow: [null, ''],
        messages: { required: 'Carrier registration number is required; if the carrier has none, leave it empty and give a reason' },
      }),
      reasonForNoRegistrationNumber: (parent) =>
        string('Reason for no carrier registration number', {
          only: REASONS_FOR_NO_REGISTRATION_NUMBER,
          allow: [null, ''],
          presence: parent.registrationNumber === null || parent.registrationNumber === '' ? 'required' : 'forbidden',
          messages: {
            required: 'Carrier registration number or a reason for not having one is required',
            forbidden: 'Give either a carrier registration number or a reason for not having one, not both',
          },
        }),
      organisationName: string('Carrier name', { presence: 'required' }),
      address: address('Carrier'),
      emailAddress: email('Carrier email address'),
      phoneNumber: string('Carrier phone number'),
      // Live DWT: no maximum length, any case; required for Road and only for Road.
      vehicleRegistration: (parent) =>
        parent.meansOfTransport === 'Road'
          ? string('Vehicle registration', { presence: 'required', messages: { required: 'Vehicle registration is required when the waste arrives by road' } })
          : any('Vehicle registration', {
              presence: 'forbidden',
              messages: { forbidden: 'Vehicle registration must be left out unless the waste arrives by road' },
            }),
      meansOfTransport: string('Means of transport', { presence: 'required', only: MEANS_OF_TRANSPORT }),
      otherMeansOfTransport: string('Other means of transport'),
    },
    { presence: 'required', messages: { required: 'Carrier details are required' } },
  );

  const brokerOrDealer = object('Broker or dealer', {
    organisationName: string('Broker or dealer name', { presence: 'required' }),
    address: address('Broker or dealer'),
    registrationNumber: oneOfFormats('Broker or dealer registration number', isValidCarrierRegistrationNumber, REGISTRATION_FORMATS),
    phoneNumber: string('Broker or dealer phone number'),
    emailAddress: email('Broker or dealer email address'),
  });

  const receiver = object(
    'Receiver',
    {
      siteName: string('Site name', { presence: 'required' }),
      emailAddress: email('Receiver email address'),
      phoneNumber: string('Receiver phone number'),
      authorisationNumber: string('Site authorisation number', {
        presence: 'required',
        rules: [
          must(
            isValidAuthorisationNumber,
            'InvalidFormat',
            (value: string) =>
              `Site authorisation number "${value}" must be in a valid UK format, such as EPR/AB1234CD, AB1234CD/D1234, EAWML123456, PPC/A/1234567, WML/L/1234567 or P1234/56A`,
          ),
        ],
      }),
      regulatoryPositionStatements: array(
        'Regulatory position statements',
        number('Regulatory position statement number', {
          rules: [integer('Regulatory position statement number'), positive('Regulatory position statement number')],
        }),
      ),
    },
    { presence: 'required', messages: { required: 'Receiver details are required' } },
  );

  const receipt = object(
    'Receipt',
    {
      address: object(
        'Receiving site address',
        {
          fullAddress: string('Receiving site full address', { presence: 'required' }),
          postcode: string('Receiving site postcode', {
            presence: 'required',
            rules: [
              must(
                isUkPostcode,
                'InvalidFormat',
                (value: string) => `Receiving site postcode "${value}" is not a valid UK postcode (like W12 7ZL, with its space)`,
              ),
            ],
          }),
        },
        { presence: 'required', messages: { required: 'The address where the waste was received is required' } },
      ),
    },
    { presence: 'required', messages: { required: 'The address where the waste was received is required' } },
  );

  const otherReference = object('Other reference', {
    label: string('Reference label', { presence: 'required' }),
    reference: string('Reference', { presence: 'required' }),
  });

  // Consignment code: any JSON value; a truthy one must match a format. An explicit null for hazardous
  // waste with no reason is refused here; a missing one is left to the whole-body rule below.
  const consignmentCode = any('Hazardous waste consignment code', {
    rules: [
      (value, path, ancestors) => {
        const body = ancestors[0];
        if (value === null && isRecord(body) && !body.reasonForNoConsignmentCode && hasHazardousEwcCodes(body, lookups)) {
          return [
            issue(path, 'BusinessRuleViolation', 'Hazardous waste consignment code is required for hazardous waste, or give a reason for not having one'),
          ];
        }
        if (value && !isValidConsignmentCode(String(value))) {
          return [
            issue(
              path,
              'InvalidFormat',
              `Hazardous waste consignment code "${String(value)}" must be in the format CJTILE/A0001 or CJTILE/A0001B (England and Wales), SA1234567 (Scotland) or DA1234567 (Northern Ireland)`,
            ),
          ];
        }
        return [];
      },
    ],
  });

  // apiCode or submittingOrganisation, exactly one (Joi `xor`); reported against the whole body.
  const exactlyOneSubmitter: Check = (value) => {
    const body = value as Record<string, unknown>;
    const given = ['apiCode', 'submittingOrganisation'].filter((key) => body[key] !== undefined);
    if (given.length === 1) return [];
    return given.length === 0
      ? [{ key: BODY_KEY, errorType: 'NotProvided', message: 'API code is required: set it for this site under Sites' }]
      : [{ key: BODY_KEY, errorType: 'UnexpectedError', message: 'Give the API code or the submitting organisation, not both' }];
  };

  // Hazardous waste with no consignment code needs a reason from DWT's list. Runs only on an
  // otherwise valid body, as in DWT.
  const consignmentOrReason: Check = (value) => {
    const body = value as Record<string, unknown>;
    const codes = hazardousEwcCodesIn(body, lookups);
    if (codes.length === 0 || body.hazardousWasteConsignmentCode) return [];
    const reason = body.reasonForNoConsignmentCode;
    if (!reason) {
      const because = `because EWC code ${codes.join(', ')} ${codes.length === 1 ? 'is' : 'are'} hazardous`;
      return [
        issue(
          ['reasonForNoConsignmentCode'],
          'BusinessRuleViolation',
          `Hazardous waste consignment code or a reason for not having one is required, ${because}`,
        ),
      ];
    }
    if (!(REASONS_FOR_NO_CONSIGNMENT_CODE as readonly unknown[]).includes(reason)) {
      return [
        issue(['reasonForNoConsignmentCode'], 'InvalidValue', `Reason for no consignment code must be one of ${REASONS_FOR_NO_CONSIGNMENT_CODE.join(', ')}`),
      ];
    }
    return [];
  };

  const body = object(
    'The movement',
    {
      apiCode: string('API code', {
        rules: [must(isApiCode, 'InvalidFormat', (value: string) => `API code "${value}" must be a UUID, like 1f83215e-4b90-4785-9ab2-2614839aa2e9`)],
      }),
      submittingOrganisation: object('Submitting organisation', {
        defraCustomerOrganisationId: string('Defra customer organisation id', { presence: 'required' }),
      }),
      dateTimeReceived: {
        label: 'Date and time received',
        presence: 'required',
        type: (value, path) => {
          if (typeof value !== 'string' && typeof value !== 'number') return [issue(path, 'InvalidType', 'Date and time received must be a date and time')];
          if (isIsoDateDwtAccepts(value)) return [];
          return typeof value === 'string'
            ? [issue(path, 'InvalidFormat', `Date and time received "${value}" must be an ISO date and time, like 2025-09-15T12:12:28Z`)]
            : [issue(path, 'InvalidType', 'Date and time received must be a date and time')];
        },
      },
      hazardousWasteConsignmentCode: consignmentCode,
      reasonForNoConsignmentCode: string('Reason for no consignment code', { allow: [null, ''] }),
      yourUniqueReference: string('Your reference'),
      otherReferencesForMovement: array('Other references', otherReference),
      specialHandlingRequirements: string('Special handling requirements', {
        rules: [
          must(
            (value: string) => value.length <= SPECIAL_HANDLING_MAX_LENGTH,
            'OutOfRange',
            () => `Special handling requirements must be ${SPECIAL_HANDLING_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
          ),
        ],
      }),
      wasteItems: array('Waste items', wasteItem, {
        presence: 'required',
        messages: { required: 'Add at least one waste item' },
        min: [1, 'Add at least one waste item'],
      }),
      carrier,
      brokerOrDealer,
      receiver,
      receipt,
    },
    { dependencies: exactlyOneSubmitter, rules: [consignmentOrReason] },
  );
  return body;
}

/** DWT's errors for a body (empty when DWT would accept it). Keys are DWT's dotted paths. */
export function movementErrors(rule: Rule, body: unknown): Issue[] {
  return check({ ...rule, presence: 'required' }, body, [], []).map((error) => (error.key === '' ? { ...error, key: BODY_KEY } : error));
}
