/** Spawning a command as a user would (node + ts-node, no build step), with a temp corpus. */
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function nodeArgs(script: string, args: string[]): string[] {
  return ['-r', 'ts-node/register/transpile-only', path.join(ROOT, script), ...args];
}

export function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}, timeout = 60_000): Ran {
  const r = spawnSync(process.execPath, nodeArgs(script, args), {
    cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

export function start(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, nodeArgs(script, args), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const ran: Ran = { code: null, signal: null, stdout: '', stderr: '' };
  child.stdout.on('data', (d) => { ran.stdout += d; });
  child.stderr.on('data', (d) => { ran.stderr += d; });
  const done = new Promise<Ran>((resolve) => child.on('close', (code, signal) => resolve({ ...ran, code, signal })));
  return { child, ran, done };
}
