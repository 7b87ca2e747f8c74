import type { LocationInfo } from './logging-event.js';

const UNKNOWN: LocationInfo = Object.freeze({ className: '?', methodName: '?', fileName: '?', lineNumber: '?' });

// "    at Class.method (file:///a/b.js:12:5)", "    at fn (/a/b.js:1:2)", "    at /a/b.js:1:2"
const FRAME = /^\s*at (?:async )?(?:(.*?) \()?(.*?):(\d+):\d+\)?$/;

/** One V8 stack frame line as a location; `?` for what the line does not say. */
export function parseFrame(line: string): LocationInfo {
  const match = FRAME.exec(line);
  if (!match) return UNKNOWN;
  const fn = match[1] ?? '';
  const path = match[2] ?? '';
  const fileName = path.slice(path.lastIndexOf('/') + 1) || '?';
  let className = '?';
  let methodName = fn === '' ? '<anonymous>' : fn;
  const dot = fn.lastIndexOf('.');
  if (dot > 0) {
    className = fn.slice(0, dot).replace(/^new /, '');
    methodName = fn.slice(dot + 1);
  }
  return { className, methodName, fileName, lineNumber: match[3] ?? '?' };
}

/**
 * The call site `depth` frames above the caller of this function. Costs a stack
 * capture, so loggers only call it when a reachable layout prints locations.
 */
export function captureLocation(depth: number): LocationInfo {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = depth + 1;
  Error.captureStackTrace(holder, captureLocation);
  Error.stackTraceLimit = limit;
  const lines = (holder.stack ?? '').split('\n');
  // lines[0] is the "Error" header; lines[1] the immediate caller.
  const line = lines[depth + 1];
  return line === undefined ? UNKNOWN : parseFrame(line);
}
