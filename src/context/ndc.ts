import { currentFrame, runInChildFrame } from './context-frame.js';

function setStack(stack: readonly string[]): void {
  const frame = currentFrame();
  frame.ndcStack = stack;
  frame.ndc = stack.join(' ');
}

/**
 * Nested Diagnostic Context: a stack of strings per async context, printed by `%x`
 * joined with single spaces.
 */
export const NDC = {
  run<T>(message: string, fn: () => T): T {
    return runInChildFrame((frame) => {
      frame.ndcStack = [...frame.ndcStack, String(message)];
      frame.ndc = frame.ndcStack.join(' ');
    }, fn);
  },

  push(message: string): void {
    setStack([...currentFrame().ndcStack, String(message)]);
  },

  pop(): string | undefined {
    const stack = currentFrame().ndcStack;
    if (stack.length === 0) return undefined;
    setStack(stack.slice(0, -1));
    return stack[stack.length - 1];
  },

  peek(): string | undefined {
    const stack = currentFrame().ndcStack;
    return stack[stack.length - 1];
  },

  get(): string {
    return currentFrame().ndc;
  },

  getDepth(): number {
    return currentFrame().ndcStack.length;
  },

  /** Cuts the stack down to `depth` entries. */
  setMaxDepth(depth: number): void {
    const stack = currentFrame().ndcStack;
    if (depth < stack.length) setStack(stack.slice(0, Math.max(0, depth)));
  },

  clear(): void {
    setStack([]);
  },

  /** log4j's NDC.remove(): forget the current context's stack. */
  remove(): void {
    setStack([]);
  },
};
