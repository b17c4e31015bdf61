/**
 * The run loop is synchronous work in a single thread; Node delivers SIGINT through the event
 * loop, so the loop must give it a turn now and then or Ctrl-C would wait for the end.
 */
const EVERY_MS = 50;

export class Yielder {
  private last: number;

  constructor(private readonly now: () => number = Date.now) {
    this.last = now();
  }

  async maybeYield(): Promise<void> {
    const t = this.now();
    if (t - this.last < EVERY_MS) return;
    this.last = t;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
