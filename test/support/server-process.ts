import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { DemoEnvironment } from '../../src/cli/demo-environment.js';
import { TEST_AGENTS } from './test-stack.js';

/** A `switchboard serve` child process and its log lines. */
export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly publicUrl: string;
  /** Its stdout (JSON log lines), as they arrive. */
  readonly lines: string[];
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
}

/** Starts `switchboard serve` as its own process and resolves once it listens. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const listening = new Promise<{ url: string; publicUrl: string }>((resolve, reject) => {
    const reader = createInterface({ input: child.stdout! });
    reader.on('line', (line) => {
      lines.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string; publicUrl?: string };
        if (entry.msg === 'switchboard listening' && entry.url !== undefined) {
          resolve({ url: entry.url, publicUrl: entry.publicUrl ?? entry.url });
        }
      } catch {
        // Not a log line.
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return { child, ...(await listening), lines, exited };
}

/** The environment of a test server process: the demo's fakes, the test agents, port 0, info logs. */
export function serverProcessEnv(demo: DemoEnvironment, dataDir: string): Record<string, string> {
  return {
    ...demo.env,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SWITCHBOARD_CONFIG: TEST_AGENTS,
  };
}
