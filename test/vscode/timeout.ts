/** The environment variable that overrides a test run's overall time limit, in seconds. */
export const timeoutVariable = 'CANVAS_SIS_TEST_TIMEOUT';

/** Returns CANVAS_SIS_TEST_TIMEOUT when set, else the default. Throws when the value is not a positive number. */
export function readTimeoutSeconds(defaultSeconds: number): number {
  const configured = process.env[timeoutVariable];
  if (configured === undefined || configured === '') {
    return defaultSeconds;
  }

  const seconds = Number(configured);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`${timeoutVariable} must be a positive number of seconds, not "${configured}".`);
  }
  return seconds;
}

/** Settles like the promise, or resolves with 'timeout' after the given seconds if that comes first. */
export async function withTimeout<T>(promise: Promise<T>, seconds: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), seconds * 1000);
  });

  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
