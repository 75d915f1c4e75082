import type { MouseEvent, ReactNode } from 'react';
import { useApp } from '../context.ts';
import { routePath } from '../logic/route.ts';
import type { Route } from '../logic/route.ts';

/** A real link (middle-click, copy address) that the app follows itself on a plain click. */
export function Link({ to, children, current }: { to: Route; children: ReactNode; current?: boolean }) {
  const { navigate, services } = useApp();
  const path = routePath(to);
  const href = services.kind === 'desktop' ? `#${path}` : path;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={href} onClick={onClick} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}
