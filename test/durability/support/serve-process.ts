/**
 * `mlmon serve` as a child process on 127.0.0.1 with ephemeral ports (run from source through
 * tsx, so a fresh clone needs only `npm ci`), plus small OTLP/HTTP and status API helpers.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../../processor/src/cli/main.ts', import.meta.url));

/** A running `mlmon serve`. */
export interface ServeProcess {
  readonly child: ChildProcess;
  readonly httpPort: number;
  /** The OTLP/gRPC port (0 when gRPC is off). */
  readonly grpcPort: number;
  readonly adminPort: number;
  /** Everything it wrote to stdout and stderr so far. */
  log(): string;
  /** Resolves with the exit code (or null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

/** Environment without the OTLP variables of the developer's shell. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('OTEL_') || key === 'MLMON_AUTH_TOKEN') delete env[key];
  }
  return { ...env, ...extra };
}

/** Arguments every test uses: loopback, ephemeral ports, no gRPC. */
export function baseArgs(dataDir: string): string[] {
  return [
    '--host',
    '127.0.0.1',
    '--otlp-http-port',
    '0',
    '--otlp-grpc-port',
    '0',
    '--prometheus-port',
    '0',
    '--data-dir',
    dataDir,
  ];
}

/** Starts `mlmon serve ARGS` and waits for its `listening:` line. */
export async function startServe(
  args: readonly string[],
  env: NodeJS.ProcessEnv = cleanEnv(),
  nodeArgs: readonly string[] = [],
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', MAIN, 'serve', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const line = await new Promise<string>((resolve, reject) => {
    const check = (): void => {
      const found = log.split('\n').find((l) => l.includes('listening:'));
      if (found) resolve(found);
    };
    child.stderr!.on('data', check);
    void exited.then((code) =>
      reject(new Error(`serve exited with ${code} before listening:\n${log}`)),
    );
  });
  const port = (re: RegExp): number => {
    const m = re.exec(line);
    if (!m) throw new Error(`no port in: ${line}`);
    return Number(m[1]);
  };
  return {
    child,
    httpPort: port(/OTLP\/HTTP [^\s,]*:(\d+)/),
    grpcPort: /OTLP\/gRPC [^\s,]*:(\d+)/.test(line) ? port(/OTLP\/gRPC [^\s,]*:(\d+)/) : 0,
    adminPort: port(/\/metrics on [^\s,]*:(\d+)/),
    log: () => log,
    exited,
  };
}

/** Sends SIGTERM and waits for the exit. */
export async function stopServe(p: ServeProcess | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  await p.exited;
}

/** POSTs an OTLP/JSON logs body; the response status, or 0 when the connection failed. */
export async function postLogs(
  port: number,
  body: Uint8Array,
  headers: Record<string, string> = {},
): Promise<{ status: number; retryAfter: string | null; text: string }> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/v1/logs`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
      // Bounded: a hung request fails the test instead of stalling it.
      signal: AbortSignal.timeout(30_000),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      text: await response.text(),
    };
  } catch {
    return { status: 0, retryAfter: null, text: '' };
  }
}

/** Per-window sample and label counts of a model version's all-slices stream (status API). */
export async function windowCounts(
  adminPort: number,
  model: string,
  version: string,
  headers: Record<string, string> = {},
): Promise<{ ends: number[]; current: number[]; labeled: number[] }> {
  const response = await fetch(
    `http://127.0.0.1:${adminPort}/api/v1/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}?windows=500`,
    { headers },
  );
  if (response.status === 404) return { ends: [], current: [], labeled: [] };
  if (response.status !== 200) throw new Error(`status API answered ${response.status}`);
  const detail = (await response.json()) as {
    slices: {
      label: string;
      windows: { endUnixMillis: number }[];
      samples: ({ current: number } | null)[];
      groundTruth: ({ labeled: number } | null)[];
    }[];
  };
  const all = detail.slices.find((s) => s.label === 'all');
  if (!all) return { ends: [], current: [], labeled: [] };
  return {
    ends: all.windows.map((w) => w.endUnixMillis),
    current: all.samples.map((s) => s?.current ?? 0),
    labeled: all.groundTruth.map((g) => g?.labeled ?? 0),
  };
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
