/** Escaping for text written into HTML and inline SVG (both parsed by the HTML parser). */

/**
 * Text as element content or attribute value: `& < > " '` escaped, so inventory text can never become markup.
 * @param text any text
 */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/**
 * Attributes as `name="value"` pairs (undefined values left out), escaped.
 * @param attrs the attributes
 */
export function attrs(attrs: Readonly<Record<string, string | number | undefined>>): string {
  return Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join("");
}
