// Sign-in under attack (issue 11): how many wrong-password attempts per second the server absorbs while a
// clerk's page work still finishes in under 1 s. In one process, at production hashing cost
// (PASSWORD_HASH_COST 12 unless set): attackers call verifySignIn at a fixed rate, each from a fresh
// address (the worst case: nothing throttled, every attempt hashes), while a clerk's page load is timed
// meanwhile (the session's actor look-up and a 50-load list, as the /loads page reads them) together with
// the event loop's delay. Baseline: the same page with no attack, in the same run. Then the throttled
// case: one address guessing as fast as it can.
//
// Service level (no HTTP, no rendering): the figures bound what Next adds on top.
// Run: node --conditions=react-server --import tsx bench/sign-in-flood.ts [--seconds 4] [--rates 10,25,50,100,200]
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { benchDatabase } from './support/bench-kit';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '4' }, rates: { type: 'string', default: '10,25,50,100,200' } } });
const SECONDS = Number(args.seconds);
const RATES = args.rates.split(',').map(Number);

const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * q) - 1)] ?? NaN;

async function main() {
  const database = await benchDatabase('sign-in');
  process.env.DATABASE_URL = database.url;
  process.env.NEXTAUTH_SECRET ??= 'bench-secret-that-is-at-least-32-characters';
  const { resetEnvCache, env } = await import('../lib/env');
  resetEnvCache();
  const { systemActor } = await import('../lib/auth/actor');
  const { db } = await import('../lib/db');
  const users = await import('../lib/users/service');
  const { user } = await users.ensureUser({
    actor: systemActor(),
    input: { name: 'Bench Clerk', email: 'clerk@bench.test', password: 'bench-password-1', roles: ['CLERK'] },
  });

  const clerkPage = async () => {
    const t0 = performance.now();
    await users.findActor({ userId: user.id, sessionVersion: 0 });
    await db().load.findMany({ take: 50, orderBy: { receivedAt: 'desc' } });
    return performance.now() - t0;
  };

  async function phase(label: string, attack: (() => Promise<unknown>) | null, rate: number) {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const page: number[] = [];
    let done = 0;
    let inFlight = 0;
    const end = Date.now() + SECONDS * 1000;
    const pending: Promise<unknown>[] = [];
    const timer = attack
      ? setInterval(
          () => {
            for (let i = 0; i < Math.max(1, rate / 100); i++) {
              inFlight++;
              pending.push(
                attack().finally(() => {
                  inFlight--;
                  done++;
                }),
              );
            }
          },
          Math.max(10, 1000 / rate),
        )
      : undefined;
    while (Date.now() < end) {
      page.push(await clerkPage());
      await new Promise((r) => setTimeout(r, 100));
    }
    if (timer) clearInterval(timer);
    const absorbed = done / SECONDS;
    await Promise.allSettled(pending);
    loop.disable();
    console.log(
      `${label.padEnd(34)} attempts/s offered ${String(attack ? rate : 0).padStart(4)} absorbed ${absorbed.toFixed(0).padStart(4)} backlog ${String(inFlight).padStart(4)} | clerk page median ${p(page, 0.5).toFixed(1)} ms p95 ${p(page, 0.95).toFixed(1)} ms max ${Math.max(...page).toFixed(1)} ms | event-loop p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms`,
    );
    return p(page, 0.95);
  }

  console.log(`PASSWORD_HASH_COST ${env().PASSWORD_HASH_COST}, ${SECONDS} s per phase`);
  await phase('baseline (no attack)', null, 0);
  let best = 0;
  for (const rate of RATES) {
    const wrong = () => users.verifySignIn({ input: { email: 'clerk@bench.test', password: randomUUID() }, address: `203.0.113.${randomUUID()}` });
    const p95 = await phase(`spread attack (every attempt hashes)`, wrong, rate);
    if (p95 < 1000) best = rate;
  }
  const oneAddress = () => users.verifySignIn({ input: { email: 'clerk@bench.test', password: randomUUID() }, address: '198.51.100.7' });
  await phase('one address (throttled after 5)', oneAddress, RATES.at(-1)!);
  console.log(`highest offered rate with the clerk's page p95 under 1 s: ${best} attempts/s`);
  await database.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
