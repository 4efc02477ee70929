/**
 * Deployments that keep failing are cooled down: skipped while a healthy alternative exists
 * (issue 7). A deployment cools down after `failureThreshold` retryable failures within
 * `windowMs`, for `cooldownMs`. This is the single-process store; a Redis-backed one shares the
 * same interface across replicas.
 */
export interface CooldownStore {
  isCoolingDown(deploymentKey: string): boolean;
  recordFailure(deploymentKey: string): void;
  recordSuccess(deploymentKey: string): void;
}

export interface CooldownOptions {
  failureThreshold: number;
  windowMs: number;
  cooldownMs: number;
  now?: () => number;
}

export class MemoryCooldownTracker implements CooldownStore {
  readonly #options: Required<CooldownOptions>;
  readonly #failures = new Map<string, number[]>();
  readonly #coolUntil = new Map<string, number>();

  constructor(options: CooldownOptions) {
    this.#options = { now: Date.now, ...options };
  }

  isCoolingDown(deploymentKey: string): boolean {
    const until = this.#coolUntil.get(deploymentKey);
    if (until === undefined) return false;
    if (this.#options.now() < until) return true;
    this.#coolUntil.delete(deploymentKey);
    return false;
  }

  recordFailure(deploymentKey: string): void {
    const now = this.#options.now();
    const recent = (this.#failures.get(deploymentKey) ?? []).filter((at) => now - at < this.#options.windowMs);
    recent.push(now);
    if (recent.length >= this.#options.failureThreshold) {
      this.#coolUntil.set(deploymentKey, now + this.#options.cooldownMs);
      this.#failures.delete(deploymentKey);
      return;
    }
    this.#failures.set(deploymentKey, recent);
  }

  recordSuccess(deploymentKey: string): void {
    this.#failures.delete(deploymentKey);
  }

  /** When a cooldown ends, if one is in force. */
  cooledUntil(deploymentKey: string): number | undefined {
    return this.isCoolingDown(deploymentKey) ? this.#coolUntil.get(deploymentKey) : undefined;
  }

  /** Applies a cooldown decided elsewhere (another replica). */
  coolUntil(deploymentKey: string, until: number): void {
    if (until > (this.#coolUntil.get(deploymentKey) ?? 0)) this.#coolUntil.set(deploymentKey, until);
  }
}
