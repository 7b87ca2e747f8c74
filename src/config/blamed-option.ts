import type { OptionValue } from './model.js';

/**
 * The option a component's error is about, so that the error points at the line of
 * that option rather than at the component's declaration. Components name the option
 * they refuse (`option MaxFileSize: "lots" is not a size`, `Target must be ...`,
 * `SyslogHost "x:y": ...`); a layout refusing its pattern quotes the pattern instead.
 * Undefined when the message names none of the options (the caller blames the
 * declaration).
 */
export function blamedOption(message: string, options: ReadonlyMap<string, OptionValue>): OptionValue | undefined {
  const lower = message.toLowerCase();
  // "option X" first: an appender named like an option ("appender \"File\" option Mode") must not blame File.
  const blamed = earliestWord(lower, options, (name) => `option ${name}`) ?? earliestWord(lower, options, (name) => name);
  if (blamed) return blamed;
  const quoted = [...options.values()].filter((option) => option.value.trim() !== '' && message.includes(`"${option.value}"`));
  return quoted.length === 1 ? quoted[0] : undefined;
}

function earliestWord(
  lower: string,
  options: ReadonlyMap<string, OptionValue>,
  phrase: (lowerName: string) => string,
): OptionValue | undefined {
  let blamed: OptionValue | undefined;
  let earliest = Infinity;
  for (const [name, option] of options) {
    const at = wordIndex(lower, phrase(name.toLowerCase()));
    if (at >= 0 && at < earliest) {
      earliest = at;
      blamed = option;
    }
  }
  return blamed;
}

/** Where `word` first stands in `text` as a whole word (not inside a longer name), or -1. */
function wordIndex(text: string, word: string): number {
  const isNamePart = (c: string | undefined): boolean => c !== undefined && /[a-z0-9_]/.test(c);
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!isNamePart(text[at - 1]) && !isNamePart(text[at + word.length])) return at;
  }
  return -1;
}
