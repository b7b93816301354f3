import { describe, expect, it } from 'vitest';
import { bundledLookups } from '@/lib/reference-data/catalogue';
import { loadForm } from '@/test/load-fixtures';
import { EMPTY_HISTORY, LOAD_TEXT_MAX, checkLoadForm, emptyLoadForm, netWeight, toMovement, withoutWeights, type LoadFormValues } from './schema';
import { loadFormSchema, storedLoadForm } from './form-schema';

const site = { siteName: 'Riverside', authorisationNumber: 'EPR/AB1234CD', fullAddress: '1 Riverside Way, Anytown', postcode: 'AB1 2CD' };
const now = new Date('2026-11-22T12:00:00Z');
const ctx = { lookups: bundledLookups(), site, now };

function goodForm(): LoadFormValues {
  const f = loadForm();
  f.dateTimeReceived = '2026-11-22T09:15';
  f.yourUniqueReference = '000001';
  // As typed: tidied on the way to DWT.
  f.carrier = { ...f.carrier, registrationNumber: 'cbdu123456', vehicleRegistration: 'ab12 cde' };
  f.wasteItems[0]!.weighbridge = { gross: '18.42', tare: '10.1' };
  f.wasteItems[0]!.disposalOrRecoveryCodes = [{ code: 'R5', weight: { metric: 'Tonnes', amount: '8.32', isEstimate: false } }];
  return f;
}

describe('the load form: bounds (drafts too)', () => {
  it('refuses an over-long box and over-long lists, naming the field', () => {
    const long = loadFormSchema.safeParse({ carrier: { organisationName: 'x'.repeat(LOAD_TEXT_MAX + 1) } });
    expect(long.success).toBe(false);
    expect(long.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['carrier.organisationName', 'Must be 5,000 characters or fewer']]);
    const many = loadFormSchema.safeParse({ wasteItems: Array.from({ length: 101 }, () => ({})) });
    expect(many.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['wasteItems', 'Give no more than 100 waste items']]);
    const codes = loadFormSchema.safeParse({ wasteItems: [{ disposalOrRecoveryCodes: Array.from({ length: 31 }, () => ({ code: 'R5' })) }] });
    expect(codes.error!.issues[0]!.path.join('.')).toBe('wasteItems.0.disposalOrRecoveryCodes');
    expect(loadFormSchema.safeParse({ wasteItems: [{ ewcCodes: ['170504'] }] }).success).toBe(true);
  });
});

describe('the load form', () => {
  it('fills every default from nothing', () => {
    const f = loadFormSchema.parse({});
    expect(f.carrier.meansOfTransport).toBe('Road');
    expect(f.wasteItems).toEqual([]);
  });

  it('becomes DWT’s body: UK time to ISO, net weight, tidied registrations, no vehicle unless by road', () => {
    const m = toMovement(goodForm());
    expect(m.dateTimeReceived).toBe('2026-11-22T09:15:00.000Z');
    expect(m.wasteItems[0]!.weight).toEqual({ metric: 'Tonnes', amount: 8.32, isEstimate: false });
    expect(m.carrier.registrationNumber).toBe('CBDU123456');
    expect(m.carrier.vehicleRegistration).toBe('AB12 CDE');
    const rail = goodForm();
    rail.carrier.meansOfTransport = 'Rail';
    expect('vehicleRegistration' in toMovement(rail).carrier).toBe(false);
    const none = goodForm();
    none.carrier.registrationNumber = '';
    expect(toMovement(none).carrier.registrationNumber).toBeNull();
  });

  it('takes the consignment codes live DWT takes, upper-cased on save (issue 14)', () => {
    for (const [typed, sent] of [
      ['CJTILE/A0001B', 'CJTILE/A0001B'],
      ['BT/A0001', 'BT/A0001'],
      ['ab/12345', 'AB/12345'],
    ] as const) {
      const f = goodForm();
      f.wasteItems[0]!.ewcCodes = ['170503'];
      f.hazardousWasteConsignmentCode = typed;
      expect(toMovement(f).hazardousWasteConsignmentCode).toBe(sent);
      const r = checkLoadForm(f, ctx);
      expect(r.ok, typed).toBe(true);
    }
  });

  it('sends "Other" with the clerk’s own words, and no vehicle (issue 14)', () => {
    const f = goodForm();
    f.carrier.meansOfTransport = 'Other';
    f.carrier.otherMeansOfTransport = ' Conveyor from the next-door site ';
    const m = toMovement(f);
    expect(m.carrier).toMatchObject({ meansOfTransport: 'Other', otherMeansOfTransport: 'Conveyor from the next-door site' });
    expect('vehicleRegistration' in m.carrier).toBe(false);
    expect(checkLoadForm(f, ctx).ok).toBe(true);
    f.carrier.meansOfTransport = 'Rail';
    expect('otherMeansOfTransport' in toMovement(f).carrier).toBe(false);
  });

  it('takes a long lower-case vehicle registration (live DWT sets no length)', () => {
    const f = goodForm();
    f.carrier.vehicleRegistration = 'ab12 cde xyz 123';
    expect(checkLoadForm(f, ctx).ok).toBe(true);
  });

  it('catches an email address with a made-up top-level domain at the window', () => {
    const f = goodForm();
    f.carrier.emailAddress = 'name@firm.con';
    const r = checkLoadForm(f, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fieldErrors)).toContain('carrier.emailAddress');
  });

  it('passes DWT’s checks when filled in properly', () => {
    const r = checkLoadForm(goodForm(), ctx);
    expect(r.ok && r.warnings).toEqual([]);
  });

  it('refuses a negative or zero net weight on the tare field', () => {
    const f = goodForm();
    f.wasteItems[0]!.weighbridge = { gross: '10', tare: '12' };
    const r = checkLoadForm(f, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.fieldErrors['wasteItems.0.weighbridge.tare']).toEqual([
        'Waste item 1: Tare weight must be less than the gross weight (the net weight cannot be negative)',
      ]);
      expect(r.fieldErrors['wasteItems.0.weight.amount']).toBeUndefined();
    }
    expect(netWeight('10', '12')).toBe(-2);
  });

  it('puts DWT’s errors on the form’s fields, with the same keys', () => {
    const f = goodForm();
    f.carrier.registrationNumber = '';
    f.wasteItems[0]!.ewcCodes = ['170504', '999999'];
    const r = checkLoadForm(f, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(Object.keys(r.fieldErrors).sort()).toEqual(['carrier.reasonForNoRegistrationNumber', 'wasteItems.0.ewcCodes.1']);
    }
  });

  it('asks for a consignment code or a reason when an EWC code is hazardous', () => {
    const f = goodForm();
    f.wasteItems[0]!.ewcCodes = ['170503'];
    const r = checkLoadForm(f, ctx);
    // Reported on the code's box (the clerk usually has the code), in GOV.UK's words.
    expect(!r.ok && r.fieldErrors).toEqual({ hazardousWasteConsignmentCode: ['Enter the consignment code, or select the reason there is none'] });
    f.reasonForNoConsignmentCode = 'NO_DOC_WITH_WASTE';
    expect(checkLoadForm(f, ctx).ok).toBe(true);
  });

  it('refuses a time in the future or not a time at all', () => {
    const f = goodForm();
    f.dateTimeReceived = '2026-11-23T09:00';
    expect(!checkLoadForm(f, ctx).ok && (checkLoadForm(f, ctx) as { fieldErrors: Record<string, string[]> }).fieldErrors.dateTimeReceived).toEqual([
      'The date and time received cannot be in the future',
    ]);
    f.dateTimeReceived = 'tuesday';
    expect(checkLoadForm(f, ctx).ok).toBe(false);
  });

  it('reports a site with bad receiver details once, as a form error', () => {
    const r = checkLoadForm(goodForm(), { ...ctx, site: { ...site, authorisationNumber: '', postcode: 'nope' } });
    expect(!r.ok && r.fieldErrors._form).toHaveLength(1);
  });

  it('warns (without refusing) when there is no disposal or recovery code yet', () => {
    const f = goodForm();
    f.wasteItems[0]!.disposalOrRecoveryCodes = [];
    const r = checkLoadForm(f, ctx);
    expect(r.ok && r.warnings.map((w) => w.key)).toEqual(['wasteItems.0.disposalOrRecoveryCodes']);
  });
});

describe('weights (issue 12)', () => {
  it('reads weights with separators and units, in the item’s unit', () => {
    const f = goodForm();
    f.wasteItems[0]!.weight.metric = 'Kilograms';
    f.wasteItems[0]!.weighbridge = { gross: '14,320 kg', tare: '8.1 t' };
    f.wasteItems[0]!.disposalOrRecoveryCodes = [{ code: 'R5', weight: { metric: 'Kilograms', amount: '6,220', isEstimate: false } }];
    expect(toMovement(f).wasteItems[0]!.weight).toEqual({ metric: 'Kilograms', amount: 6220, isEstimate: false });
    expect(checkLoadForm(f, ctx).ok).toBe(true);
  });

  it('asks for the codes’ weights to add up to the net weight, or a reason', () => {
    const f = goodForm();
    f.wasteItems[0]!.disposalOrRecoveryCodes[0]!.weight.amount = '6.22';
    const r = checkLoadForm(f, ctx);
    expect(!r.ok && r.fieldErrors['wasteItems.0.codesWeightReason']).toEqual([
      'Waste item 1: The disposal or recovery codes add up to 6.22 t but the net weight is 8.32 t: change their weights, or say why they differ',
    ]);
    f.wasteItems[0]!.codesWeightReason = 'Part of the load was rejected and taken away';
    expect(checkLoadForm(f, ctx).ok).toBe(true);
  });

  it('asks the clerk to confirm an implausible weight, and accepts it once confirmed', () => {
    const f = goodForm();
    f.wasteItems[0]!.weighbridge = { gross: '14320', tare: '8100' };
    f.wasteItems[0]!.disposalOrRecoveryCodes = [];
    const r = checkLoadForm(f, { ...ctx, history: EMPTY_HISTORY });
    expect(!r.ok && r.fieldErrors['wasteItems.0.weightConfirmed']?.[0]).toMatch(/^Waste item 1: 6,220 tonnes is more than .* is the unit right\?/);
    f.wasteItems[0]!.weightConfirmed = true;
    expect(checkLoadForm(f, { ...ctx, history: EMPTY_HISTORY }).ok).toBe(true);
  });

  it('copies never carry weights; copied codes follow the net again', () => {
    const [item] = withoutWeights(goodForm().wasteItems);
    expect(item!.weighbridge).toEqual({ gross: '', tare: '' });
    expect(item!.weight.amount).toBe('');
    expect(item!.disposalOrRecoveryCodes).toEqual([{ code: 'R5', weight: { metric: 'Tonnes', amount: '', isEstimate: false }, followsNet: true }]);
    expect(item!.ewcCodes).toEqual(['170504']);
  });

  it('starts a new load in the site’s unit, the time marked as "now"', () => {
    const f = emptyLoadForm({ dateTimeReceived: '2026-11-22T09:15', yourUniqueReference: '1', unit: 'Kilograms' });
    expect(f.wasteItems[0]!.weight.metric).toBe('Kilograms');
    expect(f.dateTimeIsNow).toBe(true);
  });

  it('speaks GOV.UK: "Enter the carrier’s name", a postcode asked for with an address', () => {
    const f = goodForm();
    f.carrier.organisationName = '';
    f.carrier.address = { fullAddress: '1 Haul Road, Leeds', postcode: '' };
    const r = checkLoadForm(f, ctx);
    expect(!r.ok && r.fieldErrors['carrier.organisationName']).toEqual(['Enter the carrier’s name']);
    expect(!r.ok && r.fieldErrors['carrier.address.postcode']).toEqual(['Enter the carrier’s postcode: it is needed with an address']);
  });

  it('takes the received time typed as 22/11/2026 09:15', () => {
    const f = goodForm();
    f.dateTimeReceived = '22/11/2026 9:15';
    expect(toMovement(f).dateTimeReceived).toBe('2026-11-22T09:15:00.000Z');
  });
});

describe('a stored load without all its form values', () => {
  const init = { dateTimeReceived: '2026-11-20T09:15', yourUniqueReference: '000042' };
  it('opens with the empty form’s values for what is missing, and keeps what is there', () => {
    for (const stored of [{}, null, 'x', { carrier: { organisationName: 'Acme Ltd' } }]) {
      const form = storedLoadForm(stored, init);
      expect(Array.isArray(form.wasteItems), JSON.stringify(stored)).toBe(true);
      expect(typeof form.carrier).toBe('object');
      expect(form.otherReferencesForMovement).toEqual([]);
    }
  });
  it('returns a complete stored form as it is', () => {
    const full = emptyLoadForm(init);
    expect(storedLoadForm(full, init)).toBe(full);
  });
});
