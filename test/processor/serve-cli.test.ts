/**
 * `mlmon serve` as a process: YAML config with flags winning, the standard OTLP env variables,
 * every configuration error reported at once with its key, and SIGTERM/SIGINT → flush, exit 0.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../../processor/src/cli/main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mlmon-serve-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cleanEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('OTEL_')) delete env[key];
  return env;
};

/** Starts `mlmon serve`, resolves with the log line that says it listens. */
function startServe(args: string[], env: NodeJS.ProcessEnv = cleanEnv()) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const listening = new Promise<string>((resolve, reject) => {
    const check = () => {
      const line = log.split('\n').find((l) => l.includes('listening:'));
      if (line) resolve(line);
    };
    child.stderr.on('data', check);
    void exited.then((code) =>
      reject(new Error(`serve exited with ${code} before listening:\n${log}`)),
    );
  });
  return { child, listening, exited, log: () => log };
}

describe('mlmon serve (process)', () => {
  it('reports every configuration error at once, naming each key, and exits 2', () => {
    const config = join(dir, 'bad.yaml');
    writeFileSync(config, 'window-seconds: soon\nbogus: 1\n');
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        MAIN,
        'serve',
        '--config',
        config,
        '--otlp-http-port',
        '70000',
        '--reference',
        'last-week',
      ],
      { env: { ...cleanEnv(), OTEL_EXPORTER_OTLP_PROTOCOL: 'smoke-signals' }, encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('mlmon: invalid configuration (5 errors):');
    expect(result.stderr).toContain('config file key "window-seconds": must be an integer');
    expect(result.stderr).toContain('config file key "bogus": unknown key');
    expect(result.stderr).toContain(
      '--otlp-http-port: must be an integer from 0 to 65535, got "70000"',
    );
    expect(result.stderr).toContain(
      '--reference: must be first-window, previous-window, seasonal, rolling or a profile file',
    );
    expect(result.stderr).toContain('environment variable OTEL_EXPORTER_OTLP_PROTOCOL: must be');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'serves /metrics with YAML config and flags winning, then %s flushes and exits 0',
    async (signal) => {
      const config = join(dir, `ok-${signal}.yaml`);
      writeFileSync(
        config,
        [
          'host: 127.0.0.1',
          'otlp-http-port: 0',
          'otlp-grpc-port: 0',
          'prometheus-port: 0',
          'window-seconds: 60',
          `data-dir: ${join(dir, `data-${signal}`)}`,
          '',
        ].join('\n'),
      );
      const serve = startServe(['--config', config, '--window-seconds', '120'], {
        ...cleanEnv(),
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9/',
      });
      try {
        const line = await serve.listening;
        expect(line).toContain('window 120s');
        expect(line).toContain('exporting to http://127.0.0.1:9/v1/metrics');
        const port = /\/metrics on 127\.0\.0\.1:(\d+)/.exec(line)![1];
        const response = await fetch(`http://127.0.0.1:${port}/metrics`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
        expect(await response.text()).toContain('# TYPE mlmon_processor_streams gauge');
        serve.child.kill(signal);
        expect(await serve.exited).toBe(0);
        expect(serve.log()).toContain(`${signal}: flushing and stopping`);
      } finally {
        if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
      }
    },
  );
});
