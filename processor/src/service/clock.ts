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
