// Cleanup steps of the test and demo scripts (stop servers, close the browser, remove temporary
// folders), run at the end of the script or on Ctrl+C, so that nothing outlives the script.

type CleanupStep = () => Promise<void> | void;

const steps: CleanupStep[] = [];
let running: Promise<void> | undefined;
let started = false;
let signalHandlersInstalled = false;

/** Adds a step. Steps run in reverse order of addition. */
export function addCleanup(step: CleanupStep): void {
  steps.push(step);
  installSignalHandlers();
}

/** True once the cleanup has begun, for example after Ctrl+C, so that stopped servers are expected. */
export function isCleaningUp(): boolean {
  return started;
}

/**
 * Runs every step added so far and removes it from the list. A failing step is logged and the
 * others still run. A call during a running cleanup waits for that cleanup to finish.
 */
export function runCleanup(): Promise<void> {
  started = true;
  running ??= runSteps().finally(() => {
    running = undefined;
  });
  return running;
}

async function runSteps(): Promise<void> {
  for (let step = steps.pop(); step; step = steps.pop()) {
    try {
      await step();
    } catch (error) {
      console.error(`Cleanup step failed: ${String(error)}`);
    }
  }
}

function installSignalHandlers(): void {
  if (signalHandlersInstalled) {
    return;
  }
  signalHandlersInstalled = true;

  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15]] as const) {
    process.once(signal, () => {
      console.error(`\n${signal} received: stopping.`);
      void runCleanup().finally(() => process.exit(128 + number));
    });
  }
}
