// r1lab: the command line. `run` executes a pipeline locally on the embedded defaults
// (PGlite + the fastest tfjs backend that loads); the other commands work on checkpoints and files.
import { Command, Option } from 'commander';
import { evalCommand } from './commands/eval.ts';
import { generateCommand } from './commands/generate.ts';
import { runCommand } from './commands/run.ts';
import { scoreCommand } from './commands/score.ts';

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
  .option('--run-dir <dir>', 'artifact folder of this run; the same folder again resumes it')
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

program.parseAsync().then(
  // tfjs-wasm threads keep the process alive; the work is done.
  () => process.exit(0),
  (err: unknown) => {
    console.error(`r1lab: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.R1LAB_DEBUG && err instanceof Error) console.error(err.stack);
    process.exit(1);
  },
);
