// Clerk-facing wording for DWT's value lists (pick lists, the load record, exports).

import type { MeansOfTransport, ReasonForNoConsignmentCode, ReasonForNoRegistrationNumber, SourceOfComponents } from './values';

/** Labels for pick lists (wording from the spec). */
export const MEANS_OF_TRANSPORT_LABELS: Readonly<Record<MeansOfTransport, string>> = {
  Road: 'Road',
  Rail: 'Rail',
  Air: 'Air',
  Sea: 'Sea',
  'Inland Waterway': 'Inland waterway',
  Piped: 'Piped',
  Other: 'Other',
};

export const REASON_FOR_NO_CONSIGNMENT_CODE_LABELS: Readonly<Record<ReasonForNoConsignmentCode, string>> = {
  NON_HAZ_WASTE_TRANSFER: 'Non-hazardous waste transfer',
  NO_DOC_WITH_WASTE: 'No documentation provided with the waste',
  HWRC_RECEIPT: 'Household waste recycling centre receipt',
};

export const REASON_FOR_NO_REGISTRATION_NUMBER_LABELS: Readonly<Record<ReasonForNoRegistrationNumber, string>> = {
  ON_SITE: 'Movement within the same premises',
  HOUSEHOLD: 'Householder transporting their own waste',
  ONE_OFF: 'One-off or infrequent waste transport',
  MARINE: 'Marine transport covered by a marine licence or exemption',
};

export const SOURCE_OF_COMPONENTS_LABELS: Readonly<Record<SourceOfComponents, string>> = {
  NOT_PROVIDED: 'Not provided by the carrier',
  PROVIDED_WITH_WASTE: 'Provided with the waste',
  GUIDANCE: 'Determined from guidance',
  OWN_TESTING: 'Determined from our own testing',
};
