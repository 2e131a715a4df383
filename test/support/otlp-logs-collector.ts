/**
 * A stand-in OTLP/HTTP JSON logs endpoint for tests that receive `ml.alert` events from the
 * processor: it answers every request with 200 and keeps the log records posted to `/v1/logs`.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A log record as OTLP/JSON carries it (the fields the tests read). */
export interface JsonLogRecord {
  eventName?: string;
  severityNumber?: number;
  attributes?: { key: string; value: { stringValue?: string; doubleValue?: number } }[];
}

/** The string or double value of attribute `key` of `r`. */
export function logAttribute(r: JsonLogRecord, key: string): string | number | undefined {
  const v = r.attributes?.find((a) => a.key === key)?.value;
  return v?.stringValue ?? v?.doubleValue;
}

/** A listening collector on loopback: its port, the records received so far, and `close`. */
export async function startLogsCollector(): Promise<{
  port: number;
  records: JsonLogRecord[];
  close: () => Promise<void>;
}> {
  const records: JsonLogRecord[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (req.url === '/v1/logs') {
        const parsed = JSON.parse(body) as {
          resourceLogs: { scopeLogs: { logRecords: JsonLogRecord[] }[] }[];
        };
        for (const rl of parsed.resourceLogs)
          for (const sl of rl.scopeLogs) records.push(...sl.logRecords);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    records,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
