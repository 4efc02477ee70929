import { randomUUID } from 'node:crypto';
import type { Config } from '../config/config.ts';
import { keyPrefix } from '../keys/api-key-hash.ts';
import type { KeyRing } from '../keys/key-ring.ts';
import { logger } from '../operations/logger.ts';
import type { Database } from '../storage/database.ts';

/** Keys named in the config are created once, by name; replicas racing to create them is safe. */
export async function createConfiguredKeys(config: Config, database: Database, keyRing: KeyRing): Promise<void> {
  for (const configured of config.apiKeys) {
    const { row, created } = await database.apiKeys.insertIfNameAbsent({
      id: randomUUID(),
      name: configured.name,
      key_hash: keyRing.hash(configured.key),
      key_prefix: keyPrefix(configured.key),
      scope: configured.scope,
      limits: configured.limits,
      created_at: new Date().toISOString(),
      expires_at: null,
      revoked_at: null,
    });
    if (!created && row.key_hash !== keyRing.hash(configured.key)) {
      logger.warn({ name: configured.name }, 'an API key with this name already exists with a different key; the stored one is kept');
    }
  }
}
