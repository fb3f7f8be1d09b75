/** The tag that marks a live resource as belonging to a stack (the components set it; see components/network). */

/**
 * The stack's tag, `site:<stack>`: the components tag every taggable resource with it, so the
 * read-back can filter a shared cloud down to one site's resources.
 * @param stack the stack (site id)
 */
export function stackTag(stack: string): string {
  return `site:${stack}`;
}

/**
 * `tags` with the stack's tag added when missing (hand-made plans may lack it).
 * @param tags the planned tags
 * @param stack the stack
 */
export function withStackTag(tags: readonly string[] | undefined, stack: string): string[] {
  const t = stackTag(stack);
  return tags?.includes(t) ? [...tags] : [...(tags ?? []), t];
}
