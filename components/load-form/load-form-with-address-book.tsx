'use client';
// The load form with the site's address book plugged in: find a carrier or broker by name,
// registration or vehicle, and a known vehicle registration fills in its carrier. Those parts search as
// the clerk types (TanStack Query): they come in a chunk of their own, requested as the form renders.
import { lazy, Suspense } from 'react';
import { LoadForm, type LoadFormProps } from './load-form';

const pickers = () => import('./address-book-pickers');
const CarrierPicker = lazy(() => pickers().then((m) => ({ default: m.CarrierPicker })));
const BrokerPicker = lazy(() => pickers().then((m) => ({ default: m.BrokerPicker })));
const VehicleCarrierLookup = lazy(() => pickers().then((m) => ({ default: m.VehicleCarrierLookup })));

export function LoadFormWithAddressBook(props: Omit<LoadFormProps, 'renderCarrierPicker' | 'renderVehicleLookup' | 'renderBrokerPicker'>) {
  return (
    <LoadForm
      {...props}
      renderVehicleLookup={(api) => (
        <Suspense fallback={null}>
          <VehicleCarrierLookup api={api} />
        </Suspense>
      )}
      renderCarrierPicker={(api) => (
        <Suspense fallback={null}>
          <CarrierPicker api={api} />
        </Suspense>
      )}
      renderBrokerPicker={(api) => (
        <Suspense fallback={null}>
          <BrokerPicker api={api} />
        </Suspense>
      )}
    />
  );
}
