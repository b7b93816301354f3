'use client';
// Carrier and broker/dealer details. Names mirror DWT's keys (carrier.address.postcode...).
import { useFormContext, useWatch } from 'react-hook-form';
import { CheckboxField } from '@/components/forms/checkbox-field';
import { SelectField } from '@/components/forms/select-field';
import { TextField } from '@/components/forms/text-field';
import { MEANS_OF_TRANSPORT_LABELS, REASON_FOR_NO_REGISTRATION_NUMBER_LABELS } from '@/lib/dwt/labels';
import { MEANS_OF_TRANSPORT, REASONS_FOR_NO_REGISTRATION_NUMBER } from '@/lib/dwt/values';
import type { LoadFormValues } from '@/lib/loads/form-values';
import { errorAt } from './form-errors';

export function CarrierFields({ vehicleLookupSlot, pickerSlot }: { vehicleLookupSlot?: React.ReactNode; pickerSlot?: React.ReactNode }) {
  const { register, control, formState } = useFormContext<LoadFormValues>();
  const e = (name: string) => errorAt(formState.errors, name);
  const [means, registrationNumber, addressBookId] = useWatch({
    control,
    name: ['carrier.meansOfTransport', 'carrier.registrationNumber', 'carrier.addressBookId'],
  });
  return (
    <>
      <div className="grid gap-x-6 md:grid-cols-2">
        <SelectField
          label="Means of transport"
          options={MEANS_OF_TRANSPORT.map((m) => ({ value: m, label: MEANS_OF_TRANSPORT_LABELS[m] }))}
          error={e('carrier.meansOfTransport')}
          {...register('carrier.meansOfTransport')}
        />
        {means === 'Road' && (
          <div>
            <TextField
              label="Vehicle registration"
              hint="A vehicle we know fills in its carrier."
              autoComplete="off"
              spellCheck={false}
              className="uppercase"
              error={e('carrier.vehicleRegistration')}
              {...register('carrier.vehicleRegistration')}
            />
            {vehicleLookupSlot}
          </div>
        )}
        {means === 'Other' && (
          <TextField
            label="Other means of transport"
            hint="For example: conveyor, handcart."
            autoComplete="off"
            error={e('carrier.otherMeansOfTransport')}
            {...register('carrier.otherMeansOfTransport')}
          />
        )}
      </div>
      {pickerSlot}
      <PartyDetails prefix="carrier" noun="Carrier" />
      <div className="grid gap-x-6 md:grid-cols-2">
        <TextField
          label="Carrier registration number"
          hint="Like CBDU123456, WCR/R/1234567 or ROC UT 12345. Leave empty if they have none."
          autoComplete="off"
          spellCheck={false}
          error={e('carrier.registrationNumber')}
          {...register('carrier.registrationNumber')}
        />
        {registrationNumber.trim() === '' && (
          <SelectField
            label="Reason for no registration number"
            placeholder="Choose a reason"
            options={REASONS_FOR_NO_REGISTRATION_NUMBER.map((r) => ({ value: r, label: REASON_FOR_NO_REGISTRATION_NUMBER_LABELS[r] }))}
            error={e('carrier.reasonForNoRegistrationNumber')}
            {...register('carrier.reasonForNoRegistrationNumber')}
          />
        )}
      </div>
      {!addressBookId && <CheckboxField label="Save this carrier to the site’s address book" {...register('carrier.saveToAddressBook')} />}
    </>
  );
}

export function BrokerFields() {
  const { register, formState, control } = useFormContext<LoadFormValues>();
  const addressBookId = useWatch({ control, name: 'brokerOrDealer.addressBookId' });
  return (
    <>
      <PartyDetails prefix="brokerOrDealer" noun="Broker or dealer" />
      <TextField
        label="Broker or dealer registration number (optional)"
        autoComplete="off"
        spellCheck={false}
        error={errorAt(formState.errors, 'brokerOrDealer.registrationNumber')}
        {...register('brokerOrDealer.registrationNumber')}
      />
      {!addressBookId && <CheckboxField label="Save this broker or dealer to the site’s address book" {...register('brokerOrDealer.saveToAddressBook')} />}
    </>
  );
}

function PartyDetails({ prefix, noun }: { prefix: 'carrier' | 'brokerOrDealer'; noun: string }) {
  const { register, formState, control } = useFormContext<LoadFormValues>();
  // DWT needs a postcode with an address: said as soon as an address is typed, not after a failed save.
  const addressTyped = (useWatch({ control, name: `${prefix}.address.fullAddress` }) ?? '').trim() !== '';
  const e = (name: string) => errorAt(formState.errors, `${prefix}.${name}`);
  return (
    <>
      <TextField label={`${noun} name`} autoComplete="off" error={e('organisationName')} {...register(`${prefix}.organisationName`)} />
      <div className="grid gap-x-6 md:grid-cols-[2fr_1fr]">
        <TextField label={`${noun} address (optional)`} autoComplete="off" error={e('address.fullAddress')} {...register(`${prefix}.address.fullAddress`)} />
        <TextField
          label={`${noun} postcode${addressTyped ? '' : ' (optional)'}`}
          hint={addressTyped ? 'Needed with the address. A UK postcode or Irish Eircode.' : 'UK postcode or Irish Eircode'}
          autoComplete="off"
          className="uppercase"
          error={e('address.postcode')}
          {...register(`${prefix}.address.postcode`)}
        />
      </div>
      <div className="grid gap-x-6 md:grid-cols-2">
        <TextField label={`${noun} email (optional)`} type="email" autoComplete="off" error={e('emailAddress')} {...register(`${prefix}.emailAddress`)} />
        <TextField label={`${noun} phone (optional)`} type="tel" autoComplete="off" error={e('phoneNumber')} {...register(`${prefix}.phoneNumber`)} />
      </div>
    </>
  );
}
