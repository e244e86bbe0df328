/** The strict answer location: inside the last `<answer>…</answer>` pair. */

const ANSWER_TAG_RE = /<answer>([\s\S]*?)<\/answer>/g;

/**
 * Text inside the last `<answer>…</answer>` pair, trimmed, or null when there is none.
 * @example
 * taggedAnswer('<think>…</think><answer> 5 </answer>') // '5'
 * taggedAnswer('Answer: 5') // null
 */
export function taggedAnswer(completion: string): string | null {
  let last: string | null = null;
  for (const match of completion.matchAll(ANSWER_TAG_RE)) last = match[1]!;
  return last === null ? null : last.trim();
}
