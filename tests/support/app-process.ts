import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const BACKEND_DIST = path.join(REPO_ROOT, 'backend', 'dist');

export interface AppProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /** Waits for the process to end; resolves its exit code. */
  exited(): Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

/** A temporary DATA_DIR the `postgres` OS user can reach (the embedded database runs as it under root). */
export function tempDataDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fulcrum-${label}-`));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** Runs the built backend (`dist/main.js` or `dist/worker.js`) as a user would, with its own env. */
export function startProcess(entry: 'main' | 'worker', env: Record<string, string>, ready: RegExp): Promise<AppProcess & { match: RegExpMatchArray }> {
  const child = spawn(process.execPath, [path.join(BACKEND_DIST, `${entry}.js`)], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not become ready in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        const port = Number(env.PORT ?? 0);
        resolve({
          url: `http://127.0.0.1:${port}`,
          port,
          child,
          match,
          output: () => output,
          exited: () => exit,
          async stop(signal: NodeJS.Signals = 'SIGTERM') {
            if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
            child.kill(signal);
            return exit;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before it was ready:\n${output}`));
    });
  });
}

export async function startApp(env: Record<string, string>): Promise<AppProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  return startProcess('main', { ...env, PORT: String(port) }, /Fulcrum is running at/);
}

export async function startWorker(env: Record<string, string>): Promise<AppProcess> {
  return startProcess('worker', env, /worker running/);
}

/** Runs the backend expecting it to refuse to start; resolves its exit code and output. */
export function runToFailure(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(BACKEND_DIST, 'main.js')], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
