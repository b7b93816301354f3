import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY, weightQuestion, type PlausibilityItem, type SiteWeightHistory } from './plausibility';

const road = { history: EMPTY_HISTORY, meansOfTransport: 'Road', vehicleRegistration: 'AB12 CDE' };
const item = (over: Partial<PlausibilityItem>): PlausibilityItem => ({
  weightMode: 'weighbridge',
  metric: 'Tonnes',
  amount: '',
  gross: '',
  tare: '',
  typeOfContainers: 'SKI',
  ...over,
});

describe('weightQuestion', () => {
  it('asks about kilograms typed with the unit on tonnes (the issue’s 14320 / 8100)', () => {
    expect(weightQuestion(item({ gross: '14320', tare: '8100', typeOfContainers: 'LOO' }), road)).toBe(
      '6,220 tonnes is more than a road vehicle can carry — is the unit right?',
    );
  });

  it('asks about tonnes typed with the unit on kilograms', () => {
    expect(weightQuestion(item({ metric: 'Kilograms', gross: '16', tare: '9.5' }), road)).toMatch(/less than an empty vehicle weighs — is the unit right\?$/);
  });

  it('knows a skip holds less than a lorry', () => {
    expect(weightQuestion(item({ gross: '38', tare: '12' }), road)).toMatch(/more than a load in this type of container usually weighs/);
    expect(weightQuestion(item({ gross: '18.4', tare: '10.2' }), road)).toBeUndefined();
  });

  it('learns from the site’s history, by vehicle first, then container, then all loads', () => {
    const history: SiteWeightHistory = {
      all: { count: 50, minKg: 200, maxKg: 9000 },
      byContainer: { SKI: { count: 20, minKg: 500, maxKg: 6000 } },
      byVehicle: { 'BIG 1': { count: 8, minKg: 20000, maxKg: 26000 } },
    };
    const ctx = { ...road, history };
    expect(weightQuestion(item({ gross: '19', tare: '9' }), ctx)).toBe('10 tonnes is more than any load this site has taken — is the unit right?');
    expect(weightQuestion(item({ gross: '17', tare: '9' }), ctx)).toBeUndefined();
    expect(weightQuestion(item({ gross: '35', tare: '10' }), { ...ctx, vehicleRegistration: 'big  1' })).toBeUndefined();
    expect(weightQuestion(item({ metric: 'Kilograms', gross: '12010', tare: '12000' }), ctx)).toMatch(/less than any load this site has taken/);
  });

  it('says nothing until there is a weight to judge', () => {
    expect(weightQuestion(item({ gross: '14320' }), road)).toBeUndefined();
    expect(weightQuestion(item({ gross: 'abc', tare: '1' }), road)).toBeUndefined();
    expect(weightQuestion(item({ weightMode: 'single', amount: '' }), road)).toBeUndefined();
    expect(weightQuestion(item({ weightMode: 'single', amount: '450', metric: 'Tonnes', typeOfContainers: 'BAL' }), road)).toMatch(/is the unit right/);
  });
});
