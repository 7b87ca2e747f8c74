import { writeFileAtomically } from './atomic-write.js';
import { readConfigText } from './load.js';

/**
 * Reads a configuration file, edits its text, and writes the result back atomically,
 * only when the edit changed it: an unchanged file keeps its modification time, so a
 * watcher does not reload it. Every level editor writes through here. Answers the
 * text before and after.
 */
export function editConfigFile(file: string, edit: (text: string) => string): { before: string; after: string } {
  const before = readConfigText(file);
  const after = edit(before);
  if (after !== before) writeFileAtomically(file, after);
  return { before, after };
}
