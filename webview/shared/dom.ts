/** Builds an element with attributes and children, never through innerHTML. `false` and undefined attributes are left out. */
export function h(tag: string, attrs: Record<string, string | boolean | undefined> = {}, ...children: (Node | string)[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true) {
      el.setAttribute(name, '');
    } else if (value !== false && value !== undefined) {
      el.setAttribute(name, value);
    }
  }
  el.append(...children);
  return el;
}
