// Which chart each logged metric goes on: the GRPO panels a practitioner reads first (reward with
// one line per reward function, accuracy, held-out pass@1, length, KL, entropy, clipping, …), then
// every other key grouped by its prefix, the way W&B groups `rewards/…` and `completions/…`.

export interface ChartDef {
  id: string;
  title: string;
  keys: string[];
  /** Draw mean ± std as a band (keys of the mean and the std series). */
  band?: { mean: string; std: string };
  /** A log y axis fits (positive, spans decades). */
  logFits?: boolean;
}

interface Panel {
  id: string;
  title: string;
  match: (key: string) => boolean;
  band?: { mean: string; std: string };
  logFits?: boolean;
}

const is =
  (...keys: string[]) =>
  (k: string) =>
    keys.includes(k);

const PANELS: Panel[] = [
  {
    id: 'reward',
    title: 'Reward (mean ± std) and each reward function',
    match: (k) => k === 'reward' || /^rewards\/[^/]+\/mean$/.test(k),
    band: { mean: 'reward', std: 'reward_std' },
  },
  {
    id: 'accuracy',
    title: 'Accuracy of the rollouts',
    match: is('accuracy', 'answer_anywhere', 'format', 'language_consistency'),
  },
  { id: 'held-out', title: 'Held-out pass@1 over steps', match: (k) => k.startsWith('eval/') },
  {
    id: 'length',
    title: 'Completion length (tokens)',
    match: is(
      'completions/mean_length',
      'completions/max_length',
      'completions/mean_terminated_length',
    ),
  },
  { id: 'clipped', title: 'Clipped completions (share)', match: is('completions/clipped_ratio') },
  {
    id: 'behaviour',
    title: 'Behaviour: verification and reflection rates',
    match: (k) => k.startsWith('behaviour/') || k.startsWith('behavior/'),
  },
  { id: 'kl', title: 'KL to the reference', match: is('kl'), logFits: true },
  { id: 'entropy', title: 'Entropy', match: is('entropy') },
  {
    id: 'clip',
    title: 'Clip fractions',
    match: is('clip_ratio/low_mean', 'clip_ratio/high_mean', 'clip_ratio/region_mean'),
  },
  { id: 'zero-std', title: 'frac_reward_zero_std', match: is('frac_reward_zero_std') },
  { id: 'grad-norm', title: 'Gradient norm', match: is('grad_norm'), logFits: true },
  { id: 'lr', title: 'Learning rate', match: is('learning_rate'), logFits: true },
  { id: 'loss', title: 'Loss', match: is('loss') },
  { id: 'throughput', title: 'Tokens/s', match: (k) => k.startsWith('throughput/'), logFits: true },
  {
    id: 'time',
    title: 'Time per step: sample / score / update (s)',
    match: (k) => k.startsWith('time/'),
  },
];

/**
 * @example
 * chartsFor(['reward', 'reward_std', 'rewards/accuracy/mean', 'kl']);
 * // [{ id: 'reward', keys: ['reward', 'rewards/accuracy/mean'], band: {…} }, { id: 'kl', … }, …]
 */
export function chartsFor(keys: string[]): ChartDef[] {
  const used = new Set<string>();
  const out: ChartDef[] = [];
  for (const p of PANELS) {
    const mine = keys.filter((k) => p.match(k)).sort(mainFirst);
    if (mine.length === 0) continue;
    for (const k of mine) used.add(k);
    const def: ChartDef = { id: p.id, title: p.title, keys: mine };
    if (p.band && keys.includes(p.band.mean) && keys.includes(p.band.std)) {
      def.band = p.band;
      used.add(p.band.std);
    }
    if (p.logFits) def.logFits = true;
    out.push(def);
  }
  const rest = new Map<string, string[]>();
  for (const k of keys) {
    if (used.has(k)) continue;
    const prefix = k.includes('/') ? k.slice(0, k.indexOf('/')) : k;
    rest.set(prefix, [...(rest.get(prefix) ?? []), k]);
  }
  for (const [prefix, list] of [...rest].sort(([a], [b]) => a.localeCompare(b))) {
    out.push({ id: `other-${prefix}`, title: prefix, keys: list.sort() });
  }
  return out;
}

/** `reward` before `rewards/…`, `eval/pass1` before the other held-out keys. */
function mainFirst(a: string, b: string): number {
  const rank = (k: string) => (k === 'reward' || k === 'eval/pass1' || k === 'accuracy' ? 0 : 1);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** The default keys when comparing runs. */
export const COMPARE_KEYS = ['reward', 'accuracy', 'eval/pass1', 'completions/mean_length', 'kl'];
