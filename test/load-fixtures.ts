// A complete load form, as a clerk would type it: used by the delivery fault tests and the delivery
// benchmark (pure, no test-runner imports).
import { emptyLoadForm, type LoadFormValues } from '@/lib/loads/schema';
import { instantToUkLocal } from '@/lib/time/uk-time';

/** Received an hour ago (never "in the future"), weighed at the weighbridge, with a recovery code. */
export function loadForm(): LoadFormValues {
  const f = emptyLoadForm({ dateTimeReceived: instantToUkLocal(new Date(Date.now() - 60 * 60_000)), yourUniqueReference: '' });
  f.carrier = { ...f.carrier, organisationName: 'Acme Haulage Ltd', registrationNumber: 'CBDU123456', vehicleRegistration: 'AB12 CDE' };
  f.wasteItems[0] = {
    ...f.wasteItems[0]!,
    ewcCodes: ['170504'],
    wasteDescription: 'Soil and stones',
    physicalForm: 'Solid',
    numberOfContainers: '1',
    typeOfContainers: 'SKI',
    weightMode: 'weighbridge',
    weighbridge: { gross: '18.4', tare: '10.2' },
    disposalOrRecoveryCodes: [{ code: 'R5', weight: { metric: 'Tonnes', amount: '8.2', isEstimate: false } }],
  };
  return f;
}

/** The receiver details a site needs before its loads can go to DWT. */
export const RECEIVING_SITE = { authorisationNumber: 'EPR/AB1234CD', fullAddress: '1 Test Way, Leeds', postcode: 'LS1 1AA' } as const;
