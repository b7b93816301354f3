// Child process of seedLoads (seed.ts): reads LoadSeed[] as JSON on stdin, saves each load through
// saveLoad at the e2e site, prints [{ id, ticketNumber }] as JSON.
import { randomUUID } from 'node:crypto';
import { systemActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { saveLoad } from '@/lib/loads/service';
import { loadForm } from '@/test/load-fixtures';
import { ensureE2eSite, type LoadSeed } from './seed';

const chunks: Buffer[] = [];
for await (const c of process.stdin) chunks.push(c as Buffer);
const seeds = JSON.parse(Buffer.concat(chunks).toString()) as LoadSeed[];
const site = await ensureE2eSite();
const saved = [];
for (const seed of seeds) {
  const form = loadForm();
  form.carrier.organisationName = seed.carrier;
  if (seed.vehicle) form.carrier.vehicleRegistration = seed.vehicle;
  form.dateTimeReceived = seed.received;
  const template = form.wasteItems[0]!;
  form.wasteItems = seed.items.map((i) =>
    i.kilograms
      ? {
          ...template,
          wasteDescription: i.description,
          ewcCodes: [i.ewc ?? '170504'],
          weightMode: 'single' as const,
          weight: { metric: 'Kilograms' as const, amount: i.kilograms, isEstimate: true },
          disposalOrRecoveryCodes: [{ code: 'R3', weight: { metric: 'Kilograms' as const, amount: i.kilograms, isEstimate: true } }],
        }
      : { ...template, wasteDescription: i.description, ewcCodes: [i.ewc ?? '170504'] },
  );
  const s = await saveLoad({ actor: systemActor([site.id]), input: { id: randomUUID(), siteId: site.id, expectedVersion: null, intent: 'send', form } });
  saved.push({ id: s.id, ticketNumber: s.ticketNumber });
}
await db().$disconnect();
process.stdout.write(`${JSON.stringify(saved)}\n`);
