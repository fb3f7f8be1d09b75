/**
 * How a finding travels through the Analyzer protocol. A violation is only a message (and an
 * optional URN), so the control ID, the subject (for inventory findings, which have no URN) and the
 * inventory path are written into the message in a fixed, parsable shape:
 *   `[NET-03] text (subject: rack/dc1-r01; inventory: racks.2.feeds)`
 * The runner parses it back; a human reading `pulumi preview` output reads the same line.
 */

/** A finding before it is written into a violation message. */
export interface FindingParts {
  /** Control ID, e.g. `NET-03`. */
  control: string;
  /** What is wrong and what to do, in one sentence. */
  text: string;
  /** What the finding is about when it has no URN, e.g. `rack/dc1-r01`. */
  subject?: string;
  /** Path into the merged inventory, dot-separated (`racks.2.feeds`), for file:line lookup. */
  at?: string;
}

const TRAILER = /\s\(subject: ([^;()]+?)(?:; inventory: ([^;()]+?))?\)$/;
const HEAD = /^\[([A-Z][A-Z0-9]{1,4}-\d{2})\]\s/;

/**
 * Writes a finding into a violation message.
 * @param f the finding; parentheses in `text` are kept, subject/at must not contain `;()`.
 */
export function formatFinding(f: FindingParts): string {
  const trailer = f.subject ? ` (subject: ${f.subject}${f.at ? `; inventory: ${f.at}` : ""})` : "";
  return `[${f.control}] ${f.text.replace(/\s*\n\s*/g, " ")}${trailer}`;
}

/**
 * Reads a finding back from a violation message (which may start with the policy description line).
 * @param message the diagnostic's message.
 * @returns the parts, or undefined when the message carries no control ID.
 */
export function parseFinding(message: string): FindingParts | undefined {
  // The SDK prepends the policy description (which starts with the ID too): the finding is the last line.
  const line = message.slice(message.lastIndexOf("\n") + 1);
  const head = HEAD.exec(line);
  if (!head) return undefined;
  let rest = line.slice(head[0].length);
  const t = TRAILER.exec(rest);
  const parts: FindingParts = { control: head[1], text: rest };
  if (t) {
    rest = rest.slice(0, t.index);
    parts.text = rest;
    parts.subject = t[1];
    if (t[2]) parts.at = t[2];
  }
  return parts;
}

/**
 * Turns a field path into the dotted form used in messages.
 * @param path field path, e.g. `["racks", 2, "feeds"]`.
 */
export function dottedPath(path: ReadonlyArray<string | number>): string {
  return path.join(".");
}

/**
 * Turns the dotted form back into a field path (numeric segments become numbers).
 * @param dotted e.g. `racks.2.feeds`.
 */
export function pathFromDotted(dotted: string): Array<string | number> {
  return dotted.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
