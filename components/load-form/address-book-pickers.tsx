'use client';
// The load form's address-book parts: find a carrier or broker by name, registration or vehicle, and a
// known vehicle registration fills in its carrier. They search as the clerk types (TanStack Query, in
// ../party-picker.tsx), so load-form-with-address-book.tsx loads this file, and the library with it, once
// the form is on screen rather than with the page.
import { useEffect, useRef, useState } from 'react';
import { PartyPicker, useCarrierByVehicle } from '@/components/party-picker';
import type { PartyEntry } from '@/lib/address-book/schema';
import type { PartyApi } from './load-form';

function carrierFields(e: PartyEntry, vehicle?: string) {
  return {
    addressBookId: e.id,
    saveToAddressBook: false,
    organisationName: e.organisationName,
    registrationNumber: e.registrationNumber ?? '',
    reasonForNoRegistrationNumber: e.registrationNumber ? ('' as const) : (e.reasonForNoRegistrationNumber ?? ('' as const)),
    address: { fullAddress: e.fullAddress ?? '', postcode: e.postcode ?? '' },
    emailAddress: e.emailAddress ?? '',
    phoneNumber: e.phoneNumber ?? '',
    ...(e.meansOfTransport ? { meansOfTransport: e.meansOfTransport } : {}),
    ...(vehicle ? { vehicleRegistration: vehicle } : {}),
  };
}

function brokerFields(e: PartyEntry) {
  return {
    addressBookId: e.id,
    saveToAddressBook: false,
    organisationName: e.organisationName,
    registrationNumber: e.registrationNumber ?? '',
    address: { fullAddress: e.fullAddress ?? '', postcode: e.postcode ?? '' },
    emailAddress: e.emailAddress ?? '',
    phoneNumber: e.phoneNumber ?? '',
  };
}

/** Typing a known vehicle's registration fills in its carrier (when no carrier is filled in yet). */
export function VehicleCarrierLookup({ api }: { api: PartyApi }) {
  const { carrier } = useCarrierByVehicle(api.siteId, api.vehicleRegistration);
  const [filled, setFilled] = useState<string | null>(null);
  const apiRef = useRef(api);
  apiRef.current = api;
  useEffect(() => {
    if (carrier && apiRef.current.carrierName.trim() === '') {
      apiRef.current.fillCarrier(carrierFields(carrier));
      setFilled(carrier.organisationName);
    }
  }, [carrier]);
  return (
    <p role="status" className="-mt-3 mb-4 text-sm font-semibold">
      {filled ? `Carrier filled in from the address book: ${filled}` : ''}
    </p>
  );
}

export function CarrierPicker({ api }: { api: PartyApi }) {
  return (
    <PartyPicker
      id="carrier-picker"
      label="Find the carrier in the address book"
      hint="Type their name, registration number or a vehicle registration."
      siteId={api.siteId}
      kind="CARRIER"
      onPick={(entry) => api.fillCarrier(carrierFields(entry, entry.matchedVehicle))}
      onNew={(typed) => api.fillCarrier({ addressBookId: '', organisationName: typed })}
    />
  );
}

export function BrokerPicker({ api }: { api: PartyApi }) {
  return (
    <PartyPicker
      id="broker-picker"
      label="Find the broker or dealer in the address book"
      siteId={api.siteId}
      kind="BROKER_DEALER"
      onPick={(entry) => api.fillBroker(brokerFields(entry))}
      onNew={(typed) => api.fillBroker({ addressBookId: '', organisationName: typed })}
    />
  );
}
