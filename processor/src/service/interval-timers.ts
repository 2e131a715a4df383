/** The service's periodic loops: unref'd intervals (they never keep the process alive), cleared together. */
export class IntervalTimers {
  private timers: NodeJS.Timeout[] = [];

  /** Runs `task` every `millis`. */
  every(millis: number, task: () => void): void {
    const timer = setInterval(task, millis);
    timer.unref();
    this.timers.push(timer);
  }

  /** Stops every loop. */
  clear(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }
}
