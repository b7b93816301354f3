// A load DWT already holds, logged through the form the way a clerk does (the load services pull in
// the bundled reference-data JSON, which Playwright's loader cannot import), read back from the database.
import { expect, type Page } from '@playwright/test';
import { db } from '@/lib/db';
import { LoadFormPage } from './load-form';

/** Logs a load of one waste item weighing `weight` tonnes and sends it; returns what DWT gave it. */
export async function logSentLoad(page: Page, { weight = '1.5' }: { weight?: string } = {}) {
  const form = new LoadFormPage(page);
  await form.open();
  await form.fillCarrier({ name: 'History Haulage Ltd', registration: 'CBDU444555', vehicle: 'HI19 STY', postcode: 'ls1 4ab' });
  await form.fillItem(0, { ewc: ['170504'], description: 'Soil and stones', single: { amount: weight }, codes: [{ code: 'R5', weight }] });
  await form.send();
  const wasteTrackingId = await form.expectSent();
  const receipt = (await page.getByRole('link', { name: 'Print the weighbridge ticket' }).getAttribute('href'))!;
  const id = /\/loads\/([^/]+)\/receipt$/.exec(receipt)![1]!;
  const load = await loadRow(id);
  expect(load.wasteTrackingId).toBe(wasteTrackingId);
  return { id, ticketNumber: load.ticketNumber, wasteTrackingId, version: load.version };
}

/** The stored load, as the app saved it. */
export async function loadRow(id: string) {
  const load = await db().load.findUniqueOrThrow({ where: { id } });
  const form = load.formValues as { wasteItems: { weight: { amount: string } }[] };
  return {
    ticketNumber: load.ticketNumber,
    version: load.version,
    status: load.status,
    wasteTrackingId: load.wasteTrackingId,
    weight: form.wasteItems[0]!.weight.amount,
  };
}
