import { ApiKeysPage } from './pages/api-keys/api-keys-page.tsx';
import { LimitsPage } from './pages/limits/limits-page.tsx';
import { LoadBalancingPage } from './pages/load-balancing/load-balancing-page.tsx';
import { LogsPage } from './pages/logs/logs-page.tsx';
import { OverviewPage } from './pages/overview/overview-page.tsx';
import { ProvidersPage } from './pages/providers/providers-page.tsx';
import { SettingsPage } from './pages/settings/settings-page.tsx';
import { UserPage } from './pages/users/user-page.tsx';
import { UsersPage } from './pages/users/users-page.tsx';
import { Link } from './routing/link.tsx';
import type { Route } from './routing/match-route.ts';

export function PageOutlet({ route }: { route: Route }) {
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'logs':
      return <LogsPage />;
    case 'users':
      return <UsersPage />;
    case 'user':
      return <UserPage key={route.customerIdentifier} customerIdentifier={route.customerIdentifier} />;
    case 'settings':
      return <SettingsPage />;
    case 'load-balancing':
      return <LoadBalancingPage />;
    case 'limits':
      return <LimitsPage />;
    case 'keys':
      return <ApiKeysPage />;
    case 'providers':
      return <ProvidersPage />;
    case 'not-found':
      return (
        <section>
          <h1>Page not found</h1>
          <p>
            <Link to="/">Back to the overview</Link>
          </p>
        </section>
      );
  }
}
