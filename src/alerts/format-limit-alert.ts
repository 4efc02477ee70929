import { describeSubject, describeWindow, formatLimitAmount } from '../limits/describe-limit.ts';
import type { LimitWarning } from '../limits/limit-warning.ts';

export interface LimitAlertMessage {
  /** E-mail subject line. */
  subject: string;
  /** The whole alert: the webhook's `text` and the e-mail body. */
  text: string;
}

/**
 * One alert names the key or customer, the metric, the window, the value reached and the
 * threshold (issue 9), so whoever reads it in Slack or a mailbox needs nothing else to act.
 */
export function formatLimitAlert(warning: LimitWarning): LimitAlertMessage {
  const who = describeSubject(warning.kind, warning.label);
  const threshold = formatLimitAmount(warning.metric, warning.warnAt);
  const window = warning.window === 'lifetime' ? 'lifetime total' : `${describeWindow(warning.window)}, window ${warning.windowId} UTC`;
  const blocking = warning.blockAt === undefined
    ? 'No block limit is set.'
    : `Requests will be refused once ${formatLimitAmount(warning.metric, warning.blockAt)} is reached.`;
  return {
    subject: `Switchboard: ${who} crossed its ${warning.metric} warning of ${threshold} ${describeWindow(warning.window)}`,
    text: `Switchboard limit warning: ${who} has used ${formatLimitAmount(warning.metric, warning.used)} `
      + `(${warning.metric}, ${window}), crossing the warning threshold of ${threshold}. ${blocking}`,
  };
}
