import type { EventFields } from '../../../src/event-fields.js';
import type { ConverterFactory } from './converter.js';
import { fieldsText } from './field-text.js';

/**
 * `%fields`: the event's structured fields (`log.info({ orderId }, 'paid')`, a
 * `with({...})` child's) as logfmt-style `orderId=A-17 amount=9.5` (see fieldsText);
 * nothing for an event without fields. A `with` child's events share one fields
 * object, printed once for all of them.
 */
export const fields: ConverterFactory = () => {
  let last: EventFields | undefined;
  let lastText = '';
  return {
    contextual: true,
    readsFields: true,
    format: (e) => {
      const current = e.fields;
      if (current === undefined) return '';
      if (current !== last) {
        lastText = fieldsText(current);
        last = current;
      }
      return lastText;
    },
  };
};
