// `bun apps/worker/src/main.ts --api URL --token T [--backend auto] [--once]` (and `r1lab work`):
// a self-hosted worker. SIGTERM / SIGINT: finish the step, checkpoint, give the job back, exit 0.
import { parseArgs } from 'node:util';
import { Worker } from './worker.ts';

export async function workMain(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      api: { type: 'string', default: process.env.R1LAB_API ?? 'http://127.0.0.1:8080' },
      token: { type: 'string', default: process.env.R1LAB_TOKEN },
      backend: { type: 'string', default: process.env.R1LAB_BACKEND ?? 'auto' },
      once: { type: 'boolean', default: false },
      'cache-dir': { type: 'string' },
      name: { type: 'string' },
    },
    strict: true,
  });
  const backends = ['auto', 'tensorflow', 'wasm', 'cpu'];
  if (!backends.includes(values.backend!)) {
    console.error(`--backend must be one of ${backends.join(', ')}, got "${values.backend}"`);
    return 2;
  }
  const worker = new Worker({
    api: values.api!,
    token: values.token,
    backend: values.backend as 'auto',
    once: values.once,
    cacheDir: values['cache-dir'],
    name: values.name,
    log: (line) => console.log(line),
  });
  const onSignal = () => {
    console.log('stopping: finishing the current step, saving a checkpoint, releasing the job…');
    worker.stop();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  const outcomes = await worker.run();
  return outcomes.some((o) => o.status === 'failed') && values.once ? 1 : 0;
}

const isMain =
  import.meta.url === `file://${process.argv[1]}` || (import.meta as { main?: boolean }).main;
if (isMain) {
  workMain(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
