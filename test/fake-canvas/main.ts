// Runs the fake Canvas with the sample data for the demo or manual testing:
//   node out/test/fake-canvas/main.js [--port N]
import { startFakeCanvas } from './server';
import { DEMO_TOKEN } from './tokens';

const DEFAULT_PORT = 8910;

function parsePort(args: string[]): number {
  const index = args.indexOf('--port');
  if (index < 0) {
    return DEFAULT_PORT;
  }
  const value = Number(args[index + 1]);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`Invalid --port value "${args[index + 1] ?? ''}": expected an integer from 0 to 65535.`);
  }
  return value;
}

async function main(): Promise<void> {
  const canvas = await startFakeCanvas({ port: parsePort(process.argv.slice(2)) });
  console.log(`Fake Canvas listening on ${canvas.baseUrl}`);
  console.log(`Demo API token: ${DEMO_TOKEN}`);
  console.log('Press Ctrl+C to stop.');

  const stop = (signal: string): void => {
    console.log(`Received ${signal}, stopping the fake Canvas.`);
    canvas.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Failed to stop the fake Canvas:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Failed to start the fake Canvas:', error instanceof Error ? error.message : error);
  process.exit(1);
});
