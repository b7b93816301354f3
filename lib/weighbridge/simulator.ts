// A weighbridge indicator simulator speaking a real format over real TCP (Toledo continuous by default,
// about 10 frames a second): a loaded lorry drives on, the reading moves, settles, holds, the lorry
// drives off; then the same lorry comes back empty; and so on. `hold(kg)` pins a steady weight instead
// (for tests and benchmarks). Used by `npm run indicator:sim`, by `npm start`'s demo and by the tests.
import net from 'node:net';
import { encodeToledo } from './parsers/toledo';

export interface SimFrame {
  kg: number;
  motion: boolean;
}

/** The weight at time t (ms) of the looping scene, on a 20 kg division. */
export function scene(t: number, cycleMs = 40_000): SimFrame {
  const loadedKg = 27_480;
  const emptyKg = 11_240;
  const phase = t % (cycleMs * 2);
  const target = phase < cycleMs ? loadedKg : emptyKg;
  const p = (phase % cycleMs) / cycleMs;
  // 0–15 % empty bridge, 15–30 % driving on, 30–80 % on and settled, 80–90 % driving off, 90–100 % empty.
  if (p < 0.15 || p >= 0.9) return { kg: 0, motion: false };
  if (p < 0.3) {
    const f = (p - 0.15) / 0.15;
    const wobble = Math.sin(t / 90) * 300 * (1 - f);
    return { kg: Math.round((target * f + wobble) / 20) * 20, motion: true };
  }
  if (p < 0.8) return { kg: target, motion: p < 0.33 };
  return { kg: Math.round((target * (1 - (p - 0.8) / 0.1)) / 20) * 20, motion: true };
}

export interface SimulatorHandle {
  port: number;
  /** Hold a steady weight (stable), or motion at it; null returns to the looping scene. */
  hold(kg: number | null, opts?: { motion?: boolean }): void;
  /** Drop every client (as an indicator being switched off would); they may reconnect. */
  dropClients(): void;
  /** Send nothing for a while, connections left open (a hung converter). */
  pause(ms: number): void;
  /** Frames sent, with the time each left, for the benchmark. */
  onFrame?: (frame: Uint8Array, kg: number) => void;
  close(): Promise<void>;
}

export async function startIndicatorSimulator(opts: { port?: number; host?: string; intervalMs?: number; checksum?: boolean } = {}): Promise<SimulatorHandle> {
  const clients = new Set<net.Socket>();
  const started = Date.now();
  let held: { kg: number; motion: boolean } | null = null;
  let pausedUntil = 0;
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  const handle: SimulatorHandle = {
    port,
    hold(kg, o) {
      held = kg === null ? null : { kg, motion: o?.motion ?? false };
    },
    dropClients() {
      for (const c of clients) c.destroy();
    },
    pause(ms) {
      pausedUntil = Date.now() + ms;
    },
    async close() {
      clearInterval(timer);
      for (const c of clients) c.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const timer = setInterval(() => {
    if (Date.now() < pausedUntil) return;
    const f = held ?? scene(Date.now() - started);
    const frame = encodeToledo({ weight: f.kg, motion: f.motion, checksum: opts.checksum });
    for (const c of clients) c.write(frame);
    handle.onFrame?.(frame, f.kg);
  }, opts.intervalMs ?? 100);
  timer.unref();
  return handle;
}
