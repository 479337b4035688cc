import { h } from './dom';

let element: HTMLElement | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

/**
 * A short message ("Copied to the clipboard.", an error) in a toast at the
 * bottom of the panel: it never moves the page under the pointer, screen
 * readers hear it, and it goes after a while (errors stay longer).
 */
export function showNotice(text: string, error: boolean): void {
  element ??= document.body.appendChild(h('div', { class: 'notice', role: 'status', 'aria-live': 'polite', hidden: true }));
  element.textContent = text;
  element.classList.toggle('error', error);
  element.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => {
    if (element) {
      element.hidden = true;
      element.textContent = '';
    }
  }, error ? 15_000 : 4_000);
}

/** Takes a toast away at once (what it said is about a view since replaced). */
export function clearNotice(): void {
  clearTimeout(timer);
  if (element) {
    element.hidden = true;
    element.textContent = '';
  }
}
