import { Level } from '../../src/level.js';
import type { LoggingEvent } from '../../src/logging-event.js';
import { PatternLayout, type PatternLayoutOptions } from '../pattern/pattern-layout.js';
import { renderThrowable } from '../throwable.js';
import { indentLineBreaks } from './indent-line-breaks.js';
import { createStackFrameFilter, type StackFrameFilterOptions } from './stack-frame-filter.js';

export interface NewLineIndentingLayoutOptions extends PatternLayoutOptions, StackFrameFilterOptions {
  /** Filter stack frames at all (default: true when `filteredFrames` is set). */
  filteringApplied?: boolean;
  /** Also filter the stacks of DEBUG and TRACE events (default false: debugging wants them whole). */
  filteringAppliedToDebugLevel?: boolean;
  /**
   * Accepted so Jira's configuration loads unchanged. It asks Java to print jar
   * names and versions next to frames; JavaScript frames carry no such data.
   */
  stackTracePackagingExamined?: boolean;
}

/**
 * Atlassian's `NewLineIndentingFilteringPatternLayout`: a PatternLayout whose
 * records are single records for log tools. Every line break inside a record (in
 * the message, an MDC value, the stack trace, between line and stack) is followed
 * by four spaces; only the final line separator is left alone. Stack frames from
 * configured packages can be filtered out.
 */
export class NewLineIndentingFilteringPatternLayout extends PatternLayout {
  private readonly filterFrames: (stack: string) => string;
  readonly filteringApplied: boolean;
  readonly filteringAppliedToDebugLevel: boolean;
  readonly stackTracePackagingExamined: boolean;

  constructor(pattern?: string | NewLineIndentingLayoutOptions, options: NewLineIndentingLayoutOptions = {}) {
    const merged: NewLineIndentingLayoutOptions = typeof pattern === 'string' ? { ...options, conversionPattern: pattern } : { ...options, ...pattern };
    super(merged);
    this.filterFrames = createStackFrameFilter(merged);
    this.filteringApplied = merged.filteringApplied ?? merged.filteredFrames !== undefined;
    this.filteringAppliedToDebugLevel = merged.filteringAppliedToDebugLevel ?? false;
    this.stackTracePackagingExamined = merged.stackTracePackagingExamined ?? true;
  }

  override format(event: LoggingEvent): string {
    return indentLineBreaks(super.format(event));
  }

  protected override renderThrowable(event: LoggingEvent, error: Error): string {
    const stack = renderThrowable(error);
    if (!this.filteringApplied) return stack;
    if (!this.filteringAppliedToDebugLevel && event.level.value <= Level.DEBUG.value) return stack;
    return this.filterFrames(stack);
  }
}
