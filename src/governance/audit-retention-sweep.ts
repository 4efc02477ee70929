import { randomUUID } from 'node:crypto';
import type { LogRepository } from '../storage/database.ts';
import type { AuditLogRepository } from './audit-log.ts';

/**
 * Wraps the logs' `deleteOlderThan` so each retention sweep that deleted anything leaves one
 * audit entry (contract §14: retention runs are audited), without the sweeper knowing about
 * auditing. The sweeper deletes in batches until a batch comes back short; that short batch ends
 * the sweep, so the entry is written then with the sweep's total.
 */
export function auditRetentionSweep(options: {
  logs: Pick<LogRepository, 'deleteOlderThan'>;
  auditLogs: Pick<AuditLogRepository, 'append'>;
  warn: (message: string) => void;
}): Pick<LogRepository, 'deleteOlderThan'> {
  let deletedThisSweep = 0;
  return {
    async deleteOlderThan(before, batchSize) {
      const deleted = await options.logs.deleteOlderThan(before, batchSize);
      deletedThisSweep += deleted;
      if (deleted < batchSize) {
        const total = deletedThisSweep;
        deletedThisSweep = 0;
        if (total > 0) {
          await options.auditLogs.append({
            id: randomUUID(), timestamp: new Date().toISOString(), actor: 'system', action: 'request_logs.retention',
            target: 'request-logs', before: null, after: { deleted: total, older_than: before },
          }).catch((error: unknown) => options.warn(`could not audit a retention sweep: ${error instanceof Error ? error.message : String(error)}`));
        }
      }
      return deleted;
    },
  };
}
