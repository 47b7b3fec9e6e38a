/**
 * Rate-limits a repeated action per cause: `run` calls `act` at most once a second for each cause and
 * tells it how many calls it swallowed since the last one (an outage logs one line a second, not one per
 * failed request).
 */
export class OncePerSecond {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly intervalMs = 1_000,
  ) {}

  run(cause: string, act: (suppressed: number) => void): void {
    const now = this.now();
    const seen = this.last.get(cause);
    if (seen !== undefined && now - seen.at < this.intervalMs) {
      seen.suppressed += 1;
      return;
    }
    this.last.set(cause, { at: now, suppressed: 0 });
    act(seen?.suppressed ?? 0);
  }
}
