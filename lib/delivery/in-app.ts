// The delivery worker inside the web app's process (started by instrumentation.ts).
import 'server-only';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { startDeliveryWorker, type DeliveryWorker } from './worker';

const g = globalThis as unknown as { weighbookWorker?: DeliveryWorker };

export function startInAppWorker(): void {
  if (env().DELIVERY_WORKER_IN_APP === 'off' || g.weighbookWorker) return;
  g.weighbookWorker = startDeliveryWorker({ maxSendRate: env().DWT_MAX_SEND_RATE });
  logger.info('delivery worker started in the app', { id: g.weighbookWorker.id });
  const stop = () => void g.weighbookWorker?.stop();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
