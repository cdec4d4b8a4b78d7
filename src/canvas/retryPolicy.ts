// The retry policy: the failed requests that are retried, and the wait before the next attempt.
import { CanvasError, NetworkError, ServerError, ThrottledError } from './errors';

/** Bounds of the retry loop. Delays grow exponentially from `baseDelayMs` with random jitter. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
};

/** The reason the client waits before the next attempt. */
export type RetryReason = 'throttled' | 'server' | 'network';

/** Returns why `error` may be retried, or undefined when retrying cannot help. */
export function retryReason(error: CanvasError): RetryReason | undefined {
  if (error instanceof ThrottledError) {
    return 'throttled';
  }

  if (error instanceof ServerError && (error.status === 502 || error.status === 503 || error.status === 504)) {
    return 'server';
  }

  if (error instanceof NetworkError) {
    return 'network';
  }

  return undefined;
}

/**
 * Returns the wait before attempt `attempt + 1` (attempt counts from 1): exponential with
 * full jitter, so several windows throttled at once do not retry in step.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms`, or rejects with an AbortError when `signal` aborts first. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }

    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal): Error {
  if (signal.reason instanceof Error) {
    return signal.reason;
  }

  const error = new Error('The request was cancelled.');
  error.name = 'AbortError';
  return error;
}
