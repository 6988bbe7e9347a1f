import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The width inside an element's scrollbars, followed as the window or the layout changes; null
 * until measured (and where nothing is laid out, as in jsdom). Tables lay their columns out in it
 * (`layoutColumns`).
 */
export function useContentWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(element.clientWidth > 0 ? element.clientWidth : null);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
