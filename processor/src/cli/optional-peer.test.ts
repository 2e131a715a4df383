import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { importOptionalPeer } from './optional-peer.js';

/** Node's error for a bare import whose package is not installed. */
function notFound(name: string): Error {
  return Object.assign(
    new Error(`Cannot find package '${name}' imported from /app/node_modules/x/dist/y.js`),
    { code: 'ERR_MODULE_NOT_FOUND' },
  );
}

describe('importOptionalPeer', () => {
  it('hands the module through when it loads', async () => {
    await expect(importOptionalPeer('demo', ['a'], () => Promise.resolve(42))).resolves.toBe(42);
  });

  it('turns a missing package into exit 2 with the install line', async () => {
    const error = await importOptionalPeer(
      'demo',
      ['@mlmon/instrumentation', 'onnxruntime-node'],
      () => Promise.reject(notFound('onnxruntime-node')),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).toBe(
      'demo needs optional packages that are not installed (onnxruntime-node is missing): ' +
        'npm install @mlmon/instrumentation onnxruntime-node --ignore-scripts',
    );
  });

  it('asks for install scripts to be skipped only when onnxruntime-node is among the packages', async () => {
    const error = await importOptionalPeer('proxy', ['@mlmon/instrumentation'], () =>
      Promise.reject(notFound('@mlmon/instrumentation')),
    ).catch((e: unknown) => e);
    expect((error as CliError).message).toMatch(/: npm install @mlmon\/instrumentation$/);
  });

  it('reports any other load failure as a failed run (exit 1)', async () => {
    const error = await importOptionalPeer('demo', ['onnxruntime-node'], () =>
      Promise.reject(new Error('libonnxruntime.so: cannot open shared object file')),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(1);
    expect((error as CliError).message).toBe(
      'demo: libonnxruntime.so: cannot open shared object file',
    );
  });
});
