/** The benchmarks' server processes: started as children, their memory and CPU time read from Linux's /proc. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Result } from 'autocannon';
import type { LoadSpec } from './load';

export interface Child {
  name: string;
  url: string;
  proc: ChildProcess;
  /** from spawn to the LISTENING line */
  listeningMs: number;
  stop(): Promise<void>;
}

/**
 * Starts a benchmark server (a script printing "LISTENING <url>" once it listens on 127.0.0.1)
 * as a child process with these Node flags; resolves once it listens.
 */
export function startServerProcess(name: string, script: string, args: string[], flags: readonly string[] = []): Promise<Child> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [...flags, script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s`)), 60_000);
    let out = '';
    let listening = false;
    // After the LISTENING line, stdout carries the app's request log (LOG_LEVEL=info, as in
    // production): read and dropped, so the app never waits on a full pipe.
    proc.stdout!.on('data', (chunk: Buffer) => {
      if (listening) return;
      out += chunk.toString();
      const m = /LISTENING (\S+)/.exec(out);
      if (m) {
        listening = true;
        clearTimeout(timer);
        resolve({
          name,
          url: m[1],
          proc,
          listeningMs: performance.now() - t0,
          stop: async () => {
            proc.kill('SIGTERM');
            const killer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
            await exited;
            clearTimeout(killer);
          },
        });
        out = '';
      }
    });
    proc.once('exit', (code) => reject(new Error(`${name} exited (${code}) before listening`)));
  });
}

/**
 * Resident memory of a process, MB (Linux /proc): now (VmRSS), or the most it has been at any
 * moment since it started (VmHWM, its high-water mark).
 */
export function rssMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
    return kb ? Number(kb[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time a process has used so far (user + system), ms (Linux /proc; clock ticks of 10 ms). */
export function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // After the name: state is field 3, so utime and stime (fields 14 and 15) are at 11 and 12.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}


let specCount = 0;
/** Runs autocannon in its own process (test/bench/load.ts), so it shares no event loop with what it measures; returns its result. */
export function runLoad(spec: LoadSpec): Promise<Result> {
  const file = path.join(os.tmpdir(), `powershare-bench-load-${process.pid}-${specCount++}.json`);
  fs.writeFileSync(file, JSON.stringify(spec));
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [path.join(__dirname, 'load.js'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.once('exit', (code) => {
      fs.rmSync(file, { force: true });
      if (code !== 0) return reject(new Error(`load generator exited ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as Result);
    });
  });
}
