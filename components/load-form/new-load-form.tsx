'use client';
// The load form with the site's address book plugged in.
import { LoadForm, type LoadFormProps } from './load-form';

export function NewLoadForm(props: Omit<LoadFormProps, 'renderCarrierPicker' | 'renderVehicleLookup'>) {
  return <LoadForm {...props} />;
}
