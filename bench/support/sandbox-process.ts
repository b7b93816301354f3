// The built-in DWT sandbox and its control server in a child process, for benchmarks: its stored
// movements and its CPU are then not the measured process's. The child is this same file run with
// --serve-sandbox; it prints where it listens and stops when the benchmark's end of its stdin closes.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface SandboxInfo {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  apiCode: string;
  controlUrl: string;
}

export interface SandboxStats {
  requests: Record<string, Record<string, number>>;
  acceptedPosts: Record<string, number>;
  postAttempts: number;
  movements: number;
}

export interface SandboxProcess {
  child: ChildProcess;
  info: SandboxInfo;
  /** The DWT_* settings that point the app at this sandbox. */
  env: Record<string, string>;
  knobs(knobs: Record<string, unknown>): Promise<void>;
  stats(): Promise<SandboxStats>;
  stop(): Promise<void>;
}

async function serveSandbox() {
  const { startDwtSandbox } = await import('../../lib/dwt/sandbox/server');
  const { startSandboxControl } = await import('../../lib/dwt/sandbox/control');
  const sandbox = await startDwtSandbox({ port: 0 });
  const control = await startSandboxControl(sandbox, { port: 0 });
  const info: SandboxInfo = {
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    apiCode: sandbox.apiCodes[0]!,
    controlUrl: control.url,
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0)); // the bench ended (or died): so does the sandbox
}

export async function startSandboxProcess(): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', fileURLToPath(import.meta.url), '--serve-sandbox'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the sandbox process stopped (${code})`)));
  });
  const info = JSON.parse(line) as SandboxInfo;
  const control = async (method: 'GET' | 'POST', route: string, body?: unknown) => {
    const response = await fetch(`${info.controlUrl}${route}`, {
      method,
      headers: { authorization: `Basic ${Buffer.from(`${info.clientId}:${info.clientSecret}`).toString('base64')}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`sandbox control ${route}: ${response.status}`);
    return response.status === 204 ? undefined : ((await response.json()) as SandboxStats);
  };
  return {
    child,
    info,
    env: {
      DWT_ENVIRONMENT: 'sandbox',
      DWT_API_BASE_URL: info.baseUrl,
      DWT_AUTH_URL: info.baseUrl,
      DWT_CLIENT_ID: info.clientId,
      DWT_CLIENT_SECRET: info.clientSecret,
      DWT_API_CODE: info.apiCode,
    },
    knobs: async (knobs) => void (await control('POST', '/knobs', knobs)),
    stats: async () => (await control('GET', '/stats'))!,
    stop: async () => {
      child.stdin!.end();
      child.kill('SIGTERM');
    },
  };
}

if (process.argv.includes('--serve-sandbox')) await serveSandbox();
