import { expect } from 'chai';
import { parseProductLogLine } from '../../src/token-report/product-log-line.js';

describe('token-report/product-log-line', () => {
  it('reads a Jira main-log line: time with offset, thread, level, user, request id, client address, path, logger, message', () => {
    // Jira's reference line (layouts/presets.ts, JIRA_MAIN_PATTERN).
    const line = parseProductLogLine('2020-09-22 15:20:50,922+0000 http-nio-8080-exec-11 INFO anonymous 920x447x1 - 87.173.216.109,100.120.0.11 /rest/de.resolution.apitokenauth/latest/user/token [d.resolution.apitokenauth.ApiTokenAuthenticationService] Found a matching token "API Token from 2020-09-22" with Read & Write scope');
    expect(line).to.deep.equal({
      time: Date.UTC(2020, 8, 22, 15, 20, 50, 922),
      thread: 'http-nio-8080-exec-11',
      level: 'INFO',
      logger: 'd.resolution.apitokenauth.ApiTokenAuthenticationService',
      message: 'Found a matching token "API Token from 2020-09-22" with Read & Write scope',
      user: 'anonymous',
      requestId: '920x447x1',
      address: '87.173.216.109',
      url: '/rest/de.resolution.apitokenauth/latest/user/token',
    });
  });

  it('reads an offset other than UTC', () => {
    const line = parseProductLogLine('2024-05-01 11:00:00,000+0200 exec-1 INFO admin 660x1x1 - 10.0.0.1 /x [a.b] m');
    expect(line?.time).to.equal(Date.UTC(2024, 4, 1, 9, 0, 0, 0));
  });

  it('lines of the same minute with different offsets, or none, each get their own instant', () => {
    const lines = ['2024-05-01 11:00:01,000+0200', '2024-05-01 11:00:02,000', '2024-05-01 11:00:03,000Z', '2024-05-01 11:00:04,000+02:00']
      .map((stamp) => parseProductLogLine(`${stamp} exec-1 INFO admin 660x1x1 - 10.0.0.1 /x [a.b] m`)?.time);
    expect(lines).to.deep.equal([Date.UTC(2024, 4, 1, 9, 0, 1), new Date(2024, 4, 1, 11, 0, 2).getTime(), Date.UTC(2024, 4, 1, 11, 0, 3), Date.UTC(2024, 4, 1, 9, 0, 4)]);
  });

  it('reads a Bitbucket line: request id, address and the path of the request line, logger, message', () => {
    // Bitbucket's reference line (layouts/presets.ts, BITBUCKET_PATTERN).
    const line = parseProductLogLine('2021-01-07 08:52:38,540 INFO [http-nio-8080-exec-2] @A6X2OXx532x2669x0 79.209.73.23,100.120.0.11 "GET /rest/ssh/1.0/keys HTTP/1.1" d.r.a.p.auth.ApiTokenAuthSharedBase Found a matching token');
    expect(line).to.deep.include({
      level: 'INFO', thread: 'http-nio-8080-exec-2', requestId: '@A6X2OXx532x2669x0', address: '79.209.73.23',
      url: '/rest/ssh/1.0/keys', logger: 'd.r.a.p.auth.ApiTokenAuthSharedBase', message: 'Found a matching token',
    });
    expect(line?.user).to.equal(undefined);
    expect(line?.time).to.equal(new Date(2021, 0, 7, 8, 52, 38, 540).getTime());
  });

  it('reads a Bitbucket line with a user and a session id', () => {
    const line = parseProductLogLine('2021-01-07 08:52:38,540 INFO [exec-2] admin @A6X2OXx532x2669x0 1a2b3c 79.209.73.23 "POST /rest/api/1.0/projects?x=1 HTTP/1.1" c.a.b.Some Token verification');
    expect(line).to.deep.include({ user: 'admin', requestId: '@A6X2OXx532x2669x0', address: '79.209.73.23', url: '/rest/api/1.0/projects', logger: 'c.a.b.Some' });
  });

  it('reads a Confluence line and the request context Confluence appends after " -- "', () => {
    const line = parseProductLogLine('2024-05-01 09:00:00,000 TRACE [http-nio-8090-exec-3] [atlassian.pats.service.DefaultTokenAuthenticationService] authenticate Got tokenId: [123456789012] from token -- url: /rest/api/content | traceId: 4f2a | userName: anonymous');
    expect(line).to.deep.include({
      level: 'TRACE', thread: 'http-nio-8090-exec-3', logger: 'atlassian.pats.service.DefaultTokenAuthenticationService',
      message: 'Got tokenId: [123456789012] from token', url: '/rest/api/content', requestId: '4f2a', user: 'anonymous',
    });
  });

  it('reads the path and user Confluence puts into the name of a request thread', () => {
    const line = parseProductLogLine('2024-05-01 09:00:00,000 TRACE [http-nio-8090-exec-7 url: /rest/api/content/search?cql=x; user: admin] [atlassian.pats.web.filter.TokenBasedAuthenticationFilter] doFilter Auth SUCCESS for user: [admin] and tokenId: [123456789012]');
    expect(line).to.deep.include({ thread: 'http-nio-8090-exec-7', url: '/rest/api/content/search', user: 'admin', message: 'Auth SUCCESS for user: [admin] and tokenId: [123456789012]' });
  });

  it('prints "-" for a missing MDC value in Jira: read as absent', () => {
    const line = parseProductLogLine('2024-05-01 09:00:00,000+0000 exec-1 INFO - - - - - [a.b] message');
    expect(line).to.include({ message: 'message' });
    expect([line?.user, line?.requestId, line?.address, line?.url]).to.deep.equal([undefined, undefined, undefined, undefined]);
  });

  it('a stack frame, a JSON line or text without a time stamp is not a line of these formats', () => {
    expect(parseProductLogLine('    at com.atlassian.pats.Foo(Foo.java:12) token')).to.equal(undefined);
    expect(parseProductLogLine('{"timestamp":"2024-05-01T00:00:00Z"}')).to.equal(undefined);
    expect(parseProductLogLine('2024-05-01 09:00:00,000+0000')).to.equal(undefined);
  });
});
