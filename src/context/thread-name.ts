import { currentFrame, runInChildFrame } from './context-frame.js';

/**
 * What `%t` prints. Node has one thread per isolate, so the "thread" is the async
 * context: `main`, a worker's name, or a name given to a request's context (the HTTP
 * middleware uses Tomcat's `http-nio-8080-exec-N`).
 */
export const ThreadName = {
  get(): string {
    return currentFrame().threadName;
  },

  /** Names the current context (or the whole process outside any context). */
  set(name: string): void {
    currentFrame().threadName = String(name);
  },

  run<T>(name: string, fn: () => T): T {
    return runInChildFrame((frame) => {
      frame.threadName = String(name);
    }, fn);
  },
};
