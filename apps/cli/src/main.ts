// r1lab: the command line. `run` executes a pipeline locally on the embedded defaults
// (PGlite + the fastest tfjs backend that loads); the other commands work on checkpoints and files.
import { Command, Option } from 'commander';
import { evalsShow, metricsShow, runsCancel, runsList, runsShow } from './commands/api-client.ts';
import { baseModelCommand } from './commands/base-model.ts';
import { evalCommand } from './commands/eval.ts';
import { generateCommand } from './commands/generate.ts';
import { runCommand } from './commands/run.ts';
import { scoreCommand } from './commands/score.ts';
import { serveCommand, tokenCreate, tokenList, tokenRevoke } from './commands/serve.ts';
import { workCommand } from './commands/work.ts';

const backendOption = () =>
  new Option('--backend <kind>', 'compute backend')
    .choices(['auto', 'tensorflow', 'wasm', 'cpu'])
    .default(process.env.R1LAB_BACKEND ?? 'auto');

const program = new Command()
  .name('r1lab')
  .description(
    'Train reasoning models the R1 way (GRPO + rule-based rewards) and keep the record of every run.',
  )
  .showHelpAfterError();

program
  .command('run')
  .description('run a pipeline end to end on this machine (PGlite + the default backend)')
  .option('--preset <name>', 'r1-zero | r1 | tiny-r1-zero | tiny-r1', 'r1-zero')
  .option('--task <name>', "arith | countdown | linear | word (default: the preset's)")
  .option('--seed <n>', "run seed (default: the preset's, 0)")
  .option('--spec <file.json>', 'a pipeline spec file instead of a preset')
  .option(
    '--data-dir <dir>',
    'where the database, runs and cache live (default $R1LAB_DATA_DIR or ./.r1lab)',
  )
  .option(
    '--resume <run>',
    'continue an interrupted run (its newest checkpoints) instead of starting one',
  )
  .option('--no-shipped-base', 'pretrain the base model even when models/ ships one with its key')
  .addOption(backendOption())
  .action(runCommand);

program
  .command('eval')
  .description('pass@1, pass@k, cons@k, format and language consistency of a checkpoint')
  .requiredOption(
    '--checkpoint <dir>',
    'checkpoint folder (model.safetensors, config.json, tokenizer.json)',
  )
  .option('--task <name>', 'arith | countdown | linear | word', 'arith')
  .option('--difficulty <level>', 'easy | medium | hard', 'easy')
  .option('--n <n>', 'samples per problem', '16')
  .option('--k <k>', 'k of pass@k and cons@k (default n)')
  .option('--problems <n>', 'held-out problems', '500')
  .option('--temperature <t>', 'sampling temperature', '1')
  .option('--max-new-tokens <n>', 'completion length limit', '64')
  .option('--seed <n>', 'seed of the test set and the sampler', '0')
  .option('--data-dir <dir>', 'where the database lives')
  .addOption(backendOption())
  .action(evalCommand);

program
  .command('score')
  .description('score JSONL lines {completion, answer, prompt?, lang?, task?} with every reward')
  .requiredOption('--in <file.jsonl>', 'input file (- for stdin)')
  .option('--out <file.jsonl>', 'output file (default stdout)')
  .option(
    '--weights <list>',
    'reward weights, e.g. accuracy=1,format=0.5 (default accuracy=1,format=1)',
  )
  .action(scoreCommand);

program
  .command('generate')
  .description('sample completions for a prompt from a checkpoint')
  .requiredOption('--checkpoint <dir>', 'checkpoint folder')
  .requiredOption('--prompt <text>', 'the prompt (\\n for a newline)')
  .option('--n <n>', 'completions', '4')
  .option('--temperature <t>', 'sampling temperature', '1')
  .option('--max-new-tokens <n>', 'completion length limit', '64')
  .option('--seed <n>', 'sampler seed', '0')
  .option('--greedy', 'argmax decoding')
  .addOption(backendOption())
  .action(generateCommand);

program
  .command('base-model')
  .description("build a preset's shipped base model (models/<name>/): pretrain, evaluate, manifest")
  .option('--preset <name>', 'the preset whose pretrain stage to build', 'r1-zero')
  .option('--out <dir>', 'where to write it', 'models/r1-zero-base')
  .option('--from <checkpoint>', 'take this finished pretraining checkpoint instead of pretraining')
  .option('--stage <name>', "the pretrain stage to build (default: the preset's first)")
  .addOption(backendOption())
  .action(baseModelCommand);

program
  .command('serve')
  .description('serve the API and its docs over the data folder (PGlite, or DATABASE_URL)')
  .option('--port <n>', 'port', '8080')
  .option(
    '--host <addr>',
    'address to bind (non-loopback needs an API token to exist)',
    '127.0.0.1',
  )
  .option('--data-dir <dir>', 'data folder (default $R1LAB_DATA_DIR or ./.r1lab)')
  .option('--workers <n>', 'also start N workers in this process', '0')
  .addOption(backendOption())
  .action(serveCommand);

program
  .command('work')
  .description(
    'a worker: claim stage jobs from an API and run them (Ctrl-C: checkpoint and release)',
  )
  .option('--api <url>', 'API base URL (default $R1LAB_API or http://127.0.0.1:8080)')
  .option('--token <token>', 'a worker token (default $R1LAB_TOKEN)')
  .option('--once', 'run at most one job, then exit')
  .option('--cache-dir <dir>', 'input cache and job folders (default ./.r1lab/worker)')
  .option('--name <name>', "this worker's name")
  .addOption(backendOption())
  .action(workCommand);

const token = program.command('token').description('API tokens (stored hashed in the database)');
token
  .command('create')
  .description('create a token and print it once')
  .requiredOption('--role <role>', 'admin | worker | viewer')
  .option('--name <name>', 'a label for the token')
  .option('--data-dir <dir>', 'data folder')
  .action(tokenCreate);
token
  .command('list')
  .description('list tokens')
  .option('--data-dir <dir>', 'data folder')
  .action(tokenList);
token
  .command('revoke <id>')
  .description('revoke a token')
  .option('--data-dir <dir>', 'data folder')
  .action(tokenRevoke);

const apiOptions = (c: Command) =>
  c
    .option('--api <url>', 'API base URL (default $R1LAB_API_URL or http://127.0.0.1:8080)')
    .option('--token <token>', 'bearer token (default $R1LAB_TOKEN)')
    .option('--json', 'JSON for scripts instead of a table');

const runs = program.command('runs').description('runs recorded by an API (`r1lab serve`)');
apiOptions(runs.command('list').description('list runs'))
  .option('--status <list>', 'e.g. running,succeeded')
  .option('--preset <name>', 'only this preset')
  .option('--limit <n>', 'at most this many', '50')
  .action(runsList);
apiOptions(runs.command('show <id>').description('a run with its stages')).action(runsShow);
apiOptions(runs.command('cancel <id>').description('cancel a run')).action(runsCancel);
apiOptions(
  program
    .command('metrics <run>')
    .description("a run's metric series (its first GRPO stage by default)"),
)
  .option('--stage <name>', 'stage name or id')
  .option('--keys <list>', 'comma-separated metric keys (default: all)')
  .option('--points <n>', 'points per series (server-side downsampling)', '20')
  .action(metricsShow);
apiOptions(
  program.command('evals <run>').description("a run's evaluations (pass@1 per checkpoint)"),
).action(evalsShow);

program.parseAsync().then(
  // tfjs-wasm threads keep the process alive; the work is done.
  () => process.exit(0),
  (err: unknown) => {
    console.error(`r1lab: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.R1LAB_DEBUG && err instanceof Error) console.error(err.stack);
    process.exit(1);
  },
);
