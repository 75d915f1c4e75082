import { createWebApi } from './web-api.ts';
import type { WebApi } from './lazy-api.ts';
import { WebClient } from './web-client.ts';

/** The web API over a live relay session, for the page the relay served; loaded as its own chunk. */
export function bootWebApi(win: Window): WebApi {
  const client = new WebClient({ origin: win.location.origin, store: win.localStorage });
  const api = createWebApi(client, win.fetch.bind(win));
  client.start();
  return api;
}
