/** Pagination through OpenStack `<collection>_links` (Neutron, Nova, Cinder…). */

/** One link of a `*_links` array. */
export interface PageLink {
  /** `next` or `previous`. */
  rel: string;
  /** Absolute URL of that page. */
  href: string;
}

/**
 * The URL of the next page, or undefined on the last page.
 * @param body a list response, e.g. `{"networks": [...], "networks_links": [{"rel":"next","href":...}]}`
 * @param collection the collection key (`networks`)
 */
export function nextPageUrl(body: unknown, collection: string): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const links = (body as Record<string, unknown>)[`${collection}_links`];
  if (!Array.isArray(links)) return undefined;
  const next = links.find((l): l is PageLink => !!l && typeof l === "object" && (l as PageLink).rel === "next" && typeof (l as PageLink).href === "string");
  return next?.href;
}

/**
 * The items of one page.
 * @param body a list response
 * @param collection the collection key
 */
export function pageItems<T>(body: unknown, collection: string): T[] {
  const items = body && typeof body === "object" ? (body as Record<string, unknown>)[collection] : undefined;
  if (!Array.isArray(items)) throw new Error(`expected a "${collection}" array in the list response, found ${items === undefined ? "none" : typeof items}`);
  return items as T[];
}
