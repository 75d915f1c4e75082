import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

/**
 * Keeps `--bottom-bar-height` on the page root equal to the element's height. On a phone the log
 * panel is fixed to the bottom of the screen; the page leaves this much room under its content so
 * the bar never hides the last card, however tall a warning makes the bar.
 */
export function useBottomBar<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() =>
      root.style.setProperty('--bottom-bar-height', `${element.offsetHeight}px`),
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--bottom-bar-height');
    };
  }, []);
  return ref;
}
