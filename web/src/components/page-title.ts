import { useEffect } from 'react';

/** Sets the document title per route ("Team · Resonanz"), so each page is identifiable (WCAG 2.4.2). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Resonanz` : 'Resonanz';
  }, [title]);
}
