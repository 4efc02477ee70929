export type Route =
  | { page: 'overview' }
  | { page: 'logs' }
  | { page: 'users' }
  | { page: 'user'; customerIdentifier: string }
  | { page: 'settings' }
  | { page: 'load-balancing' }
  | { page: 'limits' }
  | { page: 'keys' }
  | { page: 'providers' }
  | { page: 'not-found' };

const simplePages: Record<string, Route> = {
  '/': { page: 'overview' },
  '/logs': { page: 'logs' },
  '/users': { page: 'users' },
  '/settings': { page: 'settings' },
  '/load-balancing': { page: 'load-balancing' },
  '/limits': { page: 'limits' },
  '/keys': { page: 'keys' },
  '/providers': { page: 'providers' },
};

export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const simple = simplePages[path];
  if (simple !== undefined) return simple;
  const user = /^\/users\/(.+)$/.exec(path);
  if (user !== null) return { page: 'user', customerIdentifier: decodeURIComponent(user[1]) };
  return { page: 'not-found' };
}

export function userPath(customerIdentifier: string): string {
  return `/users/${encodeURIComponent(customerIdentifier)}`;
}
