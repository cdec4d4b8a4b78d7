// Canvas's request throttle: a leaky bucket per access token. Each request reserves an
// up-front amount while in flight, then is charged its real cost; the bucket drains at
// a fixed rate. A request arriving while the bucket is above the high-water mark is
// rejected (when blocking is enabled).
import { performance } from 'node:perf_hooks';

export interface ThrottleOptions {
  /** Reject requests over the high-water mark. Default false: the bucket is only reported in headers. */
  enabled?: boolean;
  /** Default 600 (Canvas's code default; hosted Canvas has quoted 700). */
  highWaterMark?: number;
  /** Bucket capacity: the level never exceeds this. Default 800. */
  maximum?: number;
  /** Units drained per second. Default 10. */
  outflowPerSecond?: number;
  /** Units reserved while a request is in flight. Default 50. */
  upFrontCost?: number;
  /** Units charged per finished request (Canvas charges CPU and database seconds). Default 0.25. */
  requestCost?: number;
  /** Status of a throttled response: 403 (Canvas's source) or 429 (hosted Canvas since October 2025). Default 403. */
  status?: 403 | 429;
}

export type ResolvedThrottleOptions = Required<ThrottleOptions>;

export function resolveThrottleOptions(options: ThrottleOptions = {}): ResolvedThrottleOptions {
  return {
    enabled: options.enabled ?? false,
    highWaterMark: options.highWaterMark ?? 600,
    maximum: options.maximum ?? 800,
    outflowPerSecond: options.outflowPerSecond ?? 10,
    upFrontCost: options.upFrontCost ?? 50,
    requestCost: options.requestCost ?? 0.25,
    status: options.status ?? 403,
  };
}

interface Bucket {
  level: number;
  updatedAt: number;
}

export interface ThrottleCharge {
  cost: number;
  remaining: number;
}

/** A request admitted by the throttle. Call `finish` once its response is ready. */
export interface ThrottleTicket {
  finish(): ThrottleCharge;
}

export class RequestThrottle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: ResolvedThrottleOptions) {}

  get status(): 403 | 429 {
    return this.options.status;
  }

  /** Admits a request for `key`, or returns undefined when it is throttled. */
  start(key: string): ThrottleTicket | undefined {
    const bucket = this.drain(key);
    if (this.options.enabled && bucket.level >= this.options.highWaterMark) {
      return undefined;
    }

    bucket.level = Math.min(this.options.maximum, bucket.level + this.options.upFrontCost);
    return {
      finish: () => {
        const drained = this.drain(key);
        const charged = drained.level - this.options.upFrontCost + this.options.requestCost;
        drained.level = Math.min(this.options.maximum, Math.max(0, charged));
        return { cost: this.options.requestCost, remaining: this.options.highWaterMark - drained.level };
      },
    };
  }

  private drain(key: string): Bucket {
    const now = performance.now();
    const bucket = this.buckets.get(key) ?? { level: 0, updatedAt: now };
    const elapsedSeconds = (now - bucket.updatedAt) / 1000;
    bucket.level = Math.max(0, bucket.level - elapsedSeconds * this.options.outflowPerSecond);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    return bucket;
  }
}
