// One progress bar per stage with rate, ETA and its live key metric; when stderr is not a terminal
// (CI logs, `| tee`), a plain line at every 10 % and at least every 30 s, so a long stage always
// shows it is alive and when it will end.
import cliProgress from 'cli-progress';

export interface ProgressViewOptions {
  /** Draw bars (default: whether stderr is a terminal). */
  tty?: boolean;
  write?: (line: string) => void;
  now?: () => number;
  /** Longest silence between plain lines, in ms (default 30 s). */
  everyMs?: number;
}

interface StageClock {
  startedAt: number;
  startDone: number;
  lastLine: number;
  lastTenth: number;
}

/**
 * "6 min 30 s", "45 s", "1 h 05 min".
 *
 * @example
 * clock(390); // '6 min 30 s'
 */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3_600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3_600)} h ${String(Math.floor((s % 3_600) / 60)).padStart(2, '0')} min`;
}

export class ProgressView {
  private readonly multi: cliProgress.MultiBar | undefined;
  private readonly bars = new Map<string, cliProgress.SingleBar>();
  private readonly clocks = new Map<string, StageClock>();
  private readonly write: (line: string) => void;
  private readonly now: () => number;
  private readonly everyMs: number;

  constructor(o: ProgressViewOptions = {}) {
    const tty = o.tty ?? Boolean(process.stderr.isTTY);
    this.write = o.write ?? ((line) => process.stderr.write(`${line}\n`));
    this.now = o.now ?? (() => performance.now());
    this.everyMs = o.everyMs ?? 30_000;
    this.multi = tty
      ? new cliProgress.MultiBar(
          {
            format: ' {stage} |{bar}| {value}/{total} {rate} · ETA {etaText} {info}',
            barsize: 30,
            hideCursor: true,
            clearOnComplete: false,
            stream: process.stderr,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  }

  update(stage: string, done: number, total: number, info: Record<string, number> = {}): void {
    const t = this.now();
    let c = this.clocks.get(stage);
    if (!c) {
      c = { startedAt: t, startDone: done, lastLine: -Infinity, lastTenth: -1 };
      this.clocks.set(stage, c);
    }
    const elapsed = (t - c.startedAt) / 1000;
    const progressed = done - c.startDone;
    const perStep = progressed > 0 ? elapsed / progressed : undefined;
    const eta = perStep !== undefined ? clock((total - done) * perStep) : '…';
    const rate =
      perStep === undefined
        ? ''
        : perStep >= 1
          ? `${perStep.toFixed(1)} s/step`
          : `${(1 / perStep).toFixed(1)} steps/s`;
    const text = Object.entries(info)
      .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(3)}`)
      .join('  ');
    if (this.multi) {
      let bar = this.bars.get(stage);
      if (!bar) {
        bar = this.multi.create(total, 0, {
          stage: stage.padEnd(18),
          info: '',
          rate: '',
          etaText: '…',
        });
        this.bars.set(stage, bar);
      }
      bar.setTotal(total);
      bar.update(done, { stage: stage.padEnd(18), info: text, rate, etaText: eta });
      return;
    }
    const tenth = Math.floor((done / Math.max(1, total)) * 10);
    if (tenth !== c.lastTenth || done === total || t - c.lastLine >= this.everyMs) {
      c.lastTenth = tenth;
      c.lastLine = t;
      const pct = Math.round((100 * done) / Math.max(1, total));
      const tail = done === total ? `done in ${clock(elapsed)}` : `ETA ${eta}`;
      this.write(
        `  ${stage}: ${done}/${total} (${pct}%) ${text}${rate ? ` · ${rate}` : ''} · ${tail}`,
      );
    }
  }

  log(line: string): void {
    if (this.multi) this.multi.log(`${line}\n`);
    else this.write(line);
  }

  stop(): void {
    this.multi?.stop();
  }
}
