// DWT production approval scenarios (README "Production approval scenarios"): one test-environment
// submission each before production credentials are issued. Each builds a realistic load that is
// valid against the spec except for the one fault a rejection scenario is about.
// Over 400 lines because it is data: fourteen complete movement bodies, each read beside DWT's own
// content check for it (approval-checks.ts); splitting them would only scatter the scenarios.
//
// These only ever go to the TEST environment, which must never receive personal data: no people's
// names, emails or phone numbers (all optional, so left out), businesses are fictitious "Test …"
// companies and vehicle registrations are placeholders.

import type { ReceiveMovement, WasteItem } from './schema';

export const APPROVAL_SCENARIO_IDS = ['R01', 'R02', 'R03', 'R04', 'R05', 'R07', 'C01', 'C02', 'B01', 'P01', 'H01', 'H02', 'H03', 'X01'] as const;
export type ApprovalScenarioId = (typeof APPROVAL_SCENARIO_IDS)[number];

export type ApprovalOutcome = 'created' | 'created-with-warning' | 'rejected';

export interface ApprovalScenarioContext {
  /** The dummy test-environment apiCode of the operator the submission is made for. */
  apiCode: string;
  /** Clock for dateTimeReceived and the reference; pass a fixed date for repeatable bodies. */
  now: Date;
}

export interface ApprovalScenario {
  id: ApprovalScenarioId;
  title: string;
  description: string;
  expectedOutcome: ApprovalOutcome;
  /** For 'rejected': exactly the keys DWT should report (dotted paths). Empty otherwise. */
  expectedErrorKeys: readonly string[];
  /** For 'created-with-warning': the warning keys DWT should report. Empty otherwise. */
  expectedWarningKeys: readonly string[];
  build(ctx: ApprovalScenarioContext): ReceiveMovement;
}

// ---------------------------------------------------------------------------------------------
// Shared parts of every load: our receiving site, a registered road haulier.
// ---------------------------------------------------------------------------------------------

/** Received half an hour before `now`: clearly in the past, well inside the reporting window. */
function receivedAt(now: Date): string {
  return new Date(now.getTime() - 30 * 60 * 1000).toISOString();
}

/** A weighbridge-ticket style reference that says which scenario and run it came from. */
function ticket(id: ApprovalScenarioId, now: Date): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 12);
  return `WB-${id}-${stamp}`;
}

const receiver = (): ReceiveMovement['receiver'] => ({
  siteName: 'Test Recycling Transfer Station',
  authorisationNumber: 'EPR/AB1234CD',
});

const receipt = (): ReceiveMovement['receipt'] => ({
  address: {
    fullAddress: 'Unit 4, Test Industrial Estate, Leeds',
    postcode: 'LS10 1AB',
  },
});

const roadCarrier = (): ReceiveMovement['carrier'] => ({
  registrationNumber: 'CBDU123456',
  organisationName: 'Test Haulage Ltd',
  address: { fullAddress: '1 Test Road, Bradford', postcode: 'BD1 1AA' },
  meansOfTransport: 'Road',
  vehicleRegistration: 'TEST 001',
});

function movement(id: ApprovalScenarioId, ctx: ApprovalScenarioContext, wasteItems: WasteItem[], overrides: Partial<ReceiveMovement> = {}): ReceiveMovement {
  return {
    apiCode: ctx.apiCode,
    dateTimeReceived: receivedAt(ctx.now),
    yourUniqueReference: ticket(id, ctx.now),
    wasteItems,
    carrier: roadCarrier(),
    receiver: receiver(),
    receipt: receipt(),
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Waste items
// ---------------------------------------------------------------------------------------------

const mixedConstructionWaste = (): WasteItem => ({
  ewcCodes: ['170904'],
  wasteDescription: 'Mixed construction and demolition waste: brick, concrete, timber, plasterboard offcuts and some metal',
  physicalForm: 'Mixed',
  numberOfContainers: 1,
  typeOfContainers: 'SKI',
  weight: { metric: 'Tonnes', amount: 6.42, isEstimate: false },
  containsPops: false,
  containsHazardous: false,
  disposalOrRecoveryCodes: [{ code: 'R5', weight: { metric: 'Tonnes', amount: 6.42, isEstimate: false } }],
});

const cardboardBales = (): WasteItem => ({
  ewcCodes: ['150101'],
  wasteDescription: 'Baled cardboard packaging from retail back-of-store, dry and uncontaminated',
  physicalForm: 'Solid',
  numberOfContainers: 12,
  typeOfContainers: 'BAL',
  weight: { metric: 'Tonnes', amount: 3.6, isEstimate: false },
  containsPops: false,
  containsHazardous: false,
  disposalOrRecoveryCodes: [{ code: 'R3', weight: { metric: 'Tonnes', amount: 3.6, isEstimate: false } }],
});

const plasticFilm = (): WasteItem => ({
  ewcCodes: ['150102'],
  wasteDescription: 'Clear and coloured LDPE stretch film and shrink wrap, baled',
  physicalForm: 'Solid',
  numberOfContainers: 4,
  typeOfContainers: 'BAL',
  weight: { metric: 'Kilograms', amount: 980, isEstimate: true },
  containsPops: false,
  containsHazardous: false,
  disposalOrRecoveryCodes: [{ code: 'R3', weight: { metric: 'Kilograms', amount: 980, isEstimate: true } }],
});

const greenWaste = (): WasteItem => ({
  ewcCodes: ['200201'],
  wasteDescription: 'Garden green waste: grass cuttings, hedge trimmings and small branches, no soil',
  physicalForm: 'Solid',
  numberOfContainers: 0,
  typeOfContainers: 'LOO',
  weight: { metric: 'Kilograms', amount: 740, isEstimate: false },
  containsPops: false,
  containsHazardous: false,
  disposalOrRecoveryCodes: [{ code: 'R3', weight: { metric: 'Kilograms', amount: 740, isEstimate: false } }],
});

// ---------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------

const created = { expectedOutcome: 'created', expectedErrorKeys: [], expectedWarningKeys: [] } as const;

export const approvalScenarios: readonly ApprovalScenario[] = [
  {
    id: 'R01',
    title: 'Single waste item',
    description: 'One skip of mixed construction and demolition waste, weighed in and sent for recycling (R5).',
    ...created,
    build: (ctx) => movement('R01', ctx, [mixedConstructionWaste()]),
  },
  {
    id: 'R02',
    title: 'Several waste items',
    description: 'A mixed load of baled cardboard and baled plastic film, each reported as its own waste item.',
    ...created,
    build: (ctx) => movement('R02', ctx, [cardboardBales(), plasticFilm()]),
  },
  {
    id: 'R03',
    title: 'Transport by road',
    description: 'A roll-on roll-off container of soil and stones brought by lorry: means of transport Road with the vehicle registration.',
    ...created,
    build: (ctx) =>
      movement(
        'R03',
        ctx,
        [
          {
            ewcCodes: ['170504'],
            wasteDescription: 'Excavated clay soil and stones from a housing site, no visible contamination',
            physicalForm: 'Solid',
            numberOfContainers: 1,
            typeOfContainers: 'ROR',
            weight: { metric: 'Tonnes', amount: 18.2, isEstimate: false },
            containsPops: false,
            containsHazardous: false,
            disposalOrRecoveryCodes: [{ code: 'R5', weight: { metric: 'Tonnes', amount: 18.2, isEstimate: false } }],
          },
        ],
        {
          carrier: { ...roadCarrier(), meansOfTransport: 'Road', vehicleRegistration: 'TEST 003' },
          otherReferencesForMovement: [{ label: 'Waste transfer note', reference: 'WTN-TEST-0003' }],
        },
      ),
  },
  {
    id: 'R04',
    title: 'No disposal or recovery codes',
    description:
      'A skip of mixed construction waste held for sorting, its treatment not yet decided: no disposal or recovery codes, so DWT stores it with a warning.',
    expectedOutcome: 'created-with-warning',
    expectedErrorKeys: [],
    expectedWarningKeys: ['wasteItems.0.disposalOrRecoveryCodes'],
    build: (ctx) => {
      const { disposalOrRecoveryCodes: _none, ...item } = mixedConstructionWaste();
      return movement('R04', ctx, [{ ...item, wasteDescription: 'Mixed construction and demolition waste awaiting sorting; treatment route not yet decided' }]);
    },
  },
  {
    id: 'R05',
    title: 'Several disposal or recovery codes',
    description:
      'Mixed construction waste sorted on site: hardcore crushed for aggregate (R5), timber recycled (R3), metals recycled (R4) and the residue landfilled (D1).',
    ...created,
    build: (ctx) =>
      movement('R05', ctx, [
        {
          ...mixedConstructionWaste(),
          weight: { metric: 'Tonnes', amount: 9.5, isEstimate: false },
          disposalOrRecoveryCodes: [
            { code: 'R5', weight: { metric: 'Tonnes', amount: 6.1, isEstimate: true } },
            { code: 'R3', weight: { metric: 'Tonnes', amount: 1.8, isEstimate: true } },
            { code: 'R4', weight: { metric: 'Tonnes', amount: 0.6, isEstimate: true } },
            { code: 'D1', weight: { metric: 'Tonnes', amount: 1.0, isEstimate: true } },
          ],
        },
      ]),
  },
  {
    id: 'R07',
    title: 'Two EWC codes on one waste item',
    description:
      'Co-mingled dry recyclable packaging (paper and card with plastic) collected together as one item, described by two EWC codes (DEFRA: "mirror / dual EWC codes").',
    ...created,
    // DWT's check has asked for exactly two codes and, later, at least two: two passes both.
    build: (ctx) =>
      movement('R07', ctx, [
        {
          ewcCodes: ['150101', '150102'],
          wasteDescription: 'Co-mingled dry recyclable packaging: paper and cardboard with plastic bottles, trays and film',
          physicalForm: 'Solid',
          numberOfContainers: 1,
          typeOfContainers: 'ROR',
          weight: { metric: 'Tonnes', amount: 4.75, isEstimate: false },
          containsPops: false,
          containsHazardous: false,
          disposalOrRecoveryCodes: [{ code: 'R3', weight: { metric: 'Tonnes', amount: 4.75, isEstimate: false } }],
        },
      ]),
  },
  {
    id: 'C01',
    title: 'No carrier registration number and no reason',
    description: 'The carrier registration number is empty and no reason is given: DWT must reject it.',
    expectedOutcome: 'rejected',
    expectedErrorKeys: ['carrier.reasonForNoRegistrationNumber'],
    expectedWarningKeys: [],
    build: (ctx) =>
      movement('C01', ctx, [greenWaste()], {
        carrier: {
          registrationNumber: null,
          organisationName: 'Test Landscaping Ltd',
          meansOfTransport: 'Road',
          vehicleRegistration: 'TEST 101',
        },
      }),
  },
  {
    id: 'C02',
    title: 'No carrier registration number, with a reason',
    description: 'A landscaping firm bringing one van load of green waste, which it does not normally carry: no registration number, reason ONE_OFF.',
    ...created,
    build: (ctx) =>
      movement('C02', ctx, [greenWaste()], {
        carrier: {
          registrationNumber: null,
          reasonForNoRegistrationNumber: 'ONE_OFF',
          organisationName: 'Test Landscaping Ltd',
          meansOfTransport: 'Road',
          vehicleRegistration: 'TEST 102',
        },
      }),
  },
  {
    id: 'B01',
    title: 'With a broker or dealer',
    description: 'Baled cardboard whose transfer was arranged by a registered waste broker.',
    ...created,
    build: (ctx) =>
      movement('B01', ctx, [cardboardBales()], {
        brokerOrDealer: {
          organisationName: 'Test Waste Brokers Ltd',
          registrationNumber: 'CBDU654321',
          address: { fullAddress: '2 Test Street, Manchester', postcode: 'M1 1AE' },
        },
      }),
  },
  {
    id: 'P01',
    title: 'Several POP components',
    description:
      'Waste upholstered domestic seating (sofas, armchairs), treated as containing brominated flame retardants per Environment Agency guidance, sent for high-temperature incineration with energy recovery.',
    ...created,
    build: (ctx) =>
      movement('P01', ctx, [
        {
          ewcCodes: ['200307'],
          wasteDescription: 'Waste upholstered domestic seating: sofas, armchairs and sofa beds, kept separate from other bulky waste',
          physicalForm: 'Solid',
          numberOfContainers: 1,
          typeOfContainers: 'ROR',
          weight: { metric: 'Tonnes', amount: 2.3, isEstimate: false },
          containsPops: true,
          pops: {
            sourceOfComponents: 'GUIDANCE',
            components: [
              { code: 'DECABDE', concentration: 950 },
              { code: 'PENTABDE', concentration: 120 },
              { code: 'HBCD', concentration: 60 },
            ],
          },
          containsHazardous: false,
          disposalOrRecoveryCodes: [{ code: 'R1', weight: { metric: 'Tonnes', amount: 2.3, isEstimate: false } }],
        },
      ]),
  },
  {
    id: 'H01',
    title: 'Several hazardous components',
    description:
      'Contaminated made ground from a former garage site, tested by us: lead and hydrocarbons above hazardous thresholds, with its consignment note code.',
    ...created,
    build: (ctx) =>
      movement(
        'H01',
        ctx,
        [
          {
            ewcCodes: ['170503'],
            wasteDescription: 'Made ground: soil and stones with ash, brick and hydrocarbon staining from a former vehicle repair site',
            physicalForm: 'Solid',
            numberOfContainers: 1,
            typeOfContainers: 'ROR',
            weight: { metric: 'Tonnes', amount: 14.6, isEstimate: false },
            containsPops: false,
            containsHazardous: true,
            hazardous: {
              sourceOfComponents: 'OWN_TESTING',
              hazCodes: ['HP_7', 'HP_14'],
              components: [
                { name: 'Lead', concentration: 3200 },
                { name: 'Total petroleum hydrocarbons', concentration: 1800 },
                { name: 'Benzo[a]pyrene', concentration: 110 },
              ],
            },
            disposalOrRecoveryCodes: [{ code: 'D9', weight: { metric: 'Tonnes', amount: 14.6, isEstimate: false } }],
          },
        ],
        {
          hazardousWasteConsignmentCode: 'TESTCO/H0001',
          specialHandlingRequirements: 'Sheeted load. Tip in the hazardous bay only; dust suppression on while tipping.',
        },
      ),
  },
  {
    id: 'H02',
    title: 'Hazardous, no consignment code and no reason',
    description: 'Used lead-acid vehicle batteries (hazardous EWC 16 06 01*) with neither a consignment note code nor a reason: DWT must reject it.',
    expectedOutcome: 'rejected',
    expectedErrorKeys: ['reasonForNoConsignmentCode'],
    expectedWarningKeys: [],
    build: (ctx) => movement('H02', ctx, [leadAcidBatteries()]),
  },
  {
    id: 'H03',
    title: 'Hazardous, no consignment code, with a reason',
    description: 'Used lead-acid vehicle batteries that arrived without a consignment note: no code, reason NO_DOC_WITH_WASTE.',
    ...created,
    build: (ctx) => movement('H03', ctx, [leadAcidBatteries()], { reasonForNoConsignmentCode: 'NO_DOC_WITH_WASTE' }),
  },
  {
    id: 'X01',
    title: 'Hazardous and POPs together',
    description:
      'Small mixed WEEE with cathode ray tubes and brominated-flame-retardant plastic casings: hazardous properties and POPs on one item, with its consignment note code.',
    ...created,
    build: (ctx) =>
      movement(
        'X01',
        ctx,
        [
          {
            ewcCodes: ['200135'],
            wasteDescription: 'Discarded televisions and monitors with cathode ray tubes, and small electrical items with plastic casings',
            physicalForm: 'Solid',
            numberOfContainers: 6,
            typeOfContainers: 'CAR',
            weight: { metric: 'Kilograms', amount: 2150, isEstimate: false },
            containsPops: true,
            pops: {
              sourceOfComponents: 'PROVIDED_WITH_WASTE',
              components: [
                { code: 'DECABDE', concentration: 1500 },
                { code: 'PBDES', concentration: 400 },
              ],
            },
            containsHazardous: true,
            hazardous: {
              sourceOfComponents: 'PROVIDED_WITH_WASTE',
              hazCodes: ['HP_7', 'HP_10', 'HP_14'],
              components: [
                { name: 'Lead (CRT cone glass)', concentration: 220000 },
                { name: 'Barium', concentration: 90000 },
              ],
            },
            disposalOrRecoveryCodes: [{ code: 'R4', weight: { metric: 'Kilograms', amount: 2150, isEstimate: true } }],
          },
        ],
        { hazardousWasteConsignmentCode: 'TESTCO/X0001' },
      ),
  },
];

function leadAcidBatteries(): WasteItem {
  return {
    ewcCodes: ['160601'],
    wasteDescription: 'Used lead-acid vehicle starter batteries, intact and upright on a pallet',
    physicalForm: 'Solid',
    numberOfContainers: 2,
    typeOfContainers: 'PAL',
    weight: { metric: 'Kilograms', amount: 860, isEstimate: false },
    containsPops: false,
    containsHazardous: true,
    hazardous: {
      sourceOfComponents: 'PROVIDED_WITH_WASTE',
      hazCodes: ['HP_6', 'HP_8', 'HP_10'],
      components: [
        { name: 'Lead', concentration: 600000 },
        { name: 'Sulphuric acid', concentration: 150000 },
      ],
    },
    disposalOrRecoveryCodes: [{ code: 'R4', weight: { metric: 'Kilograms', amount: 860, isEstimate: false } }],
  };
}

const byId = new Map(approvalScenarios.map((scenario) => [scenario.id, scenario]));

export function approvalScenario(id: ApprovalScenarioId): ApprovalScenario {
  const scenario = byId.get(id);
  if (!scenario) throw new Error(`Unknown approval scenario ${id}`);
  return scenario;
}
