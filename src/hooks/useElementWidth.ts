import { useLayoutEffect, useRef, useState } from 'react';

/**
 * Width of an element (for @grafana/ui visualizations, which take pixel sizes), tracked with a
 * ResizeObserver. `fallback` is used until the element has been laid out (and in jsdom, which has no layout).
 */
export function useElementWidth<T extends HTMLElement = HTMLDivElement>(fallback = 300) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) {
      return;
    }
    const update = () => setWidth(Math.floor(el.getBoundingClientRect().width));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width: width > 0 ? width : fallback };
}
