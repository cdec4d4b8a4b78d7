// The machine a benchmark ran on, for the report.
import * as fs from 'node:fs';
import * as os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  nodeVersion: string;
  os: string;
  /** 1-minute load average when the benchmark started: other work on the machine skews timings. */
  loadAverage: number;
}

function readCpuModel(): string {
  try {
    const cpuInfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
    return /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1].trim() ?? os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

export function describeMachine(): MachineInfo {
  return {
    cpuModel: readCpuModel(),
    cores: os.cpus().length,
    ramGiB: os.totalmem() / 1024 ** 3,
    nodeVersion: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg()[0],
  };
}
