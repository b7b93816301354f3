// The plain empty forms the browser builds (schema.ts, no zod) must be exactly what the server's zod
// schema makes of an empty form: a field added to one and not the other fails here.
import { describe, expect, it } from 'vitest';
import { loadFormSchema, wasteItemFormSchema } from './form-schema';
import { emptyLoadForm, emptyWasteItem, emptyWasteItemIn } from './schema';

describe('the empty load form', () => {
  it('is zod’s defaults, key for key', () => {
    expect(emptyWasteItem()).toStrictEqual(wasteItemFormSchema.parse({}));
    expect(emptyWasteItemIn('Kilograms')).toStrictEqual(wasteItemFormSchema.parse({ weight: { metric: 'Kilograms', amount: '', isEstimate: false } }));
    const init = { dateTimeReceived: '2026-11-22T09:15', yourUniqueReference: '000042' };
    for (const unit of [undefined, 'Tonnes', 'Grams'] as const) {
      expect(emptyLoadForm({ ...init, unit })).toStrictEqual(
        loadFormSchema.parse({
          ...init,
          dateTimeIsNow: true,
          wasteItems: [wasteItemFormSchema.parse({ weight: { metric: unit ?? 'Tonnes', amount: '', isEstimate: false } })],
        }),
      );
    }
  });

  it('lists its keys in zod’s order, as a parsed form does', () => {
    const init = { dateTimeReceived: '2026-11-22T09:15', yourUniqueReference: '1' };
    expect(JSON.stringify(emptyLoadForm(init))).toBe(JSON.stringify(loadFormSchema.parse({ ...init, dateTimeIsNow: true, wasteItems: [{}] })));
  });
});
