/**
 * Reads start tags and their attributes out of an HTML text (what `chromium --dump-dom` prints), enough for
 * the pages the exports write: attribute values are double-quoted with entities escaped.
 */

/** One start tag: its name and attributes (entities decoded). */
export interface StartTag {
  name: string;
  attrs: Record<string, string>;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: "\u00a0" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e]);
}

/**
 * Every start tag that carries an attribute, in document order.
 * @param html the document
 * @param attr the attribute to look for (e.g. `data-node`)
 */
export function startTagsWith(html: string, attr: string): StartTag[] {
  const out: StartTag[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of m[2].matchAll(/([^\s=>/]+)(?:="([^"]*)")?/g)) attrs[a[1]] = decode(a[2] ?? "");
    if (attr in attrs) out.push({ name: m[1].toLowerCase(), attrs });
  }
  return out;
}
