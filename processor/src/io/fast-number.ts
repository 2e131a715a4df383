/**
 * Parses a plain decimal (`-12.345`, at most 15 significant digits, no exponent) straight from a
 * range of a string, without allocating. The result is bit-identical to `Number(text)`: the
 * digits form an integer m < 2^53 and 10^k (k <= 22) is exact, so m / 10^k is one correctly
 * rounded IEEE division of the exact decimal value (Clinger's fast path). Anything else returns
 * NaN and the caller falls back to `Number`.
 */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** The value of `text.slice(start, end)` when it is a plain short decimal, else NaN. */
export function parseDecimalRange(text: string, start: number, end: number): number {
  let i = start;
  let negative = false;
  const first = text.charCodeAt(i);
  if (first === 45 /* - */) {
    negative = true;
    i++;
  } else if (first === 43 /* + */) {
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let point = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (point) decimals++;
    } else if (c === 46 /* . */ && !point) {
      point = true;
    } else {
      return Number.NaN;
    }
  }
  if (digits === 0 || digits > 15 || decimals > 22) return Number.NaN;
  const value = decimals === 0 ? mantissa : mantissa / POW10[decimals]!;
  return negative ? -value : value;
}
