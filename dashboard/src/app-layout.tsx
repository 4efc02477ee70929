import { useEffect, useRef, useState } from 'react';
import { PageOutlet } from './page-outlet.tsx';
import { Link } from './routing/link.tsx';
import { matchRoute, type Route } from './routing/match-route.ts';
import { usePathname } from './routing/navigation.ts';

const navigation: Array<{ to: string; label: string; pages: Route['page'][] }> = [
  { to: '/', label: 'Overview', pages: ['overview'] },
  { to: '/logs', label: 'Logs', pages: ['logs'] },
  { to: '/users', label: 'Users', pages: ['users', 'user'] },
  { to: '/settings', label: 'Settings', pages: ['settings'] },
  { to: '/load-balancing', label: 'Load balancing', pages: ['load-balancing'] },
  { to: '/limits', label: 'Limits', pages: ['limits'] },
  { to: '/keys', label: 'API keys', pages: ['keys'] },
  { to: '/providers', label: 'Providers', pages: ['providers'] },
];

/** The signed-in frame: a side navigation (a menu on phones) and the current page. */
export function AppLayout({ onLogOut }: { onLogOut: () => void }) {
  const pathname = usePathname();
  const route = matchRoute(pathname);
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    setMenuOpen(false);
    const current = navigation.find((item) => item.pages.includes(route.page));
    document.title = current === undefined ? 'Switchboard' : `${current.label} · Switchboard`;
  }, [pathname, route.page]);

  return (
    <div className="app-layout">
      <a className="skip-link" href="#main" onClick={() => mainRef.current?.focus()}>
        Skip to content
      </a>
      <header className="top-bar">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" /> Switchboard
        </Link>
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="main-navigation" onClick={() => setMenuOpen((open) => !open)}>
          Menu
        </button>
      </header>
      <nav id="main-navigation" className={menuOpen ? 'side-nav open' : 'side-nav'} aria-label="Main">
        <ul>
          {navigation.map((item) => (
            <li key={item.to}>
              <Link to={item.to} aria-current={item.pages.includes(route.page) ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
        <button type="button" className="log-out" onClick={onLogOut}>
          Log out
        </button>
      </nav>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <PageOutlet route={route} />
      </main>
    </div>
  );
}
