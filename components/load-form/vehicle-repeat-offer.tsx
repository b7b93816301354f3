'use client';
// A vehicle the site has weighed before: its last load is offered, right after the registration, so
// a regular's load is the registration, the two weights and a save. Nothing is filled in until the
// clerk takes the offer (Enter on the button), and never the weights: this load is weighed afresh.
import { useEffect, useRef, useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { Button } from '@/components/forms/button';
import { fieldId } from '@/components/forms/field-id';
import type { WeightMetric } from '@/lib/dwt/schema';
import { lastLoadForVehicleAction, type VehicleLastLoad } from '@/lib/loads/actions';
import type { LoadFormValues } from '@/lib/loads/schema';
import { formatEwcCode } from '@/lib/reference-data/ewc-format';

/** Whether the clerk has started on the waste already (then the offer would overwrite their typing). */
function wasteTyped(items: LoadFormValues['wasteItems'] | undefined): boolean {
  return Boolean(items?.some((i) => i.ewcCodes.length > 0 || i.wasteDescription.trim() !== '' || i.weighbridge.gross.trim() !== ''));
}

export function VehicleRepeatOffer({ siteId, unit }: { siteId: string; unit: WeightMetric }) {
  const { control, getValues, setValue } = useFormContext<LoadFormValues>();
  const [vehicle, means] = useWatch({ control, name: ['carrier.vehicleRegistration', 'carrier.meansOfTransport'] });
  const [offer, setOffer] = useState<(VehicleLastLoad & { vehicle: string }) | null>(null);
  const [taken, setTaken] = useState<string | null>(null);
  const asked = useRef('');

  useEffect(() => {
    const reg = (vehicle ?? '').trim().toUpperCase();
    if (means !== 'Road' || reg.replace(/\s/g, '').length < 4 || reg === asked.current) {
      if (reg !== asked.current) setOffer(null);
      return;
    }
    const timer = setTimeout(() => {
      asked.current = reg;
      void lastLoadForVehicleAction({ siteId, vehicleRegistration: reg })
        .then((result) => setOffer(result.ok && result.data && !wasteTyped(getValues('wasteItems')) ? { ...result.data, vehicle: reg } : null))
        .catch(() => setOffer(null));
    }, 250);
    return () => clearTimeout(timer);
  }, [vehicle, means, siteId, getValues]);

  if (taken) {
    return (
      <p role="status" className="-mt-3 mb-2 text-sm font-semibold">
        {taken}
      </p>
    );
  }
  if (!offer || offer.vehicle !== (vehicle ?? '').trim().toUpperCase()) return <p role="status" className="sr-only" />;

  const first = offer.wasteItems[0];
  const summary = [offer.carrier.organisationName, first ? `${first.ewcCodes.map((c) => formatEwcCode(c)).join(', ')} ${first.wasteDescription}`.trim() : '']
    .filter(Boolean)
    .join(', ');

  function take() {
    if (!offer) return;
    const current = getValues('carrier');
    // The carrier the clerk may already have (from the address book) stays; otherwise the last load's.
    if (current.organisationName.trim() === '')
      setValue('carrier', { ...offer.carrier, vehicleRegistration: current.vehicleRegistration }, { shouldDirty: true });
    setValue('hasBrokerOrDealer', offer.hasBrokerOrDealer, { shouldDirty: true });
    if (offer.hasBrokerOrDealer) setValue('brokerOrDealer', offer.brokerOrDealer, { shouldDirty: true });
    setValue(
      'wasteItems',
      offer.wasteItems.map((i) => ({ ...i, weight: { ...i.weight, metric: i.weight.metric ?? unit } })),
      { shouldDirty: true },
    );
    if (offer.specialHandlingRequirements) setValue('specialHandlingRequirements', offer.specialHandlingRequirements, { shouldDirty: true });
    setTaken(`Filled in from ticket ${offer.ticketNumber}, without its weights: weigh this load.`);
    const firstItem = offer.wasteItems[0];
    const target = firstItem?.weightMode === 'single' ? 'wasteItems.0.weight.amount' : 'wasteItems.0.weighbridge.gross';
    requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById(fieldId(target))?.focus()));
  }

  return (
    <div role="status" className="-mt-3 mb-4">
      <Button variant="secondary" size="sm" className="text-left" onClick={take}>
        Fill in the rest from ticket {offer.ticketNumber}
        <span className="block text-sm font-normal">{summary} — not the weights</span>
      </Button>
    </div>
  );
}
