/** The registry of generated tasks, by name. */
import { arithTask } from './generators/arith.ts';
import { countdownTask } from './generators/countdown.ts';
import { linearTask } from './generators/linear.ts';
import { wordTask } from './generators/word.ts';
import type { TaskDefinition } from './task-definition.ts';
import type { GeneratedTaskName } from './types.ts';

/**
 * Every generated task: its sampler and its step-by-step solver.
 * @example
 * Object.keys(TASKS) // ['arith', 'countdown', 'linear', 'word']
 */
export const TASKS: Readonly<Record<GeneratedTaskName, TaskDefinition>> = {
  arith: arithTask,
  countdown: countdownTask,
  linear: linearTask,
  word: wordTask,
};

/** Names of the generated tasks, in registry order. */
export const TASK_NAMES = Object.keys(TASKS) as GeneratedTaskName[];

/**
 * Looks a task up, with a clear error for an unknown name.
 * @example
 * getTask('arith').description
 */
export function getTask(name: string): TaskDefinition {
  const task = (TASKS as Record<string, TaskDefinition | undefined>)[name];
  if (!task) throw new Error(`unknown task '${name}'; expected one of ${TASK_NAMES.join(', ')}`);
  return task;
}
