/**
 * Test helpers for the receiver tests (not exported from the package): a recording sink whose
 * behaviour each test can switch, and a promise wrapper for SDK exporters.
 */
import type { ExportResult } from '@opentelemetry/core';
import type { OtlpRequest, Signal } from '../../decode/otlp-types.js';
import type { Admission, OtlpSink, SinkResult } from '../types.js';

/** Accepted requests plus switches for refusal, rejection and failure. */
export class RecordingSink implements OtlpSink {
  readonly requests: { req: OtlpRequest; contentType: 'protobuf' | 'json'; bytes: number }[] = [];
  readonly admitted: { signal: Signal; contentLength: number | undefined }[] = [];
  /** When set, `admit` refuses this many times with this admission. */
  refuse: { times: number; admission: Exclude<Admission, { ok: true }> } | undefined;
  /** When set, `accept` reports this result. */
  result: SinkResult = { rejected: 0 };
  /** When set, `accept` fails this many times. */
  failTimes = 0;

  admit(signal: Signal, contentLength: number | undefined): Admission {
    this.admitted.push({ signal, contentLength });
    if (this.refuse !== undefined && this.refuse.times > 0) {
      this.refuse.times--;
      return this.refuse.admission;
    }
    return { ok: true };
  }

  accept(
    req: OtlpRequest,
    raw: { body: Uint8Array; contentType: 'protobuf' | 'json' },
  ): Promise<SinkResult> {
    if (this.failTimes > 0) {
      this.failTimes--;
      return Promise.reject(new Error('disk full'));
    }
    this.requests.push({ req, contentType: raw.contentType, bytes: raw.body.length });
    return Promise.resolve(this.result);
  }

  reset(): void {
    this.requests.length = 0;
    this.admitted.length = 0;
    this.refuse = undefined;
    this.result = { rejected: 0 };
    this.failTimes = 0;
  }
}

/** Anything with the SDK exporters' `export(items, callback)` shape. */
interface Exporter<T> {
  export(items: T, resultCallback: (result: ExportResult) => void): void;
}

/** Runs one export and resolves with its result. */
export function exportWith<T>(exporter: Exporter<T>, items: T): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(items, resolve));
}
