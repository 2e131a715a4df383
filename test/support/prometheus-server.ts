/**
 * A real Prometheus (Debian package) for end-to-end tests: scrapes one loopback target every
 * second, in a temporary directory, on a free port; its output is kept for failure messages.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** The binary the suites use (`MLMON_PROMETHEUS_BIN` overrides it). */
export const PROMETHEUS = process.env['MLMON_PROMETHEUS_BIN'] ?? '/usr/bin/prometheus';

/** A running Prometheus. */
export interface PrometheusServer {
  /** Its HTTP API base, `http://127.0.0.1:<port>`. */
  readonly api: string;
  /** What it printed so far. */
  log(): string;
  /** Stops it and removes its directory. */
  stop(): Promise<void>;
}

/** Starts Prometheus scraping `127.0.0.1:<targetPort>` (job `mlmon`), with `extraArgs`. */
export async function startPrometheus(
  targetPort: number,
  extraArgs: readonly string[] = [],
): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-e2e-prometheus-'));
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: mlmon',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${targetPort}']`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(
    PROMETHEUS,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return {
    api: `http://127.0.0.1:${port}`,
    log: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
