import { Level } from '../../src/level.js';
import type { LoggingEvent } from '../../src/logging-event.js';
import { BITBUCKET_REQUEST_MDC_KEYS } from '../../layouts/presets.js';
import { fixedEvent } from './fixed-event.js';

/*
 * Reference lines of the products' logs, verbatim, each with the event that must
 * print it: every way of building a product layout (preset, properties, Log4j 2 XML,
 * logback XML) is held to the same bytes.
 */

export const jiraMdc = (request: string, ip: string, url: string): Record<string, string> => ({
  'jira.username': 'anonymous',
  'jira.request.id': request,
  'jira.request.assession.id': '-',
  'jira.request.ipaddr': ip,
  'jira.request.url': url,
});

export const JIRA_LINE_1 =
  '2020-09-22 15:20:50,922+0000 http-nio-8080-exec-11 INFO anonymous 920x447x1 - 87.173.216.109,100.120.0.11 /rest/de.resolution.apitokenauth/latest/user/token [d.resolution.apitokenauth.ApiTokenAuthenticationService] Found a matching token "API Token from 2020-09-22" with Read & Write scope and authenticated user admin. Token was created on Sep 22, 2020 2:43:30 PM. REST endpoint: /rest/de.resolution.apitokenauth/latest/user/token';

export const JIRA_EVENT_1: LoggingEvent = fixedEvent({
  timestamp: Date.UTC(2020, 8, 22, 15, 20, 50, 922),
  threadName: 'http-nio-8080-exec-11',
  level: Level.INFO,
  loggerName: 'de.resolution.apitokenauth.ApiTokenAuthenticationService',
  mdc: jiraMdc('920x447x1', '87.173.216.109,100.120.0.11', '/rest/de.resolution.apitokenauth/latest/user/token'),
  message:
    'Found a matching token "API Token from 2020-09-22" with Read & Write scope and authenticated user admin. Token was created on Sep 22, 2020 2:43:30 PM. REST endpoint: /rest/de.resolution.apitokenauth/latest/user/token',
});

export const JIRA_LINE_2 =
  '2022-10-11 15:04:09,211+0000 http-nio-8080-exec-4 TRACE anonymous 904x1468x1 - 192.168.0.1 /rest/bamboo/latest/deploy/SCRUM1/SCRUM1-19 [c.a.pats.service.CachingTokenValidator] Verifying user token with hashed token: [{PKCS5S2}iOmgEVwCpHPgaWWxcrfauKEZtLy5Qy/o3gBQTqxuFVqjtG2XD4MzLweWSPI/bw0d]';

export const JIRA_EVENT_2: LoggingEvent = fixedEvent({
  timestamp: Date.UTC(2022, 9, 11, 15, 4, 9, 211),
  threadName: 'http-nio-8080-exec-4',
  level: Level.TRACE,
  loggerName: 'com.atlassian.pats.service.CachingTokenValidator',
  mdc: jiraMdc('904x1468x1', '192.168.0.1', '/rest/bamboo/latest/deploy/SCRUM1/SCRUM1-19'),
  message: 'Verifying user token with hashed token: [{PKCS5S2}iOmgEVwCpHPgaWWxcrfauKEZtLy5Qy/o3gBQTqxuFVqjtG2XD4MzLweWSPI/bw0d]',
});

export const BITBUCKET_LINE =
  '2021-01-07 08:52:38,540 INFO [http-nio-8080-exec-2] @A6X2OXx532x2669x0 79.209.73.23,100.120.0.11 "GET /rest/ssh/1.0/keys HTTP/1.1" d.r.a.p.auth.ApiTokenAuthSharedBase Found a matching token "API Token from 2021-01-06" with Read Only scope and authenticated user automation-user. Token was created on Jan 6, 2021 2:14:46 PM. REST endpoint: /rest/ssh/1.0/keys';

export const BITBUCKET_EVENT: LoggingEvent = fixedEvent({
  timestamp: Date.UTC(2021, 0, 7, 8, 52, 38, 540),
  threadName: 'http-nio-8080-exec-2',
  level: Level.INFO,
  loggerName: 'de.resolution.apitokenauth.platform.auth.ApiTokenAuthSharedBase',
  mdc: {
    [BITBUCKET_REQUEST_MDC_KEYS.id]: '@A6X2OXx532x2669x0',
    [BITBUCKET_REQUEST_MDC_KEYS.ip]: '79.209.73.23,100.120.0.11',
    [BITBUCKET_REQUEST_MDC_KEYS.action]: 'GET /rest/ssh/1.0/keys HTTP/1.1',
  },
  message:
    'Found a matching token "API Token from 2021-01-06" with Read Only scope and authenticated user automation-user. Token was created on Jan 6, 2021 2:14:46 PM. REST endpoint: /rest/ssh/1.0/keys',
});
