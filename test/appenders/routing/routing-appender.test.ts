import { expect } from 'chai';
import { MemoryAppender } from '../../../appenders/memory-appender.js';
import { compileEventText } from '../../../appenders/routing/event-lookup.js';
import { RoutingAppender } from '../../../appenders/routing/routing-appender.js';
import type { ErrorHandler } from '../../../src/error-handler.js';
import { fixedEvent } from '../../layouts/fixed-event.js';

describe('RoutingAppender', () => {
  const at = (user: string, timestamp = 1000): ReturnType<typeof fixedEvent> => fixedEvent({ mdc: { user }, message: user, timestamp });

  it('sends each event to the route of its key, else to the default route; makes one appender per key', async () => {
    const fixed = new MemoryAppender({ name: 'fixed' });
    const made = new Map<string, MemoryAppender>();
    const router = new RoutingAppender({
      name: 'r',
      key: compileEventText('${ctx:user}'),
      routes: [
        { key: 'ops', appenders: [fixed] },
        { create: (e) => { const m = new MemoryAppender({ name: e.mdc.user }); made.set(e.mdc.user!, m); return m; } },
      ],
    });
    for (const user of ['ops', 'a', 'b', 'a']) router.append(at(user));
    expect(fixed.messages).to.deep.equal(['ops']);
    expect([...made.keys()]).to.deep.equal(['a', 'b']);
    expect(made.get('a')!.messages).to.deep.equal(['a', 'a']);
    expect(router.forwardsTo).to.deep.equal([fixed]);
    await router.close();
    expect(made.get('a')!.isClosed).to.equal(true);
    expect(fixed.isClosed).to.equal(false);
  });

  it('drops an event no route takes', () => {
    const fixed = new MemoryAppender();
    const router = new RoutingAppender({ key: compileEventText('${ctx:user}'), routes: [{ key: 'ops', appenders: [fixed] }] });
    router.append(at('someone'));
    expect(fixed.messages).to.deep.equal([]);
  });

  it('reports once an appender it cannot make, and drops that key\'s events without trying again', () => {
    const reported: string[] = [];
    const errorHandler: ErrorHandler = { error: (_name, cause) => reported.push((cause as Error).message), recovered: () => undefined };
    let attempts = 0;
    const router = new RoutingAppender({
      key: compileEventText('${ctx:user}'),
      errorHandler,
      routes: [{ create: () => { attempts++; throw new Error('cannot write /nowhere'); } }],
    });
    router.append(at('a'));
    router.append(at('a'));
    expect(attempts).to.equal(1);
    expect(reported).to.deep.equal(['cannot write /nowhere']);
  });
});
