// The TCP reader against the real simulator over real TCP: it reads frames, survives the indicator
// dropping the connection and being switched off, and reconnects by itself.
import { afterEach, describe, expect, it } from 'vitest';
import { FrameReader } from './framing';
import { toledoContinuous } from './parsers/toledo';
import { startIndicatorSimulator, type SimulatorHandle } from './simulator';
import { TcpIndicatorReader } from './tcp-reader';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function until(check: () => boolean, ms = 8000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function readerFor(port: number) {
  const weights: number[] = [];
  const frames = new FrameReader(toledoContinuous);
  const reader = new TcpIndicatorReader({
    host: '127.0.0.1',
    port,
    initialBackoffMs: 50,
    maxBackoffMs: 200,
    silenceMs: 1000,
    onData: (chunk) => {
      for (const r of frames.push(chunk)) if (r.ok && r.reading.weight !== null) weights.push(r.reading.weight);
    },
  });
  cleanups.push(() => reader.stop());
  return { reader, weights };
}

describe('TCP indicator reader', () => {
  it('reads the simulator, survives a dropped connection and reconnects', async () => {
    const sim = await startIndicatorSimulator({ intervalMs: 20 });
    cleanups.push(() => sim.close());
    sim.hold(12_340);
    const { reader, weights } = readerFor(sim.port);
    reader.start();
    await until(() => weights.length >= 3);
    expect(weights.at(-1)).toBe(12_340);
    sim.dropClients();
    sim.hold(15_000);
    await until(() => reader.connections >= 2 && weights.at(-1) === 15_000);
  });

  it('keeps retrying while the indicator is off, and picks up when it comes back on the same port', async () => {
    let sim: SimulatorHandle = await startIndicatorSimulator({ intervalMs: 20 });
    const port = sim.port;
    sim.hold(8_000);
    const { reader, weights } = readerFor(port);
    reader.start();
    await until(() => weights.length > 0);
    await sim.close();
    await until(() => reader.state !== 'connected');
    await new Promise((r) => setTimeout(r, 400)); // several failed attempts
    sim = await startIndicatorSimulator({ port, intervalMs: 20 });
    cleanups.push(() => sim.close());
    sim.hold(9_000);
    await until(() => weights.at(-1) === 9_000);
    expect(reader.state).toBe('connected');
  });

  it('drops a silent connection and reconnects', async () => {
    const sim = await startIndicatorSimulator({ intervalMs: 20 });
    cleanups.push(() => sim.close());
    sim.hold(5_000);
    const { reader, weights } = readerFor(sim.port);
    reader.start();
    await until(() => weights.length > 0);
    // A half-open connection: nothing sent, nothing closed (a hung converter).
    const before = reader.connections;
    sim.pause(1500);
    await until(() => reader.connections > before, 6000);
  });
});
