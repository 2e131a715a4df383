/** A short, bounded `error.type` (self-telemetry attribute) from an export error message. */
export function exportErrorType(message: string): string {
  const http = /^HTTP (\d{3})/.exec(message);
  if (http) return http[1]!;
  if (message.startsWith('gRPC')) return 'grpc_error';
  if (/timeout|aborted/i.test(message)) return 'timeout';
  return 'network_error';
}
