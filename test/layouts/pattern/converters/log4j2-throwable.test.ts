import { expect } from 'chai';
import { fixedError, fixedEvent } from '../../fixed-event.js';
import { log4j2Layout } from './log4j2-layout.js';

describe('%throwable / %ex (Log4j 2)', () => {
  // Log4j 2's ThrowablePatternConverterTest: an IllegalArgumentException("IllegalArgument")
  // thrown from testShortMethodName in ThrowablePatternConverterTest.java, its cause a
  // NullPointerException("null pointer"). Here the same, as a V8 stack.
  const cause = fixedError('null pointer');
  const error = fixedError('IllegalArgument', [
    '    at ThrowablePatternConverterTest.testShortMethodName (/app/ThrowablePatternConverterTest.js:150:15)',
    '    at run (/app/runner.js:20:3)',
  ]);
  (error as { cause?: unknown }).cause = cause;
  const event = fixedEvent({ message: 'test exception', error });
  const stack = [
    'Error: IllegalArgument',
    '    at ThrowablePatternConverterTest.testShortMethodName (/app/ThrowablePatternConverterTest.js:150:15)',
    '    at run (/app/runner.js:20:3)',
    'Caused by: Error: null pointer',
    '    at common (/app/test.js:10:5)',
    '    at run (/app/test.js:20:3)',
  ];

  it('{full} (the default) prints the whole stack, causes included (testFull)', () => {
    expect(log4j2Layout('%ex{full}').format(event)).to.equal(stack.join('\n') + '\n');
    expect(log4j2Layout('%throwable').format(event)).to.equal(stack.join('\n') + '\n');
  });

  it('{short} prints the first two lines, {n} the first n, without a separator after the last (ThrowableFormatOptions)', () => {
    expect(log4j2Layout('%m%n%throwable{short}').format(event)).to.equal(`test exception\n${stack[0]}\n${stack[1]}`);
    expect(log4j2Layout('%m%n%ex{1}').format(event)).to.equal(`test exception\n${stack[0]}`);
    expect(log4j2Layout('%m%n%ex{4}').format(event)).to.equal(`test exception\n${stack.slice(0, 4).join('\n')}`);
    expect(log4j2Layout('%m%n%ex{none}').format(event)).to.equal('test exception\n');
  });

  it('{separator(...)} joins the lines', () => {
    expect(log4j2Layout('%ex{short}{separator(|)}').format(event)).to.equal(`${stack[0]}|${stack[1]}`);
  });

  it('short.message, short.localizedMessage, short.className, short.methodName, short.fileName and short.lineNumber print that one part', () => {
    expect(log4j2Layout('%ex{short.message}').format(event)).to.equal('IllegalArgument');
    expect(log4j2Layout('%ex{short.localizedMessage}').format(event)).to.equal('IllegalArgument');
    expect(log4j2Layout('%ex{short.className}').format(event)).to.equal('ThrowablePatternConverterTest');
    expect(log4j2Layout('%ex{short.methodName}').format(event)).to.equal('testShortMethodName');
    expect(log4j2Layout('%ex{short.fileName}').format(event)).to.equal('ThrowablePatternConverterTest.js');
    expect(log4j2Layout('%ex{short.lineNumber}').format(event)).to.equal('150');
  });

  it('puts a blank between the throwable and text not ending in whitespace, as Log4j 2 does; nothing without an error', () => {
    expect(log4j2Layout('%m%ex{short.message}').format(event)).to.equal('test exception IllegalArgument');
    expect(log4j2Layout('%m %ex{short.message}').format(event)).to.equal('test exception IllegalArgument');
    expect(log4j2Layout('[%m]%xEx{1}').format(event)).to.equal(`[test exception] ${stack[0]}`);
    expect(log4j2Layout('%m%ex').format(fixedEvent({ message: 'fine' }))).to.equal('fine');
  });

  it('warns about an option Log4j 2 does not know and prints the whole stack', () => {
    const warnings: string[] = [];
    expect(log4j2Layout('%ex{short.UNKNOWN}', warnings).format(event)).to.equal(stack.join('\n') + '\n');
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('bad option {short.UNKNOWN} for %ex');
  });
});
