/**
 * A tiny DOM builder. Text is always set as text nodes, never parsed as HTML, so that titles and
 * quotes from the archive cannot inject markup (and PAGE_CSP forbids inline scripts anyway).
 */
export type Child = Node | string | number | null | undefined | false | Child[];

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? "" : value);
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** Text that may be in the other direction (a number, a hash, an id), isolated from its sentence. */
export function bdi(text: string | number, attrs: Record<string, string> = {}): HTMLElement {
  return h("bdi", attrs, String(text));
}
