import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks an `Authorization` header value against the expected bearer token in constant time.
 * Both sides are hashed first so that the comparison time does not reveal the token's length.
 */
export function isAuthorized(header: string | undefined, token: string): boolean {
  if (header === undefined) return false;
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  const presented = createHash('sha256')
    .update(match?.[1] ?? '')
    .digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(presented, expected) && match !== null;
}
