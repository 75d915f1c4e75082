import { lazy, Suspense, useMemo } from 'react';
import { AppContext, useApp } from './context.ts';
import { useAppState, useRouter } from './hooks.ts';
import { Moment } from './components/Moment.tsx';
import { Shell } from './components/Shell.tsx';
import { History } from './screens/History.tsx';
import { Live } from './screens/Live.tsx';
import { Onboarding } from './screens/Onboarding.tsx';
import { Recap } from './screens/Recap.tsx';
import { Settings } from './screens/Settings.tsx';
import { Stats } from './screens/Stats.tsx';
import type { Route } from './logic/route.ts';
import type { AppView, Services } from './services.ts';

// Screens that bring the relay protocol (and zod) with them load when first shown.
const Board = lazy(() => import('./screens/Board.tsx').then((m) => ({ default: m.Board })));
const NewChallenge = lazy(() =>
  import('./screens/NewChallenge.tsx').then((m) => ({ default: m.NewChallenge })),
);

function Loading() {
  return (
    <main className="loading" aria-busy="true">
      <p>Loading Wolfpack…</p>
    </main>
  );
}

export function App({ services }: { services: Services }) {
  const [route, navigate] = useRouter(services);
  const context = useMemo(() => ({ services, navigate }), [services, navigate]);
  return (
    <AppContext.Provider value={context}>
      <Suspense fallback={<Loading />}>
        {route.name === 'board' && services.kind === 'web' ? <Board /> : <MemberApp route={route} />}
      </Suspense>
    </AppContext.Provider>
  );
}

function MemberApp({ route }: { route: Route }) {
  const { services } = useApp();
  const state = useAppState(services.api, services.initialState);
  if (!state) return <Loading />;
  if (!state.you) return <Onboarding state={state} />;
  return (
    <Shell state={state} route={route}>
      <Screen route={route} state={state} />
      <Moment state={state} />
    </Shell>
  );
}

function Screen({ route, state }: { route: Route; state: AppView }) {
  switch (route.name) {
    case 'live':
      return <Live state={state} focusId={route.challengeId} />;
    // The desktop opens "/onboarding" before a pack exists; once it does, that page is Live.
    case 'onboarding':
      return <Live state={state} focusId={null} />;
    case 'new':
      return <NewChallenge state={state} />;
    case 'history':
      return <History state={state} openId={route.challengeId} />;
    case 'stats':
      return <Stats state={state} />;
    case 'settings':
      return <Settings state={state} />;
    case 'recap':
      return <Recap state={state} weekStart={route.weekStart} />;
    default:
      return (
        <section>
          <h1>Page not found</h1>
          <p>There is no page at this address.</p>
        </section>
      );
  }
}
