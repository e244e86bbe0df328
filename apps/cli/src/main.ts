// r1lab: the command line. `run` executes a pipeline locally on the embedded defaults.
import { Command } from 'commander';

const program = new Command()
  .name('r1lab')
  .description(
    'Train reasoning models the R1 way (GRPO + rule-based rewards) and keep the record of every run.',
  );

program
  .command('run')
  .description('run a pipeline end to end on this machine (PGlite + the default backend)')
  .action(() => {
    console.log('r1lab run: the pipeline has not landed yet (issue 7).');
  });

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
