import { randomBytes } from 'node:crypto';
import type { SettingsRepository } from '../storage/database.ts';

const SETTINGS_KEY = 'generated_server_secret';

/**
 * The secret that keys API-key hashes and seals provider credentials: `SWITCHBOARD_SECRET` when
 * set, else one generated on first start and kept in the database, so a single-process install
 * needs no setup. Replicas should share SWITCHBOARD_SECRET (docs/deploy.md).
 */
export async function resolveServerSecret(configured: string | undefined, settings: SettingsRepository): Promise<{ secret: string; generated: boolean }> {
  if (configured !== undefined && configured !== '') return { secret: configured, generated: false };
  const stored = await settings.get<string>(SETTINGS_KEY);
  if (typeof stored === 'string' && stored !== '') return { secret: stored, generated: true };
  const secret = randomBytes(32).toString('base64url');
  await settings.set(SETTINGS_KEY, secret);
  return { secret, generated: true };
}
