// From an indicator's frame to the weight a clerk's page receives, with the simulator over real TCP:
// simulator → TCP reader → framer + parser + stability judge → readings hub → server-sent events over
// real HTTP → an SSE client parsing the event. Baseline in the same run: the same frames read by a bare
// TCP socket (the transport alone). Not included: Next's routing of the SSE request (paid once per
// connection, not per frame) and the browser's paint (one React state update per frame).
// Run: node --conditions=react-server --import tsx bench/indicator-latency.ts [frames, default 300]
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { subscribe, stopHub } from '../lib/weighbridge/hub';
import type { ReaderConfig } from '../lib/weighbridge/schema';
import { startIndicatorSimulator } from '../lib/weighbridge/simulator';

const frames = Number(process.argv[2] ?? 300);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const sim = await startIndicatorSimulator({ intervalMs: 20 });
const sentAt = new Map<number, number>();
let n = 0;
sim.hold(10_000);
sim.onFrame = (_frame, kg) => {
  sentAt.set(kg, performance.now());
  n++;
  sim.hold(10_000 + (n % 5000) * 20); // every frame a different weight, so each can be matched
};

const config: ReaderConfig = {
  id: '00000000-0000-4000-8000-000000000001',
  siteId: '00000000-0000-4000-8000-000000000002',
  name: 'bench',
  connection: 'tcp',
  host: '127.0.0.1',
  port: sim.port,
  format: 'toledo',
  template: null,
  unit: 'kg',
  divisionKg: 20,
  serial: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
};

// The SSE endpoint as the app serves it (same hub, same message), on a plain HTTP server.
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
  const off = subscribe(config, (m) => res.write(`data: ${JSON.stringify(m)}\n\n`));
  req.on('close', off);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as net.AddressInfo).port;

async function measurePipeline(): Promise<number[]> {
  const latencies: number[] = [];
  await new Promise<void>((resolve) => {
    http.get({ host: '127.0.0.1', port, path: '/' }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const event = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const m = JSON.parse(event.replace(/^data: /, '')) as { live: { kg: number } | null };
          const t = m.live ? sentAt.get(m.live.kg) : undefined;
          if (t !== undefined) latencies.push(performance.now() - t);
          if (latencies.length >= frames) {
            res.destroy();
            resolve();
          }
        }
      });
    });
  });
  return latencies;
}

async function measureBareTcp(): Promise<number[]> {
  const latencies: number[] = [];
  await new Promise<void>((resolve) => {
    const s = net.connect(sim.port, '127.0.0.1');
    s.on('data', (chunk) => {
      // Toledo frames: weight digits at bytes 5–10 of each 17-byte frame.
      for (let i = chunk.indexOf(2); i >= 0 && i + 17 <= chunk.length; i = chunk.indexOf(2, i + 17)) {
        const kg = Number(
          chunk
            .subarray(i + 4, i + 10)
            .toString()
            .trim(),
        );
        const t = sentAt.get(kg);
        if (t !== undefined) latencies.push(performance.now() - t);
      }
      if (latencies.length >= frames) {
        s.destroy();
        resolve();
      }
    });
  });
  return latencies;
}

const bare = await measureBareTcp();
const pipeline = await measurePipeline();
const line = (label: string, xs: number[]) =>
  `${label.padEnd(34)} p50 ${pct(xs, 50).toFixed(2).padStart(6)} ms   p95 ${pct(xs, 95).toFixed(2).padStart(6)} ms   (${xs.length} frames)`;
process.stdout.write(`Indicator frame → weight received by the page's event stream (target p95 ≤ 100 ms)\n`);
process.stdout.write(line('bare TCP socket (baseline)', bare) + '\n');
process.stdout.write(line('TCP reader → hub → SSE over HTTP', pipeline) + '\n');
process.stdout.write(`overhead of the pipeline at p95: ${(pct(pipeline, 95) - pct(bare, 95)).toFixed(2)} ms\n`);
server.close();
stopHub();
await sim.close();
process.exit(0);
