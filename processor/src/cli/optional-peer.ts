/**
 * Loading of the optional peer dependencies that only `mlmon demo` and `mlmon proxy` use: the
 * instrumentation library, its OTel SDK entry and onnxruntime-node. `@mlmon/processor` does not
 * depend on them, so the batch commands and the service install and run without the SDK or a
 * native runtime; a command that needs them imports them when it runs and, when one is missing,
 * stops with exit 2 and the one `npm install` line that fixes it.
 */
import { CliError } from './cli-error.js';

/** The SDK and exporter packages `@mlmon/instrumentation/sdk` loads (its optional peers). */
export const SDK_PEER_PACKAGES: readonly string[] = [
  '@opentelemetry/api',
  '@opentelemetry/resources',
  '@opentelemetry/sdk-logs',
  '@opentelemetry/sdk-metrics',
  '@opentelemetry/sdk-trace-base',
  '@opentelemetry/sdk-trace-node',
  '@opentelemetry/exporter-logs-otlp-proto',
  '@opentelemetry/exporter-metrics-otlp-proto',
  '@opentelemetry/exporter-trace-otlp-proto',
];

/** The package a failed bare import could not find, from Node's `ERR_MODULE_NOT_FOUND` message. */
function missingPackage(error: unknown): string | undefined {
  if ((error as NodeJS.ErrnoException | null)?.code !== 'ERR_MODULE_NOT_FOUND') return undefined;
  return /Cannot find package '([^']+)'/.exec((error as Error).message)?.[1];
}

/**
 * Runs `load` (a dynamic `import()` of optional peers) for the subcommand `command` (`demo`);
 * when a package is not installed, throws a {@link CliError} (exit 2) naming it and every
 * package in `packages`; any other load failure becomes a {@link CliError} with exit 1.
 */
export async function importOptionalPeer<T>(
  command: string,
  packages: readonly string[],
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const missing = missingPackage(error);
    // Installed but unloadable (a broken native binding, say): a failed run, not a usage error.
    if (missing === undefined) throw new CliError(`${command}: ${(error as Error).message}`, 1);
    // onnxruntime-node's install script downloads CUDA libraries it does not need on CPU (and
    // fails offline); its CPU binaries are in the tarball, so the script is skipped.
    const flags = packages.includes('onnxruntime-node') ? ' --ignore-scripts' : '';
    throw new CliError(
      `${command} needs optional packages that are not installed (${missing} is missing): ` +
        `npm install ${packages.join(' ')}${flags}`,
    );
  }
}
