import { expect } from 'chai';
import { RequestIdGenerator } from '../../../src/auth/http/request-id.js';

const at = (iso: string) => Date.parse(iso);

describe('RequestIdGenerator', () => {
  it('builds Jira ids as minute of day x counter x requests in flight', () => {
    const ids = new RequestIdGenerator('A6X2OX', 'UTC');
    const first = ids.begin(at('2020-09-22T15:20:50Z'));
    expect(first.jiraId).to.equal('920x1x1');
    const second = ids.begin(at('2020-09-22T15:20:51Z'));
    expect(second.jiraId).to.equal('920x2x2');
    first.end();
    second.end();
    expect(ids.begin(at('2020-09-22T00:00:10Z')).jiraId).to.equal('0x3x1');
  });

  it('builds Bitbucket ids with the node id and the other requests in flight', () => {
    const ids = new RequestIdGenerator('A6X2OX', 'UTC');
    expect(ids.begin(at('2021-01-07T08:52:38Z')).bitbucketId).to.equal('@A6X2OXx532x1x0');
    expect(ids.begin(at('2021-01-07T08:52:39Z')).bitbucketId).to.equal('@A6X2OXx532x2x1');
  });

  it('uses the minute of day of its time zone', () => {
    const ids = new RequestIdGenerator('N', 'Europe/Berlin');
    expect(ids.begin(at('2020-09-22T15:20:50Z')).jiraId).to.equal('1040x1x1');
  });

  it('counts a request out once, however often it ends', () => {
    const ids = new RequestIdGenerator();
    const ticket = ids.begin();
    ticket.end();
    ticket.end();
    expect(ids.requestsInFlight).to.equal(0);
    expect(ids.nodeId).to.match(/^[0-9A-Z]{6}$/);
  });
});
