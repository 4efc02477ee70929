import { GATEWAY_KEY_NAME } from '../gateway/call-model-through-gateway.ts';
import type { GatewayServices } from '../gateway/gateway-services.ts';
import { enqueueRequestEvaluations, type OnlineEvaluator } from '../evaluations/online-evaluator.ts';
import type { LogRecord } from '../logging/log-record.ts';
import { logger } from '../operations/logger.ts';
import type { Database } from '../storage/database.ts';

/**
 * Once a batch of logs is written: the ones matching online-evaluation automations, and those
 * whose request asked for evaluation (`eval_params`), are queued for scoring (contract §13). The
 * gateway's own judge calls are never scored, so a judge cannot trigger itself.
 */
export function queueEvaluationsAfterWrite(options: {
  onlineEvaluator: OnlineEvaluator;
  repository: Database['evaluations'];
  requestedEvaluations: GatewayServices['requestedEvaluations'];
}): (records: readonly LogRecord[]) => void {
  return (records) => {
    options.onlineEvaluator.onLogsWritten(records.filter((record) => record.api_key !== GATEWAY_KEY_NAME))
      .catch((error: unknown) => logger.warn({ err: error }, 'queueing online evaluations failed'));
    for (const record of records) {
      const evalParams = options.requestedEvaluations.get(record.unique_id);
      if (evalParams === undefined) continue;
      options.requestedEvaluations.delete(record.unique_id);
      enqueueRequestEvaluations({ repository: options.repository, logUniqueId: record.unique_id, evalParams })
        .catch((error: unknown) => logger.warn({ err: error }, 'queueing requested evaluations failed'));
    }
  };
}
