import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';

/** What /proc says of one process: its parent, its command name and the CPU it has used (user + system). */
interface ProcStat {
  pid: number;
  ppid: number;
  name: string;
  cpuTicks: number;
}

/** Clock ticks a second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux for every architecture). */
const TICKS_PER_SECOND = 100;

function readStat(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // After the name: state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), name, cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** Every process now running. */
export function listProcesses(): ProcStat[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readStat(Number(entry)))
    .filter((p): p is ProcStat => p !== undefined);
}

/** `pid` and its children (Next.js may run its server in a child), from a listing. */
export function withChildren(pid: number, all: readonly ProcStat[]): number[] {
  return [pid, ...all.filter((p) => p.ppid === pid).map((p) => p.pid)];
}

/**
 * CPU seconds used so far by each group: a pid with its children, or every process called `processName`
 * (`postgres`: the server and its backends). A process that has exited no longer counts.
 */
export function cpuSeconds(groups: readonly { pid?: number | undefined; processName?: string }[]): number[] {
  const all = listProcesses();
  return groups.map(({ pid, processName }) => {
    const group = new Set(pid ? withChildren(pid, all) : []);
    const members = all.filter((p) => (processName ? p.name === processName : group.has(p.pid)));
    return members.reduce((sum, p) => sum + p.cpuTicks, 0) / TICKS_PER_SECOND;
  });
}

/**
 * Sets the CPU priority (nice) of `pid` and its children, every thread of each: on Linux a priority belongs
 * to a thread, and the threads a process started before (V8's collectors, libuv's pool) keep their own.
 */
export function renice(pid: number | undefined, nice: number): void {
  if (!pid) return;
  for (const member of withChildren(pid, listProcesses())) {
    let threads: string[];
    try {
      threads = readdirSync(`/proc/${member}/task`);
    } catch {
      continue;
    }
    for (const thread of threads) {
      try {
        setPriority(Number(thread), nice);
      } catch {}
    }
  }
}
