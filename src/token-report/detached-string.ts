/**
 * A copy of `text` that does not keep alive the string it was cut from. V8 represents
 * a substring of 13 or more characters as a view into its parent: a request id kept
 * for a report would hold a whole 1 MiB chunk of log in memory. Appending flattens
 * into a new string, and slicing that keeps only the short copy alive.
 */
export function detached(text: string): string {
  return (text + ' ').slice(0, -1);
}
