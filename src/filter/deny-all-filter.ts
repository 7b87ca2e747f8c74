import { FilterDecision, type Filter } from './filter.js';

/** Ends a chain of accepting filters: whatever nobody accepted is dropped. */
export class DenyAllFilter implements Filter {
  decide(): FilterDecision {
    return FilterDecision.DENY;
  }
}
