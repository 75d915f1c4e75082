import { registerHooks } from 'node:module';

// `node --import register.ts main.js`: the built main process gets the fake 'electron'.
const fake = new URL('./electron.ts', import.meta.url).href;
registerHooks({
  resolve: (specifier, context, next) =>
    specifier === 'electron' ? { url: fake, shortCircuit: true } : next(specifier, context),
});

await import('./driver.ts');
