// `npm run indicator:agent`: run at the site when the app is hosted elsewhere. It reads the indicator
// (over TCP: an RS-232-to-Ethernet converter or an indicator's network port) and pushes what it reads
// to the app over HTTPS, outbound only, with the weighbridge's agent token (made on the admin page).
//   WEIGHBOOK_URL=https://weighbook.example.org WEIGHBRIDGE_ID=<id> AGENT_TOKEN=<token> \
//   INDICATOR_HOST=192.168.1.50 INDICATOR_PORT=4001 npm run indicator:agent
// The app parses the bytes with the weighbridge's own format, so the agent needs no format setting.
import { TcpIndicatorReader } from '../lib/weighbridge/tcp-reader';

function need(name: string): string {
  const v = process.env[name];
  if (!v) {
    process.stderr.write(`Set ${name} (see the top of scripts/indicator-agent.ts).\n`);
    process.exit(1);
  }
  return v;
}

const base = new URL(need('WEIGHBOOK_URL'));
if (base.protocol !== 'https:' && !['localhost', '127.0.0.1'].includes(base.hostname)) {
  process.stderr.write('WEIGHBOOK_URL must be https:// (the token must not travel in clear).\n');
  process.exit(1);
}
const id = need('WEIGHBRIDGE_ID');
const token = need('AGENT_TOKEN');
const endpoint = new URL(`/api/weighbridges/${encodeURIComponent(id)}/agent`, base);
let pending: Buffer[] = [];
let sending = false;

async function flush(): Promise<void> {
  if (sending || pending.length === 0) return;
  sending = true;
  // Keep the newest bytes only: a reading that could not be sent in time is no longer a live weight.
  const chunks = pending.slice(-32).map((b) => b.subarray(0, 1024).toString('base64'));
  pending = [];
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ chunks }),
      signal: AbortSignal.timeout(5000),
    });
    if (res.status === 401) process.stderr.write('The app refused the agent token: make a new one on the weighbridge’s admin page.\n');
    else if (!res.ok) process.stderr.write(`The app answered ${res.status}.\n`);
  } catch (error) {
    process.stderr.write(`Could not reach the app: ${(error as Error).message}\n`);
  } finally {
    sending = false;
  }
}

const reader = new TcpIndicatorReader({
  host: need('INDICATOR_HOST'),
  port: Number(need('INDICATOR_PORT')),
  onData: (chunk) => {
    pending.push(Buffer.from(chunk));
    void flush();
  },
  onState: (state, detail) => process.stdout.write(`indicator: ${state}${detail ? ` (${detail})` : ''}\n`),
});
reader.start();
setInterval(() => void flush(), 50);
process.on('SIGINT', () => {
  reader.stop();
  process.exit(0);
});
