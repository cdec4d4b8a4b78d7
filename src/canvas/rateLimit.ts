// Pacing for Canvas's rate limit. Canvas keeps a leaky bucket per token. Each request reserves
// an up-front cost while in flight and is then charged its real cost. The bucket drains at a
// fixed rate, and Canvas rejects requests while it is above its high-water mark. Every response
// reports `X-Rate-Limit-Remaining` (high-water mark minus the level) and `X-Request-Cost`.

export interface RateLimitOptions {
  /** Units the bucket drains per second. Canvas's default is 10. */
  outflowPerSecond: number;
  /** Units Canvas reserves for a request in flight. Canvas's default is 50. */
  upFrontCost: number;
  /** Below this many remaining units the client waits before its next request. */
  paceBelowRemaining: number;
  /** The maximum single wait, in milliseconds. */
  maxWaitMs: number;
}

export const defaultRateLimitOptions: RateLimitOptions = {
  outflowPerSecond: 10,
  upFrontCost: 50,
  paceBelowRemaining: 100,
  maxWaitMs: 60_000,
};

/** Tracks the rate-limit headers of one token and computes the wait before the next request. */
export class RateLimitTracker {
  private remaining?: number;
  private lastCost = 0;
  private recordedAt = 0;

  constructor(
    private readonly options: RateLimitOptions = defaultRateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads `X-Rate-Limit-Remaining` and `X-Request-Cost`; responses without them change nothing. */
  record(remainingHeader: string | undefined, costHeader: string | undefined): void {
    const remaining = Number.parseFloat(remainingHeader ?? '');
    if (Number.isFinite(remaining)) {
      this.remaining = remaining;
      this.recordedAt = this.now();
    }

    const cost = Number.parseFloat(costHeader ?? '');
    if (Number.isFinite(cost) && cost >= 0) {
      this.lastCost = cost;
    }
  }

  /** Remaining units now: the last reported value plus what the bucket drained since. */
  estimatedRemaining(): number | undefined {
    if (this.remaining === undefined) {
      return undefined;
    }

    const drained = ((this.now() - this.recordedAt) / 1000) * this.options.outflowPerSecond;
    return this.remaining + drained;
  }

  /** Milliseconds to wait before the next request so that it does not push the bucket over the mark. */
  paceDelayMs(): number {
    const remaining = this.estimatedRemaining();
    if (remaining === undefined || remaining >= this.options.paceBelowRemaining) {
      return 0;
    }

    return this.waitFor(this.options.paceBelowRemaining - remaining);
  }

  /** Milliseconds to wait after a throttled response: until one request's worth has drained. */
  throttledDelayMs(): number {
    const remaining = Math.min(this.estimatedRemaining() ?? 0, 0);
    return this.waitFor(this.options.upFrontCost + this.lastCost - remaining);
  }

  private waitFor(units: number): number {
    const milliseconds = Math.ceil((units / this.options.outflowPerSecond) * 1000);
    return Math.min(this.options.maxWaitMs, Math.max(0, milliseconds));
  }
}
