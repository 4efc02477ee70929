import type { ChangeNotices } from '../shared-state/change-notices.ts';
import { MemoryCooldownTracker, type CooldownOptions, type CooldownStore } from './cooldown-tracker.ts';

/**
 * Cooldowns shared by replicas (issue 7): each replica counts failures it sees; when one cools a
 * deployment down, it announces the deployment and the end time, and every replica skips it until
 * then. Checking stays a local, synchronous lookup on the hot path.
 */
export class SharedCooldownTracker implements CooldownStore {
  readonly #local: MemoryCooldownTracker;
  readonly #notices: ChangeNotices;
  readonly #now: () => number;
  readonly #announced = new Map<string, number>();

  constructor(options: CooldownOptions & { notices: ChangeNotices }) {
    this.#local = new MemoryCooldownTracker(options);
    this.#notices = options.notices;
    this.#now = options.now ?? Date.now;
    options.notices.subscribe((notice) => {
      if (notice.area !== 'cooldown') return;
      const key = notice.detail?.deploymentKey;
      const until = notice.detail?.until;
      if (typeof key === 'string' && typeof until === 'number') this.#local.coolUntil(key, until);
    });
  }

  isCoolingDown(deploymentKey: string): boolean {
    return this.#local.isCoolingDown(deploymentKey);
  }

  recordFailure(deploymentKey: string): void {
    this.#local.recordFailure(deploymentKey);
    const until = this.#local.cooledUntil(deploymentKey);
    if (until !== undefined && this.#announced.get(deploymentKey) !== until && until > this.#now()) {
      this.#announced.set(deploymentKey, until);
      this.#notices.publish('cooldown', { deploymentKey, until });
    }
  }

  recordSuccess(deploymentKey: string): void {
    this.#local.recordSuccess(deploymentKey);
  }
}
