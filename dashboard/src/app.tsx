import { useCallback, useMemo, useState } from 'react';
import { ApiClient } from './api/api-client.ts';
import { ApiContext } from './api/api-context.tsx';
import { forgetKey, readStoredKey, storeKey } from './api/session.ts';
import { AppLayout } from './app-layout.tsx';
import { LoginPage } from './pages/login/login-page.tsx';

/** Signed in while session storage holds an admin key; every API call sends it as a bearer. */
export function App() {
  const [adminKey, setAdminKey] = useState<string | null>(() => readStoredKey());
  const [notice, setNotice] = useState<string>();

  const logOut = useCallback((message?: string) => {
    forgetKey();
    setAdminKey(null);
    setNotice(message);
  }, []);

  const client = useMemo(
    () => (adminKey === null ? null : new ApiClient({ key: adminKey, onUnauthorized: () => logOut('The gateway no longer accepts this key. Sign in again.') })),
    [adminKey, logOut],
  );

  if (client === null) {
    return (
      <LoginPage
        notice={notice}
        onSignedIn={(key) => {
          storeKey(key);
          setNotice(undefined);
          setAdminKey(key);
        }}
      />
    );
  }
  return (
    <ApiContext.Provider value={client}>
      <AppLayout onLogOut={() => logOut('Signed out.')} />
    </ApiContext.Provider>
  );
}
