/**
 * Keyboard shortcuts for triage. Single keys without modifiers, ignored while typing in a field,
 * so screen-reader and form users are not surprised; every shortcut also has a visible button.
 */
import { useEffect, useRef } from 'react';

export const SHORTCUTS = [
  ['j', 'next'], ['k', 'previous'], ['o', 'open'], ['a', 'assignMe'], ['w', 'waiting'], ['e', 'done'], ['s', 'spam'],
  ['r', 'reply'], ['n', 'note'], ['/', 'search'], ['?', 'help'],
] as const;
export type ShortcutAction = (typeof SHORTCUTS)[number][1];

export function isTyping(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.getAttribute('role') === 'combobox';
}

export function actionFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return null;
  return SHORTCUTS.find(([k]) => k === e.key)?.[1] ?? null;
}

export function useTriageKeys(handler: (a: ShortcutAction) => void, enabled = true): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const a = actionFor(e);
      if (!a) return;
      // A dialog owns the keyboard while it is open.
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      e.preventDefault();
      ref.current(a);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
