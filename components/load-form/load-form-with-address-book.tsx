'use client';
// The load form with the site's address book plugged in: find a carrier or broker by name,
// registration or vehicle, and a known vehicle registration fills in its carrier.
import { useEffect, useRef, useState } from 'react';
import { PartyPicker, useCarrierByVehicle } from '@/components/party-picker';
import type { PartyEntry } from '@/lib/address-book/schema';
import { LoadForm, type LoadFormProps, type PartyApi } from './load-form';

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
function VehicleCarrierLookup({ api }: { api: PartyApi }) {
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

export function LoadFormWithAddressBook(props: Omit<LoadFormProps, 'renderCarrierPicker' | 'renderVehicleLookup' | 'renderBrokerPicker'>) {
  return (
    <LoadForm
      {...props}
      renderVehicleLookup={(api) => <VehicleCarrierLookup api={api} />}
      renderCarrierPicker={(api) => (
        <PartyPicker
          id="carrier-picker"
          label="Find the carrier in the address book"
          hint="Type their name, registration number or a vehicle registration."
          siteId={api.siteId}
          kind="CARRIER"
          onPick={(entry) => api.fillCarrier(carrierFields(entry, entry.matchedVehicle))}
          onNew={(typed) => api.fillCarrier({ addressBookId: '', organisationName: typed })}
        />
      )}
      renderBrokerPicker={(api) => (
        <PartyPicker
          id="broker-picker"
          label="Find the broker or dealer in the address book"
          siteId={api.siteId}
          kind="BROKER_DEALER"
          onPick={(entry) => api.fillBroker(brokerFields(entry))}
          onNew={(typed) => api.fillBroker({ addressBookId: '', organisationName: typed })}
        />
      )}
    />
  );
}
