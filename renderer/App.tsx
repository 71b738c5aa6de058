import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './client';
import type { ConsoleEvent } from '../preload/api';
import { useConsoleEvents, useLoad } from './hooks';
import { NAVIGATION, sectionOf, type Navigate, type Route } from './navigation';
import { EnvironmentBadge } from './components/EnvironmentBadge';
import { InboxBadge } from './components/InboxBadge';
import { KeyboardShortcuts } from './components/KeyboardShortcuts';
import { usePageKeys } from './shortcuts';
import { carryNotice, Notices, useNotices } from './components/Notices';
import { OverviewScreen } from './screens/Overview';
import { InboxScreen } from './screens/Inbox';
import { MessageScreen } from './screens/Message';
import { SendFileScreen } from './screens/SendFile';
import { FoldersScreen } from './screens/Folders';
import { ExportsScreen } from './screens/Exports';
import { ExportDetailScreen } from './screens/ExportDetail';
import { SettingsScreen } from './screens/Settings';
import { AuditLogScreen } from './screens/AuditLog';
import { ProfilesScreen } from './screens/Profiles';
import { ProfileSwitcher } from './components/ProfileSwitcher';

export function App() {
  const [route, setRoute] = useState<Route>({ screen: 'overview' });
  const { notices, dismiss } = useNotices();
  const [shortcutsShown, setShortcutsShown] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const overview = useLoad(() => api().overview());
  const profiles = useLoad(() => api().profiles());

  const navigate: Navigate = useCallback((next) => setRoute(next), []);

  // Move focus to the new screen's heading so keyboard and screen reader users land there.
  useEffect(() => {
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route]);

  // Another profile is on screen: nothing of the last one may stay, so the page starts afresh.
  useConsoleEvents((event: ConsoleEvent) => {
    if (event.type !== 'profile-switched') return;
    if (event.notice) carryNotice(event.notice);
    window.location.reload();
  });

  usePageKeys((key) => {
    if (key !== '?') return false;
    setShortcutsShown(true);
    return true;
  });

  const section = sectionOf(route);
  return (
    <div className="app">
      <a className="nhsuk-skip-link" href="#main-content">
        Skip to main content
      </a>
      <header className={`app-header app-header--${overview.data?.environment ?? 'unknown'}`} role="banner">
        <span className="app-header__title">MESH console</span>
        {overview.data ? (
          <span className="app-header__where">
            <InboxBadge initial={overview.data.inbox.unread} onOpen={() => navigate({ screen: 'inbox' })} />
            {profiles.data ? <ProfileSwitcher profiles={profiles.data} /> : null}
            <span className="app-header__mailbox">{overview.data.mailbox || 'No mailbox'}</span>
            <EnvironmentBadge environment={overview.data.environment} />
          </span>
        ) : null}
        <button type="button" className="app-header__shortcuts" onClick={() => setShortcutsShown(true)} aria-keyshortcuts="?">
          Keyboard shortcuts
        </button>
      </header>
      {overview.data?.sandbox ? (
        <div className="app-sandbox-banner" role="note">
          Local MESH sandbox — not NHS MESH. Messages here never leave this computer.
        </div>
      ) : null}
      <div className="app-body">
        <nav className="app-nav" aria-label="Sections">
          <ul>
            {NAVIGATION.map((item) => (
              <li key={item.screen}>
                <button
                  type="button"
                  className={item.screen === section ? 'app-nav__link app-nav__link--current' : 'app-nav__link'}
                  aria-current={item.screen === section ? 'page' : undefined}
                  onClick={() => navigate({ screen: item.screen } as Route)}
                >
                  {item.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main className="app-main" id="main-content" ref={mainRef}>
          <Notices notices={notices} onDismiss={dismiss} />
          <Screen route={route} navigate={navigate} onSettingsChanged={overview.reload} />
        </main>
      </div>
      {shortcutsShown ? <KeyboardShortcuts onClose={() => setShortcutsShown(false)} /> : null}
    </div>
  );
}

function Screen({ route, navigate, onSettingsChanged }: { route: Route; navigate: Navigate; onSettingsChanged: () => void }) {
  switch (route.screen) {
    case 'overview':
      return <OverviewScreen navigate={navigate} />;
    case 'inbox':
      return <InboxScreen navigate={navigate} />;
    case 'message':
      return <MessageScreen key={route.id} id={route.id} acknowledged={route.acknowledged} navigate={navigate} />;
    case 'send':
      return <SendFileScreen />;
    case 'folders':
      return <FoldersScreen navigate={navigate} />;
    case 'exports':
      return <ExportsScreen navigate={navigate} />;
    case 'export':
      return <ExportDetailScreen id={route.id} navigate={navigate} />;
    case 'settings':
      return <SettingsScreen onChanged={onSettingsChanged} />;
    case 'audit':
      return <AuditLogScreen />;
    case 'profiles':
      return <ProfilesScreen />;
  }
}
