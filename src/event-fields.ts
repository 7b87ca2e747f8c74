/** Key/value pairs carried by an event (see LoggingEvent.fields). */
export type EventFields = Readonly<Record<string, unknown>>;

/**
 * An object literal (or a null-prototype object): what the first argument of a
 * logging call must be to become the event's fields. Arrays, Maps, Errors, Dates
 * and class instances stay values printed in the message, as before.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  let prototype: unknown;
  try {
    prototype = Object.getPrototypeOf(value);
  } catch {
    // A revoked Proxy (immer's stale drafts) or a throwing trap: a value to print, never an exception for the caller.
    return false;
  }
  return prototype === Object.prototype || prototype === null;
}

/**
 * The fields of one event: a copy of the call's object over the child's fields (the
 * call's win). Always a new object, so an event's fields never change after the call
 * even when the caller reuses and changes its object, and layouts may cache what they
 * rendered by the identity of the fields object.
 */
export function eventFields(bound: EventFields | undefined, own: Record<string, unknown>): EventFields {
  try {
    return bound === undefined ? { ...own } : { ...bound, ...own };
  } catch {
    return { ...bound, ...copyEachValue(own) };
  }
}

/**
 * A copy made one value at a time, for an object whose spread threw (a getter that
 * throws): the value that threw becomes a marker naming why, so that the logging
 * call neither throws into the caller nor loses the other fields.
 */
export function copyEachValue(values: Record<string, unknown>): Record<string, unknown> {
  let keys: string[];
  try {
    keys = Object.keys(values);
  } catch {
    // A Proxy whose keys cannot be listed has no field to show.
    return {};
  }
  // Entries, not assignments: a "__proto__" key (JSON.parse makes such own keys) stays a field.
  return Object.fromEntries(keys.map((key) => {
    try {
      return [key, values[key]];
    } catch (cause) {
      return [key, unserializable(cause)];
    }
  }));
}

/** What a value that cannot be read or serialized (a throwing getter or toJSON, a revoked Proxy) is shown as, naming why. */
export function unserializable(cause: unknown): string {
  let reason: string;
  try {
    reason = cause instanceof Error ? String(cause.message) : String(cause);
  } catch {
    // A thrown value with no usable toString (Object.create(null), a revoked Proxy): the marker must not throw in its turn.
    reason = 'a thrown value that cannot be printed';
  }
  return `[Unserializable: ${reason}]`;
}

/** Whether an event field is named like one of the MDC's keys: then the field's value is written for that key, not the MDC's (as `%X{key}` reads it). */
export function overridesMdcKey(fields: EventFields, mdc: Readonly<Record<string, string>>): boolean {
  for (const key in mdc) if (Object.hasOwn(fields, key)) return true;
  return false;
}

/** A value is absent when missing or undefined (as JSON.stringify leaves such members out). */
export function fieldValue(fields: EventFields, key: string): unknown {
  return Object.hasOwn(fields, key) ? fields[key] : undefined;
}
