/**
 * Which step publishes a draft. A draft this tool creates carries, in its notes, an HTML comment
 * (not rendered) naming the snapshot whose step owns the publish. Without it, a re-run of a step
 * whose first run created the draft and then failed (or was cancelled) would find the draft, take
 * it for another step's, attach to it and leave it unpublished for good: the case of a matrix,
 * where the draft outlives a failed creator because other jobs attached their snapshots to it.
 * The comment goes when the draft is published.
 */

const MARK = /<!-- sqlite-snapshot: the step that attaches snapshot "([A-Za-z0-9._-]+)" publishes this draft -->\n?/g;

/** The notes of a draft created for `snapshot` (a name validated by names.ts: no quote, no `-->`). */
export function publisherMark(snapshot: string): string {
  return `<!-- sqlite-snapshot: the step that attaches snapshot "${snapshot}" publishes this draft -->\n`;
}

/** The snapshot a draft's notes name as its publisher, if any. */
export function markedPublisher(body: string | null | undefined): string | undefined {
  return body ? [...body.matchAll(MARK)][0]?.[1] : undefined;
}

/** The notes without the mark, for the publish; undefined when there is none to take out. */
export function withoutPublisherMark(body: string | null | undefined): string | undefined {
  return body && markedPublisher(body) !== undefined ? body.replace(MARK, '') : undefined;
}
