import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** The machine a benchmark ran on (figures are only comparable on the same one). */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  chromium?: string;
  prometheus?: string;
  platform: string;
  /** 1, 5 and 15 minute load averages when the bench started (other processes share the CPU). */
  loadAverage: number[];
  date: string;
}

function versionOf(bin: string, args: string[]): string | undefined {
  try {
    return execFileSync(bin, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] })
      .split('\n')[0]
      .trim();
  } catch {
    return undefined;
  }
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    chromium: versionOf('/usr/bin/chromium', ['--version']),
    prometheus: versionOf('/usr/bin/prometheus', ['--version'])?.replace(/\s*\(.*$/, ''),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    date: new Date().toISOString(),
  };
}
