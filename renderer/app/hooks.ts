import { useCallback, useEffect, useState } from 'react';
import type { WolfpackApi } from '../../core/app-api.ts';
import { parseRoute, routePath } from './logic/route.ts';
import type { Route } from './logic/route.ts';
import type { AppView, Services } from './services.ts';

/** The app's live state: null until the first answer (or `initial`, when there is one). */
export function useAppState(api: WolfpackApi, initial: AppView | null = null): AppView | null {
  // The web app knows its state at once (kept in the browser); only the desktop must ask first.
  const [state, setState] = useState<AppView | null>(initial);
  useEffect(() => {
    let live = true;
    let pushed = false;
    const off = api.onState((next) => {
      pushed = true;
      setState(next);
    });
    // Asked after subscribing, so nothing falls between; a push that came first is newer.
    void api.getState().then((first) => {
      if (live && !pushed) setState(first);
    });
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return state;
}

/** A clock that ticks, for countdowns and "2 min ago". */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function currentPath(services: Services): string {
  // The desktop page is app://wolfpack/index.html; its route lives in the hash ("#/history").
  if (services.kind === 'desktop') return window.location.hash.replace(/^#/, '') || '/';
  return window.location.pathname;
}

/** The tiny router: location.pathname on the web, the hash and onNavigate on the desktop. */
export function useRouter(services: Services): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(currentPath(services)));
  const navigate = useCallback(
    (next: Route) => {
      const path = routePath(next);
      if (services.kind === 'desktop') window.location.hash = path;
      else if (path !== window.location.pathname) window.history.pushState(null, '', path);
      setRoute(next);
      window.scrollTo(0, 0);
    },
    [services.kind],
  );
  useEffect(() => {
    const sync = () => setRoute(parseRoute(currentPath(services)));
    const event = services.kind === 'desktop' ? 'hashchange' : 'popstate';
    window.addEventListener(event, sync);
    const offNavigate = services.desktop?.onNavigate((path) => navigate(parseRoute(path)));
    return () => {
      window.removeEventListener(event, sync);
      offNavigate?.();
    };
  }, [services, navigate]);
  return [route, navigate];
}
