// How long a data request's search takes over N loads (default 100,000) spread over two sites, each a
// copy of one real saved load with its own carrier name, email, phone and vehicle: the admin's search
// by name, email, phone or vehicle through the indexes of migrations 20261201130000, 20261203070000
// and 20261203080000 (the target is 30 ms). Baseline in the same run: a load fetched by primary key (one
// Prisma round trip). Seeds with SQL copies and no VACUUM, as between two autovacuums, on an embedded
// PostgreSQL unless DATABASE_URL. Run: node --conditions=react-server --import tsx bench/data-rights-find.ts [loads] [runs]
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { systemActor } from '../lib/auth/actor';
import { findPersonalData } from '../lib/data-rights/service';
import { db, disconnectDb } from '../lib/db';
import { resetEnvCache } from '../lib/env';
import { saveLoad } from '../lib/loads/service';
import { createSite } from '../lib/sites/service';
import { loadForm } from '../test/load-fixtures';
import { benchDatabase, timeCalls } from './support/bench-kit';

const count = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 10);

async function main() {
  const database = await benchDatabase('rights', { reuseDatabaseUrl: true });
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  try {
    const sites = [];
    for (const n of [1, 2]) sites.push((await createSite({ actor: systemActor(), input: { name: `Bench rights ${n} ${Date.now()}` } })).id);
    const template = await saveLoad({
      actor: systemActor(sites),
      input: { id: randomUUID(), siteId: sites[0]!, expectedVersion: null, intent: 'draft', form: loadForm() },
    });
    const seedStart = performance.now();
    await db().$executeRawUnsafe(`
      INSERT INTO load (id, site_id, ticket_number, received_at, status, movement, form_values, ewc_codes, carrier_name, vehicle_registration, updated_at)
      SELECT gen_random_uuid(), (ARRAY['${sites[0]}','${sites[1]}']::uuid[])[1 + i % 2], 'B' || i, now() - (i || ' minutes')::interval, 'SENT',
             l.movement, jsonb_set(jsonb_set(jsonb_set(jsonb_set(l.form_values,
               '{carrier,organisationName}', to_jsonb('Carrier ' || i || ' Ltd')),
               '{carrier,emailAddress}', to_jsonb('carrier' || i || '@example.org')),
               '{carrier,phoneNumber}', to_jsonb('07700 ' || lpad((i % 1000000)::text, 6, '0'))),
               '{carrier,vehicleRegistration}', to_jsonb('BK' || lpad((i % 100)::text, 2, '0') || ' ' || chr(65 + i % 26) || chr(65 + (i / 26) % 26) || chr(65 + (i / 676) % 26))),
             l.ewc_codes, 'Carrier ' || i || ' Ltd', 'BK', now()
      FROM generate_series(1, ${count}) i, load l WHERE l.id = '${template.id}'`);
    await db().$executeRawUnsafe('ANALYZE load');
    console.log(
      `Data request search over ${count.toLocaleString('en-GB')} loads (seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s), ${runs} runs each, Node ${process.version}`,
    );
    const admin = { ...systemActor(), roles: ['ADMIN' as const] };
    const baseline = await timeCalls(() => db().load.findUnique({ where: { id: template.id } }), { runs });
    console.log(`baseline (load by primary key): median ${baseline.median.toFixed(2)} ms`);
    const i = Math.floor(count / 2);
    for (const [by, value] of [
      ['name', `Carrier ${i} Ltd`],
      ['email', `carrier${i}@example.org`],
      ['phone', `07700 ${String(i % 1000000).padStart(6, '0')}`],
      ['vehicle', 'BK00 AAA'],
    ] as const) {
      const t = await timeCalls(() => findPersonalData({ actor: admin, input: { by, value } }), { runs });
      console.log(
        `find by ${by.padEnd(7)}: median ${t.median.toFixed(0)} ms, max ${t.max.toFixed(0)} ms (${(t.median / baseline.median).toFixed(0)}x baseline)`,
      );
    }
  } finally {
    await disconnectDb();
    await database.stop();
  }
}

void main();
