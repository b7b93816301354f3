// The web server `npm start` runs: Next's own request handler behind a plain Node HTTP server, so that
// the app knows which address each request came from (sign-in throttling, lib/auth/client-address.ts).
// Every request gets the connection's own address in x-weighbook-client-address, replacing anything
// the client sent. Without TRUST_PROXY=on, X-Forwarded-For from the client is dropped as well (Next
// then fills it in from the connection). Plain JavaScript: it runs without the launcher's tsx.
import http from 'node:http';
import next from 'next';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const trustProxy = process.env.TRUST_PROXY === 'on';
const CLIENT_ADDRESS_HEADER = 'x-weighbook-client-address';

const app = next({ dev, dir: process.cwd(), port, hostname: 'localhost' });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) {
    delete req.headers['x-forwarded-for'];
    delete req.headers['x-real-ip'];
  }
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
const upgrade = typeof app.getUpgradeHandler === 'function' ? app.getUpgradeHandler() : undefined;
if (upgrade) server.on('upgrade', (req, socket, head) => void upgrade(req, socket, head));
server.on('error', (error) => {
  const e = /** @type {NodeJS.ErrnoException} */ (error);
  if (e.code === 'EADDRINUSE') console.error(`Port ${port} is already in use by another program: stop it, or choose another port with PORT=.`);
  else console.error(`The web server could not listen on port ${port}: ${e.message}`);
  process.exit(2);
});
server.listen(port, () => console.log(`web server listening on port ${port}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
