import type { FastifyInstance } from 'fastify';
import { parseWith } from '../../../errors/validation-error.ts';
import type { PlatformSettingsStore } from '../../../settings/platform-settings-store.ts';
import { settingsPatchSchema, settingsToWire } from '../../../settings/settings-overrides.ts';

/**
 * /api/settings/ (contract §8): fallback_models (in order), retries, cache, alerts and log
 * retention. GET shows the effective values (config file overlaid by the API), PATCH changes only
 * the fields it names, DELETE drops every API override so the config file's values apply again.
 */
export function settingsRoutes(store: PlatformSettingsStore) {
  const present = () => {
    const settings = store.settings();
    return settingsToWire(settings, settings.overrides);
  };
  return async function registerSettingsRoutes(app: FastifyInstance): Promise<void> {
    app.get('/settings/', async () => present());
    app.patch('/settings/', async (request) => {
      await store.updateSettings(parseWith(settingsPatchSchema, request.body));
      return present();
    });
    app.delete('/settings/', async () => {
      await store.resetSettings();
      return present();
    });
  };
}
