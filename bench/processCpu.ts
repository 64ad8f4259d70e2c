// CPU seconds of the processes a benchmark measures, read from /proc (Linux); 0 elsewhere.
import { readFileSync } from 'node:fs';

/** CPU seconds (user + system) process `pid` has used, from /proc/<pid>/stat (clock ticks of 10 ms); 0 where there is no /proc. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** User + system seconds of this process's reaped children, from /proc/self/stat (cutime, cstime); 0 where there is no /proc. */
export function childrenCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

/** User + system seconds this process has used (all its threads: a worker's and DuckDB's too). */
export const ownCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
