import { expect } from 'chai';
import { threadId } from 'node:worker_threads';
import { fixedEvent } from '../../fixed-event.js';
import { log4j2Layout } from './log4j2-layout.js';

describe('%pid / %tid (Log4j 2)', () => {
  it('%pid and %processId print the process id; the option (Log4j 2\'s default value) is accepted', () => {
    const warnings: string[] = [];
    expect(log4j2Layout('%pid %processId %pid{unknown}', warnings).format(fixedEvent())).to.equal(`${process.pid} ${process.pid} ${process.pid}`);
    expect(warnings).to.deep.equal([]);
  });

  it('%tid, %threadId and %T print Node\'s id of the logging thread (0 in the main thread)', () => {
    expect(log4j2Layout('%tid %threadId %T').format(fixedEvent())).to.equal(`${threadId} ${threadId} ${threadId}`);
    expect(threadId).to.equal(0);
  });
});
