/** The time source of the service, injected so tests close windows without waiting. */
export interface Clock {
  /** Current time, Unix epoch milliseconds. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private nowMillis: number) {}

  now(): number {
    return this.nowMillis;
  }

  /** Moves the clock forward by `millis`. */
  advance(millis: number): void {
    this.nowMillis += millis;
  }

  /** Sets the clock. */
  set(unixMillis: number): void {
    this.nowMillis = unixMillis;
  }
}

/**
 * A clock that never goes back: when the wall clock is stepped backwards (NTP, a VM resumed, an
 * operator's `date -s`), time holds still until it catches up. Windows are cut and closed by this
 * time, so a step back cannot reopen a window that already closed — which would close it, and
 * report it, a second time. A step forward simply closes what is due.
 */
export class MonotonicClock implements Clock {
  private floor = Number.NEGATIVE_INFINITY;

  constructor(private readonly source: Clock) {}

  now(): number {
    const t = this.source.now();
    if (t > this.floor) this.floor = t;
    return this.floor;
  }

  /** Never return less than `unixMillis` (a time the service already acted on, e.g. replayed). */
  holdAtLeast(unixMillis: number): void {
    if (unixMillis > this.floor) this.floor = unixMillis;
  }
}
