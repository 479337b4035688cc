/** Builds an element with attributes and children, never through innerHTML. */
export function h(tag: string, attrs: Record<string, string | boolean> = {}, ...children: (Node | string)[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true) {
      el.setAttribute(name, '');
    } else if (value !== false) {
      el.setAttribute(name, value);
    }
  }
  el.append(...children);
  return el;
}
