// The carrier and broker/dealer of a load, as address-book entries (for "save to the address book").
import type { SavePartyInput } from '@/lib/address-book/schema';
import { orUndefined, type LoadFormValues } from './schema';

/** New parties the clerk asked to keep: only those not already picked from the address book. */
export function partiesToSave(form: LoadFormValues, siteId: string): SavePartyInput[] {
  const out: SavePartyInput[] = [];
  const c = form.carrier;
  if (c.saveToAddressBook && !c.addressBookId && c.organisationName.trim()) {
    out.push({
      siteId,
      kind: 'CARRIER',
      organisationName: c.organisationName,
      registrationNumber: orUndefined(c.registrationNumber),
      reasonForNoRegistrationNumber: c.registrationNumber.trim() ? undefined : c.reasonForNoRegistrationNumber || undefined,
      fullAddress: orUndefined(c.address.fullAddress),
      postcode: orUndefined(c.address.postcode),
      emailAddress: orUndefined(c.emailAddress),
      phoneNumber: orUndefined(c.phoneNumber),
      meansOfTransport: c.meansOfTransport || undefined,
      vehicleRegistrations: c.meansOfTransport === 'Road' && c.vehicleRegistration.trim() ? [c.vehicleRegistration] : [],
    } as SavePartyInput);
  }
  const b = form.brokerOrDealer;
  if (form.hasBrokerOrDealer && b.saveToAddressBook && !b.addressBookId && b.organisationName.trim()) {
    out.push({
      siteId,
      kind: 'BROKER_DEALER',
      organisationName: b.organisationName,
      registrationNumber: orUndefined(b.registrationNumber),
      fullAddress: orUndefined(b.address.fullAddress),
      postcode: orUndefined(b.address.postcode),
      emailAddress: orUndefined(b.emailAddress),
      phoneNumber: orUndefined(b.phoneNumber),
    } as SavePartyInput);
  }
  return out;
}
