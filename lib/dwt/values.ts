// DWT's value lists: exact, case-sensitive, as the live validation (DEFRA/waste-movement-utils
// src/constants) accepts them. Pure data, safe for the browser.

export const MEANS_OF_TRANSPORT = ['Road', 'Rail', 'Air', 'Sea', 'Inland Waterway', 'Piped', 'Other'] as const;
export type MeansOfTransport = (typeof MEANS_OF_TRANSPORT)[number];

export const PHYSICAL_FORMS = ['Gas', 'Liquid', 'Solid', 'Powder', 'Sludge', 'Mixed'] as const;
export type PhysicalForm = (typeof PHYSICAL_FORMS)[number];

export const WEIGHT_METRICS = ['Grams', 'Kilograms', 'Tonnes'] as const;
export type WeightMetric = (typeof WEIGHT_METRICS)[number];

export const SOURCES_OF_COMPONENTS = ['NOT_PROVIDED', 'PROVIDED_WITH_WASTE', 'GUIDANCE', 'OWN_TESTING'] as const;
export type SourceOfComponents = (typeof SOURCES_OF_COMPONENTS)[number];

/** Sources for which the components must be listed (the receiver worked them out itself). */
export const SOURCES_REQUIRING_COMPONENTS: readonly SourceOfComponents[] = ['GUIDANCE', 'OWN_TESTING'];

// The spec's `enum` lists the display texts, but its description, table, example and the README all
// say the codes are sent; the live service takes the codes.
export const REASONS_FOR_NO_CONSIGNMENT_CODE = ['NON_HAZ_WASTE_TRANSFER', 'NO_DOC_WITH_WASTE', 'HWRC_RECEIPT'] as const;
export type ReasonForNoConsignmentCode = (typeof REASONS_FOR_NO_CONSIGNMENT_CODE)[number];

export const REASONS_FOR_NO_REGISTRATION_NUMBER = ['ON_SITE', 'HOUSEHOLD', 'ONE_OFF', 'MARINE'] as const;
export type ReasonForNoRegistrationNumber = (typeof REASONS_FOR_NO_REGISTRATION_NUMBER)[number];
