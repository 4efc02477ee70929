import type { GatewayServices } from '../gateway/gateway-services.ts';
import { logger } from '../operations/logger.ts';
import type { ChangeArea } from '../shared-state/change-notices.ts';
import type { SharedState } from '../shared-state/open-shared-state.ts';

export interface Reloads {
  api_keys(): Promise<void>;
  providers(): Promise<void>;
  settings(): Promise<void>;
  customer_limits(): Promise<void>;
}

/**
 * What another replica changed is reloaded from the database here (contract §11): each notice
 * names its area; a replica that missed notices (Redis was away) reloads everything.
 */
export function reloadOnChangeNotices(options: { sharedState: SharedState; services: GatewayServices; reload: Reloads }): void {
  const { reload, services } = options;
  const taskFor = (area: ChangeArea): (() => Promise<void>) | undefined => {
    switch (area) {
      case 'api_keys': return reload.api_keys;
      case 'providers': return reload.providers;
      case 'customer_limits': return reload.customer_limits;
      case 'prompts': return async () => services.prompts.invalidate();
      case 'cooldown': return undefined;
      default: return reload.settings;
    }
  };
  options.sharedState.notices.subscribe((notice) => {
    taskFor(notice.area)?.().catch((error: unknown) => logger.error({ err: error, area: notice.area }, 'reload after a change notice failed'));
  });
  options.sharedState.onResync(() => {
    services.prompts.invalidate();
    Promise.all([reload.api_keys(), reload.providers(), reload.settings(), reload.customer_limits()])
      .catch((error: unknown) => logger.error({ err: error }, 'resync failed'));
  });
}
