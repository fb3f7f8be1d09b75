/** Bounded concurrency: at most N calls in flight, the rest queued in order. */

/** Runs async tasks with at most `limit` of them in flight. */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  /** @param limit maximum tasks in flight (≥ 1) */
  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`concurrency limit must be an integer ≥ 1, found ${limit}`);
  }

  /**
   * Runs `task` when a slot is free.
   * @param task the async work
   */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }

  /** Tasks in flight now (for tests and progress output). */
  get inFlight(): number {
    return this.active;
  }
}

/**
 * Maps `items` through `fn` with at most `limit` calls in flight; results keep the input order.
 * @param items inputs
 * @param limit maximum calls in flight
 * @param fn async mapping
 */
export async function mapLimit<I, O>(items: readonly I[], limit: number, fn: (item: I, index: number) => Promise<O>): Promise<O[]> {
  const limiter = new ConcurrencyLimiter(limit);
  return Promise.all(items.map((item, i) => limiter.run(() => fn(item, i))));
}
