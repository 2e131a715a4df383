/**
 * `mlmon drift`, `evaluate`, `baseline` and `serve` never load the OpenTelemetry SDK, an OTLP
 * exporter or onnxruntime-node: the real CLI runs in a child process with a module resolve hook
 * that records every specifier it resolves. `mlmon proxy` is the control: it does load the SDK,
 * so the hook would see one if a batch command pulled it in.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'processor/src/cli/main.ts');
const HEAVY = /@opentelemetry\/(sdk-|exporter-)|onnxruntime-node/;

const dir = mkdtempSync(join(tmpdir(), 'mlmon-loads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = Array.from(
  { length: 40 },
  (_, i) => `${(i * 37) % 100},${['a', 'b'][i % 2]},${(i % 10) / 10},${i % 2}`,
);
const csv = join(dir, 'table.csv');
writeFileSync(csv, `x,c,p,y\n${rows.join('\n')}\n`);

/** A resolve hook (run in Node's hooks thread) appending `specifier → url` lines to `log`. */
function hookImport(log: string): string {
  const hook = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, specifier + ' ' + result.url + '\\n');
  return result;
}`;
  const register = `import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
  return `data:text/javascript,${encodeURIComponent(register)}`;
}

/** Runs `mlmon …args` from the sources; returns the exit status and the resolved modules. */
function run(name: string, args: readonly string[]): { status: number | null; resolved: string[] } {
  const log = join(dir, `${name}.log`);
  writeFileSync(log, '');
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', hookImport(log), MAIN, ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: r.status, resolved: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

describe('modules the batch commands and the service load', () => {
  /** The command lines (`{csv}`, `{dir}` filled in), all expected to exit 0. */
  const cases = [
    'drift --reference {csv} --current {csv} --columns x,c',
    'evaluate --predictions {csv} --task binary_classification --score-column p --label-column y',
    'baseline --input {csv} --model m --version 1 --out {dir}/profile.json',
    'serve --help',
    '--help',
  ];
  const argv = (line: string): string[] =>
    line.replaceAll('{csv}', csv).replaceAll('{dir}', dir).split(' ');

  it.each(cases)('mlmon %s loads no SDK, exporter or onnxruntime-node', (line) => {
    const r = run(line.split(' ')[0]!.replace(/^-+/, ''), argv(line));
    expect(r.status).toBe(0);
    expect(r.resolved.some((entry) => entry.includes('commander'))).toBe(true);
    expect(r.resolved.filter((entry) => HEAVY.test(entry))).toEqual([]);
  });

  it('mlmon proxy (the control) does load the SDK', () => {
    const r = run(
      'proxy',
      argv('proxy --listen 0 --upstream http://127.0.0.1:9 --otlp-endpoint ftp://not-http'),
    );
    expect(r.status).toBe(2);
    expect(r.resolved.some((entry) => /@opentelemetry\/sdk-trace-node/.test(entry))).toBe(true);
  });
});
