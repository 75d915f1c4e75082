import { createContext, useContext } from 'react';
import type { Route } from './logic/route.ts';
import type { Services } from './services.ts';

export interface AppContextValue {
  services: Services;
  navigate(route: Route): void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside <App>');
  return value;
}
