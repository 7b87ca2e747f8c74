import { Level } from '../../src/level.js';
import type { LoggingEvent } from '../../src/logging-event.js';
import { PatternLayout, type PatternLayoutOptions } from '../pattern/pattern-layout.js';
import { renderThrowable } from '../throwable.js';
import { indentBlock, indentLineBreaks } from './indent-line-breaks.js';
import { createStackFrameFilter, type StackFrameFilterOptions } from './stack-frame-filter.js';

export interface NewLineIndentingLayoutOptions extends PatternLayoutOptions, StackFrameFilterOptions {
  /** Filter stack frames at all (default: true when `filteredFrames` is set). */
  filteringApplied?: boolean;
  /** Also filter the stacks of DEBUG and TRACE events (default false: debugging wants them whole). */
  filteringAppliedToDebugLevel?: boolean;
  /**
   * Accepted and ignored, so Jira's configuration loads unchanged: it asks Java to
   * print jar names and versions next to frames, which JavaScript frames do not have.
   */
  stackTracePackagingExamined?: boolean;
}

/**
 * Atlassian's `NewLineIndentingFilteringPatternLayout`: a PatternLayout whose
 * events are single records for log tools. Every line break in what converters
 * print (message, MDC values, names) is followed by four spaces, and so is every
 * line of the stack trace, the break before it included; only the pattern's own
 * `%n` is left alone. Stack frames from configured packages are filtered out, each
 * run of them replaced by a `... N filtered` line, as in Jira's logs.
 * The check runs on each converter's text, which is short and flat, not on the
 * assembled line.
 */
export class NewLineIndentingFilteringPatternLayout extends PatternLayout {
  private readonly filterFrames: (stack: string) => string;
  readonly filteringApplied: boolean;
  readonly filteringAppliedToDebugLevel: boolean;

  constructor(pattern?: string | NewLineIndentingLayoutOptions, options: NewLineIndentingLayoutOptions = {}) {
    const merged: NewLineIndentingLayoutOptions = typeof pattern === 'string' ? { ...options, conversionPattern: pattern } : { ...options, ...pattern };
    super(merged);
    this.filterFrames = createStackFrameFilter({ ...merged, onWarning: this.warn });
    this.filteringApplied = merged.filteringApplied ?? merged.filteredFrames !== undefined;
    this.filteringAppliedToDebugLevel = merged.filteringAppliedToDebugLevel ?? false;
  }

  protected override textFilter(): (text: string) => string {
    return indentLineBreaks;
  }

  protected override renderThrowable(event: LoggingEvent, error: Error): string {
    const stack = renderThrowable(error);
    const keepWhole = !this.filteringApplied || (!this.filteringAppliedToDebugLevel && event.level.value <= Level.DEBUG.value);
    return indentBlock(keepWhole ? stack : this.filterFrames(stack));
  }
}
