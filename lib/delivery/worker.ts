// A delivery worker: claims due jobs from the outbox and sends them, within a send-rate cap shared by
// every live worker (the cap divided by the number of workers seen in the last 15 seconds). Runs inside
// the app (instrumentation.ts) and, for larger sites, as `npm run worker`; any number may share one
// database. Stopping waits for sends in flight, so none is left half-recorded.
import 'server-only';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { DwtClientOptions } from '@/lib/dwt/client';
import { dwtConfigInUse } from '@/lib/dwt-settings/service';
import { logger } from '@/lib/logger';
import { foldRecordSummaries } from '@/lib/records/service';
import { claimJobs, forgetWorker, heartbeat } from './queue';
import { processJob } from './service';

export interface WorkerOptions {
  /** Requests per second to DWT for all workers together (DWT's soft limit is about 200). */
  maxSendRate: number;
  /** Sends in flight at once in this worker. */
  concurrency?: number;
  /** How long to wait before looking again when the queue is empty. */
  idlePollMs?: number;
  clientOptions?: DwtClientOptions;
  id?: string;
}

export interface DeliveryWorker {
  id: string;
  /** Sends finished by this worker. */
  sent(): number;
  stop(): Promise<void>;
}

/**
 * Token bucket that never lets more than `cap` requests into any one-second window (DWT, like the
 * sandbox, counts requests per second): it refills at cap − burst a second and holds at most `burst`
 * (a hundredth of the cap: slack for a late timer), so a stall is never followed by a whole second's
 * worth at once. A token is taken just before each request leaves (processJob's `beforeRequest`), in
 * the order asked, so the steady rate is cap − burst (0.99 of the cap).
 */
class RateLimiter {
  private tokens = 0;
  private last = Date.now();
  private rate = 1;
  private burst = 1;
  private waiters: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  constructor(cap: number) {
    this.setRate(cap);
  }
  setRate(cap: number) {
    this.burst = Math.max(1, Math.floor(cap / 100));
    this.rate = Math.max(cap - this.burst, cap / 2);
  }
  /** Requests a second, as now set. */
  get perSecond(): number {
    return this.rate;
  }
  private refill() {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }
  /** Resolves when one request may go. */
  acquire(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.serve();
    });
  }
  private serve() {
    this.refill();
    while (this.waiters.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.waiters.shift()!();
    }
    if (this.waiters.length > 0 && !this.timer) {
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          this.serve();
        },
        Math.ceil(((1 - this.tokens) / this.rate) * 1000),
      );
    }
  }
}

const log = logger.child({ module: 'delivery-worker' });

export function startDeliveryWorker(options: WorkerOptions): DeliveryWorker {
  const id = options.id ?? `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const concurrency = options.concurrency ?? 32;
  const idlePollMs = options.idlePollMs ?? 1_000;
  const limiter = new RateLimiter(options.maxSendRate);
  // One request per send: a 429 goes back to the queue (which honours Retry-After) instead of being
  // retried inside the client, past the limiter and while holding a send slot.
  const clientOptions: DwtClientOptions = { retry: { maxAttempts: 1 }, ...options.clientOptions };
  const inFlight = new Set<Promise<void>>();
  let running = true;
  let sent = 0;
  let wake: (() => void) | undefined;
  // The installation's apiCode, used by sites without their own: the claim skips jobs whose code is held.
  let defaultApiCode: string | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });

  async function beat() {
    defaultApiCode = await dwtConfigInUse().then(
      (config) => config.apiCode ?? null,
      () => null,
    );
    try {
      limiter.setRate(options.maxSendRate / (await heartbeat(id)));
    } catch (error) {
      log.warn('worker heartbeat failed', { error: (error as Error).message });
    }
    // The manager's charts read totals plus changes since the last fold: keep the changes few.
    await foldRecordSummaries().catch((error: unknown) => log.warn('could not fold the charts’ summaries', { error: (error as Error).message }));
  }
  const beatTimer = setInterval(() => void beat(), 5_000);
  beatTimer.unref?.();

  // Jobs claimed but not yet at their request (reading the load, waiting for a token). The worker
  // claims in batches (one round trip, and one read of the loads, for several sends) and keeps about a
  // twentieth of a second's sends claimed ahead of the limiter; their leases are far longer.
  let ahead = 0;
  const claimBatch = () => Math.max(1, Math.floor(limiter.perSecond / 20));

  const loop = (async () => {
    await beat();
    while (running) {
      const free = concurrency - inFlight.size;
      if (free <= 0) {
        await Promise.race(inFlight);
        continue;
      }
      if (ahead >= claimBatch()) {
        await sleep(idlePollMs); // woken as soon as a claimed job gets its token
        continue;
      }
      let jobs: Awaited<ReturnType<typeof claimJobs>> = [];
      try {
        jobs = await claimJobs({ workerId: id, limit: Math.min(free, claimBatch()), defaultApiCode });
      } catch (error) {
        log.error('could not claim jobs', { error: (error as Error).message });
      }
      if (jobs.length === 0) {
        await sleep(idlePollMs);
        continue;
      }
      for (const job of jobs) {
        ahead += 1;
        let isAhead = true;
        const atRequest = () => {
          if (!isAhead) return;
          isAhead = false;
          ahead -= 1;
          wake?.();
        };
        const beforeRequest = () => limiter.acquire().then(atRequest);
        const p = processJob({ ...job, workerId: id, clientOptions, beforeRequest })
          .then(() => {
            sent += 1;
          })
          .catch((error: unknown) => log.error('send failed unexpectedly; the job stays queued', { loadId: job.loadId, error: (error as Error).message }))
          .finally(() => {
            atRequest();
            inFlight.delete(p);
          });
        inFlight.add(p);
      }
    }
  })();

  return {
    id,
    sent: () => sent,
    async stop() {
      running = false;
      wake?.();
      clearInterval(beatTimer);
      await loop;
      await Promise.allSettled([...inFlight]);
      await forgetWorker(id).catch(() => undefined);
    },
  };
}
