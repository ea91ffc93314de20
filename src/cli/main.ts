#!/usr/bin/env node
import { formatDoctorReport, runDoctor } from '../config/index.js';
import { ConfigError } from '../errors/config-error.js';
import { bootServer, EXAMPLE_PROVISIONING } from './boot.js';
import { runCallCommand } from './call-command.js';
import { runSeedCommand } from './seed-command.js';
import { startDemoEnvironment } from './demo-environment.js';

const USAGE = `Usage: switchboard <command>

  serve    start the server (configuration from the environment; see README)
  demo     start the server with fake providers: no keys needed
  call     place a simulated call (npm run call -- --help)
  doctor   check the configuration and print every problem found
  seed     fill an organisation with demo customers, vehicles and appointments
`;

async function serve(env: NodeJS.ProcessEnv, demo: boolean): Promise<void> {
  const demoEnvironment = demo ? await startDemoEnvironment({ realVoice: true }) : undefined;
  const server = await bootServer(
    { ...env, ...demoEnvironment?.env },
    { defaultProvisioning: demo ? EXAMPLE_PROVISIONING : undefined },
  );
  if (demo) {
    process.stdout.write(`Demo server on ${server.url}. In another terminal: npm run call\n`);
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      process.exit(1);
    }
    stopping = true;
    process.stdout.write(`${signal}: finishing live calls, then stopping (again to force)\n`);
    void server
      .close()
      .then(() => demoEnvironment?.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      await serve(process.env, false);
      return -1;
    case 'demo':
      await serve(process.env, true);
      return -1;
    case 'call':
      return runCallCommand(rest);
    case 'seed':
      return runSeedCommand(rest);
    case 'doctor': {
      const report = await runDoctor({ env: process.env });
      process.stdout.write(`${formatDoctorReport(report, { color: process.stdout.isTTY })}\n`);
      return report.ok ? 0 : 1;
    }
    default:
      process.stdout.write(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration problem:\n${error.message}\n`);
      process.exit(78);
    }
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
