/** Vite bundles imported stylesheets; to TypeScript they are modules with nothing in them. */
declare module '*.css';
