// Runs the benchmark's child processes and external commands.
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** Output and wall time of a finished command. */
export interface TimedCommand {
  stdout: string;
  elapsedMs: number;
}

/** Runs a command and resolves with its output and wall time, or rejects when it fails. */
export function runTimed(command: string, args: string[], cwd?: string): Promise<TimedCommand> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    execFile(command, args, { cwd, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8' }, (error, stdout, stderr) => {
      const elapsedMs = performance.now() - startedAt;
      if (error) {
        reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
        return;
      }
      resolve({ stdout, elapsedMs });
    });
  });
}

/** Runs a compiled benchmark script in a new Node process and parses the JSON it prints last. */
export async function runNodeScript<T>(script: string, args: string[]): Promise<T> {
  const { stdout } = await runTimed(process.execPath, [script, ...args]);
  const lastLine = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(lastLine) as T;
}
