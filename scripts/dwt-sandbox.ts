// Runs the built-in DWT sandbox on its own, for trying the API by hand or pointing another program at it:
//   node --import tsx scripts/dwt-sandbox.ts [--port 3100] [--client-id ID] [--client-secret SECRET]
// Prints the URLs, credentials and dummy apiCodes to use; stops on Ctrl-C.
import { parseArgs } from 'node:util';
import { startDwtSandbox } from '../lib/dwt/sandbox/server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3100' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be a port number (0 picks a free one), not "${values.port}"\n`);
  process.exit(2);
}

const sandbox = await startDwtSandbox({
  port,
  clientId: values['client-id'],
  clientSecret: values['client-secret'],
});

process.stdout.write(
  [
    'DWT sandbox running. Point Weighbook (or anything else) at it with:',
    '  DWT_ENVIRONMENT=sandbox',
    `  DWT_API_BASE_URL=${sandbox.baseUrl}`,
    `  DWT_AUTH_URL=${sandbox.authUrl}      (token endpoint ${sandbox.authUrl}/oauth2/token)`,
    `  DWT_CLIENT_ID=${sandbox.clientId}`,
    `  DWT_CLIENT_SECRET=${sandbox.clientSecret}`,
    `  DWT_API_CODE=${sandbox.apiCodes[0]}`,
    'Accepted apiCodes:',
    ...sandbox.apiCodes.map((code) => `  ${code}`),
    'Ctrl-C to stop.',
    '',
  ].join('\n'),
);

const stop = () => {
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
