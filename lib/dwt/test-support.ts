// Shared by the DWT tests: a valid movement full of personal data, and a logger that keeps quiet.
import type { Logger } from '@/lib/logger';
import { SANDBOX_API_CODES } from './sandbox/defaults';
import type { ReceiveMovement } from './schema';

/** Valid against the bundled reference data; every personal field is filled in. */
export function sampleMovement(overrides: Partial<ReceiveMovement> = {}): ReceiveMovement {
  return {
    apiCode: SANDBOX_API_CODES[0]!,
    dateTimeReceived: '2026-11-20T09:15:00Z',
    yourUniqueReference: 'WB-000123',
    specialHandlingRequirements: 'Ring the driver on +44 7700 900789 before tipping',
    wasteItems: [
      {
        ewcCodes: ['170504'],
        wasteDescription: 'Soil and stones; questions to dave@example.org or 07700 900123',
        physicalForm: 'Solid',
        numberOfContainers: 1,
        typeOfContainers: 'SKI',
        weight: { metric: 'Tonnes', amount: 7.5, isEstimate: false },
        containsPops: false,
        containsHazardous: false,
        disposalOrRecoveryCodes: [{ code: 'R5', weight: { metric: 'Tonnes', amount: 7.5, isEstimate: false } }],
      },
    ],
    carrier: {
      registrationNumber: 'CBDU123456',
      organisationName: 'Jane Smith Haulage',
      address: { fullAddress: '2 Home Lane, Leeds', postcode: 'LS1 4AB' },
      emailAddress: 'jane@smith-haulage.co.uk',
      phoneNumber: '07700 900456',
      meansOfTransport: 'Road',
      vehicleRegistration: 'YX19 ABC',
    },
    brokerOrDealer: {
      organisationName: 'John Broker',
      address: { fullAddress: '5 Main Street, Dublin', postcode: 'D02 AF30' },
      emailAddress: 'john@broker.ie',
      phoneNumber: '+353 1 234 5678',
    },
    receiver: {
      siteName: 'Oak Lane Transfer Station',
      authorisationNumber: 'EPR/AB1234CD',
      emailAddress: 'site.manager@oaklane.co.uk',
      phoneNumber: '0113 496 0000',
    },
    receipt: { address: { fullAddress: 'Oak Lane, Leeds', postcode: 'LS2 7AA' } },
    ...overrides,
  };
}

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
