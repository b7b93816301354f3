// How long the load form's address-book search and vehicle lookup take at a site with thousands of
// carriers, against a baseline in the same process: fetching one entry by its primary key (getParty),
// i.e. the cost of a round trip through Prisma. Another site holds as many entries again, so the site
// filter has to do its work. Seeds through the service, on an embedded PostgreSQL unless DATABASE_URL.
// Run: node --conditions=react-server --import tsx bench/address-book-search.ts [entries per site, e.g. 1000,5000,20000] [runs]
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { findCarrierByVehicle, getParty, saveParty, searchParties } from '../lib/address-book/service';
import { systemActor } from '../lib/auth/actor';
import { resetEnvCache } from '../lib/env';
import { createSite } from '../lib/sites/service';
import { benchDatabase, timeCalls } from './support/bench-kit';

const sizes = (process.argv[2] ?? '1000,5000,20000').split(',').map(Number);
const runs = Number(process.argv[3] ?? 200);
const warmUpRuns = 20;
const SEED_CONCURRENCY = 10;

const WORDS = [
  'Acme',
  'North',
  'Northern',
  'Skips',
  'Haulage',
  'Waste',
  'Recycling',
  'Leeds',
  'Bright',
  'Sons',
  'Green',
  'Metals',
  'Transport',
  'Logistics',
  'Demolition',
  'Aggregates',
  'Valley',
  'Riverside',
  'County',
  'Express',
];
const LETTERS = 'ABCDEFGHJKLMNOPRSTUVWXYZ';

/** Deterministic, so every run seeds the same book. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function entries(count: number, seed: number) {
  const next = random(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!;
  const letters = (n: number) => Array.from({ length: n }, () => pick([...LETTERS])).join('');
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  return Array.from({ length: count }, (_, i) => ({
    organisationName: `${pick(WORDS)} ${pick(WORDS)} ${i}`,
    registrationNumber: `CBDU${digits(6)}`,
    vehicleRegistrations: Array.from({ length: 1 + Math.floor(next() * 4) }, () => `${letters(2)}${digits(2)} ${letters(3)}`),
  }));
}

async function seed(siteId: string, count: number, seedValue: number) {
  const actor = systemActor([siteId]);
  const queue = entries(count, seedValue);
  await Promise.all(
    Array.from({ length: SEED_CONCURRENCY }, async () => {
      for (let entry = queue.pop(); entry; entry = queue.pop()) {
        await saveParty({ actor, input: { siteId, kind: 'CARRIER', ...entry } });
      }
    }),
  );
}

/** Fresh planner statistics, as autovacuum keeps them for a book built up over months. */
async function analyze(connectionString: string) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  await client.query('ANALYZE address_book_entry').finally(() => client.end());
}

async function main() {
  const database = await benchDatabase('address-book', { reuseDatabaseUrl: true });
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  try {
    console.log(`Address-book search, ${runs} runs per query after ${warmUpRuns} warm-up runs (Node ${process.version})`);
    console.log('times in ms per call: median / p95; ratio = median / baseline median');
    for (const size of sizes) {
      const name = `Bench ${size} ${Date.now()}`;
      const siteId = (await createSite({ actor: systemActor(), input: { name } })).id;
      const otherSiteId = (await createSite({ actor: systemActor(), input: { name: `${name} other` } })).id;
      const started = performance.now();
      await Promise.all([seed(siteId, size, size), seed(otherSiteId, size, size + 1)]);
      console.log(
        `\n${size.toLocaleString('en-GB')} carriers at the site (and as many at another), seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      await analyze(process.env.DATABASE_URL!);

      const actor = systemActor([siteId]);
      const search = (query: string) => () => searchParties({ actor, input: { siteId, kind: 'CARRIER', query } });
      const [someone] = await searchParties({ actor, input: { siteId, kind: 'CARRIER', query: 'acme', limit: 1 } });
      const vehicle = someone!.vehicleRegistrations[0]!;
      const cases: [string, () => Promise<unknown>][] = [
        ['baseline: getParty by id', () => getParty({ actor, input: { siteId, id: someone!.id } })],
        ['search "a" (one letter: thousands match)', search('a')],
        ['search "no" (two letters)', search('no')],
        ['search "north sk"', search('north sk')],
        ['search "acme haulage 1"', search('acme haulage 1')],
        [`search "${someone!.registrationNumber}" (exact registration)`, search(someone!.registrationNumber!)],
        ['search "cbdu12"', search('cbdu12')],
        [`search "${vehicle.replace(' ', '').toLowerCase()}" (exact vehicle)`, search(vehicle.replace(' ', '').toLowerCase())],
        ['search "zzzz" (no match)', search('zzzz')],
        [`findCarrierByVehicle "${vehicle}"`, () => findCarrierByVehicle({ actor, input: { siteId, vehicleRegistration: vehicle } })],
      ];
      let baseline = 0;
      for (const [label, call] of cases) {
        const { median, p95 } = await timeCalls(call, { runs, warmUp: warmUpRuns });
        baseline ||= median;
        console.log(`  ${label.padEnd(44)} ${median.toFixed(2).padStart(7)} / ${p95.toFixed(2).padStart(7)}   ×${(median / baseline).toFixed(1)}`);
      }
    }
  } finally {
    await database.stop();
  }
}

await main();
process.exit(0);
