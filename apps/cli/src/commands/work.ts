// `r1lab work`: the worker of apps/worker, from the r1lab command (same flags as its main.ts).
import { workMain } from '@r1lab/worker';

export async function workCommand(o: {
  api?: string;
  token?: string;
  once?: boolean;
  cacheDir?: string;
  name?: string;
  backend: string;
}): Promise<void> {
  const argv = ['--backend', o.backend];
  if (o.api) argv.push('--api', o.api);
  if (o.token) argv.push('--token', o.token);
  if (o.once) argv.push('--once');
  if (o.cacheDir) argv.push('--cache-dir', o.cacheDir);
  if (o.name) argv.push('--name', o.name);
  process.exitCode = await workMain(argv);
}
