import type { LoggingEvent } from '../../src/logging-event.js';
import type { RecordPieces } from '../layout.js';

type Part = (event: LoggingEvent) => string;

export interface RecordSlots {
  readonly format: Part;
  readonly pieces: RecordPieces;
}

/**
 * Cuts a compiled pattern (a literal before each part, a suffix) into slots. Each
 * run of literals and stable parts (cached contextual runs, `%d`) becomes one slot,
 * joined once and kept while every part in it gives back the same text; each other
 * part (the message) is a slot of its own. A Jira line is then three pieces: date
 * and context, message, line break. `format` joins the slots, a two-node rope where
 * the parts made one node each; `pieces` hands them to a writer that keeps the
 * encoded bytes of the stable ones.
 */
export function recordSlots(prefixes: readonly string[], parts: readonly Part[], stable: readonly boolean[], suffix: string): RecordSlots {
  const slots: Part[] = [];
  const slotStable: boolean[] = [];
  let run: Array<string | Part> = [];
  const closeRun = (): void => {
    if (run.length === 0) return;
    slots.push(joinedRun(run));
    slotStable.push(true);
    run = [];
  };
  for (let i = 0; i < parts.length; i++) {
    if (prefixes[i] !== '') run.push(prefixes[i]!);
    if (stable[i]) {
      run.push(parts[i]!);
    } else {
      closeRun();
      slots.push(parts[i]!);
      slotStable.push(false);
    }
  }
  if (suffix !== '') run.push(suffix);
  closeRun();
  const count = slots.length;
  const pieces: RecordPieces = {
    stable: slotStable,
    fill(event, into) {
      for (let i = 0; i < count; i++) into[i] = slots[i]!(event);
      return true;
    },
  };
  return { format: joinSlots(slots), pieces };
}

function joinSlots(slots: readonly Part[]): Part {
  const count = slots.length;
  if (count === 0) return () => '';
  if (count === 1) return slots[0]!;
  const [s0, s1, s2] = slots as [Part, Part, Part];
  if (count === 2) return (e) => s0(e) + s1(e);
  if (count === 3) return (e) => s0(e) + s1(e) + s2(e);
  return (e) => {
    let out = '';
    for (let i = 0; i < count; i++) out += slots[i]!(e);
    return out;
  };
}

/** The run's text, joined again (and flattened, once) only when one of its parts prints something else than for the last event. */
function joinedRun(items: ReadonlyArray<string | Part>): Part {
  const parts = items.filter((item): item is Part => typeof item !== 'string');
  if (parts.length === 0) {
    const text = items.join('');
    return () => text;
  }
  const count = parts.length;
  const last: string[] = parts.map(() => '');
  let primed = false;
  let text = '';
  return (e) => {
    let changed = !primed;
    for (let i = 0; i < count; i++) {
      const printed = parts[i]!(e);
      if (printed !== last[i]) {
        last[i] = printed;
        changed = true;
      }
    }
    if (changed) {
      let out = '';
      let next = 0;
      for (const item of items) out += typeof item === 'string' ? item : last[next++]!;
      // Reading a character makes V8 flatten the rope here, once, not once per record.
      out.charCodeAt(0);
      text = out;
      primed = true;
    }
    return text;
  };
}
