/** Parent side of the service processes (see serviceMain.ts): start, send commands, stop. */
import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { ServiceReply, ServiceRole } from './serviceMain';

export interface Service {
  role: ServiceRole;
  url: string;
  pid: number;
  call<T = unknown>(cmd: string, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

const ENTRY = path.join(__dirname, 'serviceMain.ts');

export function startService(role: ServiceRole, config: unknown = {}, timeoutMs = 60_000): Promise<Service> {
  const child: ChildProcess = fork(ENTRY, [role, JSON.stringify(config)], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=4096'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let exited = false;
  child.on('message', (m: ServiceReply) => {
    const p = pending.get(m.id);
    if (p) {
      pending.delete(m.id);
      m.ok ? p.resolve(m.result) : p.reject(new Error(`${role}: ${m.error}`));
    }
  });
  child.on('exit', (code, signal) => {
    exited = true;
    for (const p of pending.values()) {
      p.reject(new Error(`${role} service exited (${code ?? signal})`));
    }
    pending.clear();
  });

  const call = <T>(cmd: string, ms = 600_000) =>
    new Promise<T>((resolve, reject) => {
      if (exited) {
        reject(new Error(`${role} service is not running`));
        return;
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${role}: ${cmd} timed out after ${ms} ms`));
      }, ms);
      pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.send({ id, cmd });
    });

  const stop = async () => {
    if (exited) {
      return;
    }
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    await call('stop', 10_000).catch(() => child.kill('SIGKILL'));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  };

  return new Promise<Service>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${role} service did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    pending.set(0, {
      resolve: (v) => {
        clearTimeout(timer);
        resolve({ role, url: (v as { url: string }).url, pid: child.pid!, call, stop });
      },
      reject: (e) => {
        clearTimeout(timer);
        reject(e);
      },
    });
  });
}
