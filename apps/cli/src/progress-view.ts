// One progress bar per stage with its live key metric; plain lines when stderr is not a terminal
// (CI logs), so long stages still show they are alive.
import cliProgress from 'cli-progress';

export class ProgressView {
  private readonly multi = process.stderr.isTTY
    ? new cliProgress.MultiBar(
        {
          format: ' {stage} |{bar}| {value}/{total} {info}',
          barsize: 30,
          hideCursor: true,
          clearOnComplete: false,
          stream: process.stderr,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  private readonly bars = new Map<string, cliProgress.SingleBar>();
  private readonly lastLogged = new Map<string, number>();

  update(stage: string, done: number, total: number, info: Record<string, number> = {}): void {
    const text = Object.entries(info)
      .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(3)}`)
      .join('  ');
    if (this.multi) {
      let bar = this.bars.get(stage);
      if (!bar) {
        bar = this.multi.create(total, 0, { stage: stage.padEnd(18), info: '' });
        this.bars.set(stage, bar);
      }
      bar.setTotal(total);
      bar.update(done, { stage: stage.padEnd(18), info: text });
      return;
    }
    const pct = Math.floor((done / Math.max(1, total)) * 10);
    if (pct !== this.lastLogged.get(stage) || done === total) {
      this.lastLogged.set(stage, pct);
      process.stderr.write(`  ${stage}: ${done}/${total} ${text}\n`);
    }
  }

  log(line: string): void {
    if (this.multi) this.multi.log(`${line}\n`);
    else process.stderr.write(`${line}\n`);
  }

  stop(): void {
    this.multi?.stop();
  }
}
