import type { Redis } from 'ioredis';
import type { AlertsConfig } from '../config/config.ts';
import type { LimitWarning, LimitWarningSink } from '../limits/limit-warning.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import { AlertDeduplicator } from './alert-deduplicator.ts';
import { EmailAlertSender } from './email-alert-sender.ts';
import { formatLimitAlert } from './format-limit-alert.ts';
import { retryWithBackoff } from './retry-with-backoff.ts';
import { sendWebhookAlert } from './send-webhook-alert.ts';

export interface AlertDispatcherOptions {
  /** Read at each delivery, so alert settings changed at run time apply to the next alert. */
  alerts: () => AlertsConfig;
  metrics: Pick<GatewayMetrics, 'alertsSent' | 'alertsFailed'>;
  /** Logs deliveries given up on and deduplication trouble. */
  warn: (message: string) => void;
  /** Shared with other replicas, so each alert is sent once by all of them together. */
  redis?: Redis;
  /** REDIS_KEY_PREFIX. */
  keyPrefix?: string;
  /** Waits between tries of one destination (default [1 s, 5 s]: three tries). */
  retryDelaysMs?: readonly number[];
  /** Per try, per destination (default 10 s). */
  deliveryTimeoutMs?: number;
  now?: () => number;
}

type Destination = 'webhook' | 'email';

/**
 * Sends limit warnings to every configured destination (contract §6): a Slack-compatible webhook
 * and e-mail. `notify` returns at once; delivery, retries and backoff run in the background and
 * never on the request path. Each destination is tried on its own, so a broken mail server does
 * not hold back the webhook.
 */
export class AlertDispatcher implements LimitWarningSink {
  readonly #alerts: () => AlertsConfig;
  readonly #metrics: AlertDispatcherOptions['metrics'];
  readonly #warn: (message: string) => void;
  readonly #deduplicator: AlertDeduplicator;
  readonly #email: EmailAlertSender;
  readonly #retryDelaysMs: readonly number[];
  readonly #deliveryTimeoutMs: number;
  readonly #pending = new Set<Promise<void>>();

  constructor(options: AlertDispatcherOptions) {
    this.#alerts = options.alerts;
    this.#metrics = options.metrics;
    this.#warn = options.warn;
    this.#retryDelaysMs = options.retryDelaysMs ?? [1_000, 5_000];
    this.#deliveryTimeoutMs = options.deliveryTimeoutMs ?? 10_000;
    this.#email = new EmailAlertSender({ timeoutMs: this.#deliveryTimeoutMs });
    this.#deduplicator = new AlertDeduplicator({
      warn: options.warn,
      ...(options.redis && { redis: options.redis }),
      ...(options.keyPrefix !== undefined && { keyPrefix: options.keyPrefix }),
      ...(options.now && { now: options.now }),
    });
  }

  notify(warning: LimitWarning): void {
    if (!hasDestination(this.#alerts())) return;
    if (!this.#deduplicator.claimLocally(warning)) return;
    const delivery = this.#deliver(warning).catch((error: unknown) => {
      this.#warn(`Limit alert failed: ${(error as Error).message}`);
    });
    this.#pending.add(delivery);
    void delivery.finally(() => this.#pending.delete(delivery));
  }

  /** Resolves once every alert notified so far is delivered or given up on (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  async close(): Promise<void> {
    await this.flush();
    this.#email.close();
  }

  async #deliver(warning: LimitWarning): Promise<void> {
    if (!(await this.#deduplicator.claimAcrossReplicas(warning))) return;
    const message = formatLimitAlert(warning);
    const alerts = this.#alerts();
    const deliveries: Array<Promise<void>> = [];
    if (alerts.slackWebhookUrl) {
      const url = alerts.slackWebhookUrl;
      deliveries.push(this.#deliverTo('webhook', () => sendWebhookAlert({ url, text: message.text, timeoutMs: this.#deliveryTimeoutMs })));
    }
    if (alerts.email && alerts.email.to.length > 0) {
      const email = alerts.email;
      deliveries.push(this.#deliverTo('email', () => this.#email.send({ email, ...message })));
    }
    await Promise.all(deliveries);
  }

  async #deliverTo(destination: Destination, send: () => Promise<void>): Promise<void> {
    try {
      await retryWithBackoff(send, this.#retryDelaysMs);
      this.#metrics.alertsSent.inc({ destination });
    } catch (error) {
      this.#metrics.alertsFailed.inc({ destination });
      this.#warn(`Limit alert to ${destination} failed after ${this.#retryDelaysMs.length + 1} tries: ${(error as Error).message}`);
    }
  }
}

function hasDestination(alerts: AlertsConfig): boolean {
  return Boolean(alerts.slackWebhookUrl) || Boolean(alerts.email && alerts.email.to.length > 0);
}
