// `npm run indicator:sim`: a weighbridge indicator on TCP (Toledo continuous, ~10 frames a second): a
// lorry drives on, settles, drives off, comes back empty, and so on. Point a weighbridge at it with
// connection "Network", host 127.0.0.1 and the port printed below.
//   --port=3110   (default INDICATOR_SIM_PORT or 3110)   --checksum   (Toledo with checksum byte)
//   --hold=24000  (a steady weight instead of the loop)
import { startIndicatorSimulator } from '../lib/weighbridge/simulator';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const port = Number(arg('port') ?? process.env.INDICATOR_SIM_PORT ?? 3110);
const sim = await startIndicatorSimulator({ port, host: arg('host') ?? '127.0.0.1', checksum: process.argv.includes('--checksum') });
const hold = arg('hold');
if (hold !== undefined) sim.hold(Number(hold));
process.stdout.write(
  `Indicator simulator (Toledo continuous${process.argv.includes('--checksum') ? ' with checksum' : ''}) on tcp://127.0.0.1:${sim.port}. Ctrl+C to stop.\n`,
);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => undefined, 1 << 30);
