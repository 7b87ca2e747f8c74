import { expect } from 'chai';
import { trace } from '@opentelemetry/api';
import { Hierarchy } from '../../../src/hierarchy.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryAppender } from '../../../appenders/memory-appender.js';
import { configure } from '../../../src/config/configure.js';
import { MDC } from '../../../src/context/mdc.js';
import { getLogger, LogManager } from '../../../src/log-manager.js';
import { Level } from '../../../src/level.js';
import type { LoggingEvent } from '../../../src/logging-event.js';
import { EcsLayout, labelKey, type EcsLayoutOptions } from '../../../layouts/ecs/ecs-layout.js';
import { createLayout } from '../../../layouts/registry.js';
import { fixedError, fixedEvent, JIRA_INSTANT } from '../fixed-event.js';
import { withGlobalTracer } from '../../support/global-tracer.js';

interface SpecField {
  type: 'datetime' | 'string' | 'integer' | 'object';
  required: boolean;
  index?: number;
  top_level_field?: boolean;
  sanitization?: { key: { replacements: string[]; substitute: string } };
}

/** The ECS logging spec, vendored as data (test/fixtures/ecs-logging/README.md). */
const SPEC = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../test/fixtures/ecs-logging/spec.json', import.meta.url)), 'utf8')) as {
  fields: Record<string, SpecField>;
};
const FIELDS = Object.entries(SPEC.fields);
const ORDERED = FIELDS.filter(([, f]) => f.index !== undefined).sort(([, a], [, b]) => a.index! - b.index!).map(([name]) => name);

const TRACE = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 };

/** Parses one record, checking it is one line of JSON. */
function record(line: string): Record<string, unknown> {
  expect(line.endsWith('\n')).to.equal(true);
  const body = line.slice(0, -1);
  expect(body).not.to.match(/[\n\r\u2028\u2029\u0085]/);
  return JSON.parse(body) as Record<string, unknown>;
}

/** Every rule spec.json states for the fields a record carries; returns the record. */
function conformsToSpec(line: string): Record<string, unknown> {
  const parsed = record(line);
  const keys = Object.keys(parsed);
  for (const [name, field] of FIELDS) {
    if (field.required) expect(keys, `required field ${name}`).to.include(name);
    if (!(name in parsed)) continue;
    const value = parsed[name];
    switch (field.type) {
      case 'datetime':
        expect(value, name).to.be.a('string').and.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(new Date(value as string).toISOString(), name).to.equal(value);
        break;
      case 'string': expect(value, name).to.be.a('string'); break;
      case 'integer': expect(Number.isInteger(value), `${name} is an integer`).to.equal(true); break;
      case 'object': expect(value, name).to.be.an('object').and.not.be.an('array'); break;
    }
    if (field.sanitization) {
      for (const key of Object.keys(value as object)) {
        for (const bad of field.sanitization.key.replacements) expect(key, `${name} key`).not.to.include(bad);
      }
    }
  }
  // Dotted at the top level, never as a nested object, where the spec says so.
  for (const [name, field] of FIELDS) {
    if (field.top_level_field) expect(parsed[name.split('.')[0]!], `${name} is not nested`).to.equal(undefined);
  }
  const present = ORDERED.filter((name) => name in parsed);
  expect(keys.slice(0, present.length), 'the first keys, in the spec\'s order').to.deep.equal(present);
  return parsed;
}

const layout = (options: EcsLayoutOptions = {}): EcsLayout => new EcsLayout(options);
const parse = (options: EcsLayoutOptions, overrides: Partial<LoggingEvent> = {}): Record<string, unknown> => conformsToSpec(layout(options).format(fixedEvent(overrides)));

describe('EcsLayout', () => {
  describe('against the ECS logging spec (test/fixtures/ecs-logging/spec.json)', () => {
    it('the spec is the one vendored: @timestamp, log.level and ecs.version required, @timestamp/log.level/message first', () => {
      expect(FIELDS.filter(([, f]) => f.required).map(([name]) => name).sort()).to.deep.equal(['@timestamp', 'ecs.version', 'log.level']);
      expect(ORDERED).to.deep.equal(['@timestamp', 'log.level', 'message']);
    });

    it('a plain event: every field the spec names that the event has, with the spec\'s type, order and keys', () => {
      const parsed = parse({});
      expect(parsed).to.deep.equal({
        '@timestamp': '2020-09-22T15:20:50.922Z',
        'log.level': 'INFO',
        message: 'Message 0',
        'ecs.version': '8.10.0',
        'process.thread.name': 'main',
        'log.logger': 'org.apache.log4j.PatternLayoutTestCase',
      });
    });

    it('every optional field of the spec, each with its type: service, dataset, origin, error, trace, labels', () => {
      const error = fixedError('The argument cannot be null');
      const line = layout({ serviceName: 'opbeans', serviceVersion: '1.2.3', serviceEnvironment: 'production', serviceNodeName: 'node-1', includeOrigin: true })
        .format(fixedEvent({
          level: Level.ERROR, error, trace: TRACE, mdc: { 'app.version': '1.0.42', 'a*b\\c': 'x' },
          location: { className: 'OwnerController', methodName: 'initFindForm', fileName: 'owner-controller.ts', lineNumber: '42' },
        }));
      const parsed = conformsToSpec(line);
      const specNames = FIELDS.map(([name]) => name);
      // Written: all of the spec's fields but transaction.id (no APM transaction here).
      expect(specNames.filter((name) => !(name in parsed))).to.deep.equal(['transaction.id']);
      expect(parsed).to.deep.include({
        'service.name': 'opbeans', 'service.version': '1.2.3', 'service.environment': 'production', 'service.node.name': 'node-1',
        'event.dataset': 'opbeans',
        'log.origin.file.name': 'owner-controller.ts', 'log.origin.file.line': 42, 'log.origin.function': 'OwnerController.initFindForm',
        'error.type': 'Error', 'error.message': 'The argument cannot be null',
        'error.stack_trace': 'Error: The argument cannot be null\n    at common (/app/test.js:10:5)\n    at run (/app/test.js:20:3)',
        'trace.id': TRACE.traceId, 'span.id': TRACE.spanId,
        labels: { app_version: '1.0.42', a_b_c: 'x' },
      });
    });

    it('sanitizes labels keys with the spec\'s replacements and substitute', () => {
      const rule = SPEC.fields.labels!.sanitization!.key;
      const key = `a${rule.replacements.join('b')}c`;
      const expected = `a${rule.replacements.map(() => rule.substitute).join('b')}c`;
      expect(labelKey(key)).to.equal(expected);
      expect(parse({}, { mdc: { [key]: 'v' } }).labels).to.deep.equal({ [expected]: 'v' });
    });

    it('event.dataset is the service name unless configured, as the spec\'s default says', () => {
      expect(parse({ serviceName: 'svc' })['event.dataset']).to.equal('svc');
      expect(parse({ serviceName: 'svc', eventDataset: 'svc.access' })['event.dataset']).to.equal('svc.access');
      expect(parse({})).not.to.have.property('event.dataset');
    });
  });

  describe('@timestamp', () => {
    it('is ISO 8601 in UTC with milliseconds, whatever the second before it was', () => {
      const l = layout();
      const at = (ms: number) => record(l.format(fixedEvent({ timestamp: ms })))['@timestamp'];
      for (const ms of [JIRA_INSTANT, JIRA_INSTANT + 1, JIRA_INSTANT - 922, JIRA_INSTANT + 78, 0, -1, Date.UTC(1969, 11, 31, 23, 59, 59, 5), JIRA_INSTANT + 1000]) {
        expect(at(ms), String(ms)).to.equal(new Date(ms).toISOString());
      }
    });
  });

  describe('one line per event', () => {
    const breaks = ['\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085'];

    it('line breaks in the message, thread, logger, MDC, fields, keys and the stack stay escaped inside their strings', () => {
      for (const br of breaks) {
        const forged = `ok${br}{"@timestamp":"2000-01-01T00:00:00.000Z","log.level":"ERROR","message":"forged"}`;
        const error = fixedError(forged);
        const line = layout({ mdc: 'fields' }).format(fixedEvent({
          message: forged, threadName: forged, loggerName: forged, mdc: { [forged]: forged }, error,
          fields: { [`k${br}`]: forged, nested: { deep: [forged] } },
        }));
        expect(line.indexOf('\n')).to.equal(line.length - 1);
        const parsed = conformsToSpec(line);
        expect([parsed.message, parsed['process.thread.name'], parsed['log.logger'], parsed[forged], parsed[`k${br}`], parsed['error.message']])
          .to.deep.equal([forged, forged, forged, forged, forged, forged]);
        expect(parsed.nested).to.deep.equal({ deep: [forged] });
      }
    });

    it('control characters, quotes, backslashes and lone surrogates are valid JSON', () => {
      const text = 'a"b\\c\u0000\u001f\ud800x\tend';
      expect(parse({}, { message: text }).message).to.equal(JSON.parse(JSON.stringify(text)));
    });
  });

  describe('the MDC', () => {
    const mdc = { 'user.name': 'admin', requestId: '920x447x1' };

    it('goes under labels by default, keys sanitized', () => {
      expect(parse({}, { mdc }).labels).to.deep.equal({ user_name: 'admin', requestId: '920x447x1' });
      expect(parse({}, { mdc: {} })).not.to.have.property('labels');
    });

    it('becomes top-level fields with mdc=fields (pino\'s shape), keys as they are', () => {
      const parsed = parse({ mdc: 'fields' }, { mdc });
      expect(parsed).to.deep.include({ 'user.name': 'admin', requestId: '920x447x1' });
      expect(parsed).not.to.have.property('labels');
    });

    it('is left out with mdc=none', () => {
      const parsed = parse({ mdc: 'none' }, { mdc });
      expect(Object.keys(parsed)).not.to.include.members(['labels', 'requestId']);
    });

    it('an event field of the same name wins over the MDC value, written once', () => {
      const line = layout({ mdc: 'fields' }).format(fixedEvent({ mdc, fields: { requestId: 'from-event' } }));
      expect(line.match(/"requestId"/g)).to.have.length(1);
      expect(record(line).requestId).to.equal('from-event');
    });

    it('a later event with another MDC gets its own values (the serialized MDC is kept per MDC object only)', () => {
      const l = layout();
      expect(record(l.format(fixedEvent({ mdc })))).to.have.property('labels');
      expect(record(l.format(fixedEvent({ mdc: { other: '1' } }))).labels).to.deep.equal({ other: '1' });
      expect(record(l.format(fixedEvent({ level: Level.WARN, loggerName: 'b', threadName: 't2' })))).to.deep.include({ 'log.level': 'WARN', 'log.logger': 'b', 'process.thread.name': 't2' });
    });

    it('rejects an unknown placement, naming it', () => {
      expect(() => layout({ mdc: 'nested' })).to.throw('mdc must be labels, fields or none, got "nested"');
    });
  });

  describe('event fields (log.info({...}, msg), with({...}))', () => {
    it('are top-level fields with their JSON types', () => {
      const parsed = parse({}, {
        fields: { orderId: 'o-1', amount: 12.5, count: 3, paid: true, none: null, tags: ['a', 'b'], customer: { id: 7, vip: false }, big: 12345678901234567890n, skipped: undefined },
      });
      expect(parsed).to.deep.include({ orderId: 'o-1', amount: 12.5, count: 3, paid: true, none: null, tags: ['a', 'b'], customer: { id: 7, vip: false } });
      expect(parsed).not.to.have.property('skipped');
      expect(String(parsed.big)).to.equal(String(Number(12345678901234567890n)));
    });

    it('write dates as ISO text, errors as ECS error objects, cycles and deep nesting as markers', () => {
      const cyclic: Record<string, unknown> = { name: 'loop' };
      cyclic.self = cyclic;
      let deep: Record<string, unknown> = {};
      const root = deep;
      for (let i = 0; i < 50; i++) deep = (deep.next = {}) as Record<string, unknown>;
      const parsed = parse({}, { fields: { at: new Date(JIRA_INSTANT), cause: fixedError('boom'), cyclic, root } });
      expect(parsed.at).to.equal('2020-09-22T15:20:50.922Z');
      expect(parsed.cause).to.deep.equal({ type: 'Error', message: 'boom', stack_trace: 'Error: boom\n    at common (/app/test.js:10:5)\n    at run (/app/test.js:20:3)' });
      expect(parsed.cyclic).to.deep.equal({ name: 'loop', self: '[Circular]' });
      expect(JSON.stringify(parsed.root)).to.include('"[Too deep]"');
    });

    it('a getter that throws does not lose the line', () => {
      const hostile = { get secret(): string { throw new Error('no access'); } };
      const parsed = parse({}, { fields: { hostile, ok: 1 } });
      expect(parsed).to.deep.include({ hostile: '[Unserializable: no access]', ok: 1 });
    });

    it('cannot replace or repeat a field the layout writes: such a key gets the fields. prefix', () => {
      const line = layout({ serviceName: 'svc' }).format(fixedEvent({
        fields: { message: 'forged', 'log.level': 'FATAL', '@timestamp': 'x', 'service.name': 'other', labels: 'l' },
      }));
      for (const key of ['"message"', '"log.level"', '"@timestamp"', '"service.name"']) expect(line.split(key)).to.have.length(2);
      expect(conformsToSpec(line)).to.deep.include({
        message: 'Message 0', 'log.level': 'INFO', 'service.name': 'svc',
        'fields.message': 'forged', 'fields.log.level': 'FATAL', 'fields.@timestamp': 'x', 'fields.service.name': 'other', 'fields.labels': 'l',
      });
    });

    it('cannot reach a field the layout writes through an object or a longer dotted key (Elasticsearch reads log: {level} as log.level)', () => {
      /** Every leaf of a record under its dotted path, as Elasticsearch indexes dotted keys and objects alike. */
      const leaves = (value: unknown, path = ''): [string, unknown][] => value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value).flatMap(([key, member]) => leaves(member, path === '' ? key : `${path}.${key}`))
        : [[path, value]];
      const hostile = {
        log: { level: 'FATAL', logger: 'forged' }, trace: { id: 'forged' }, 'log.origin': { function: 'forged' }, process: { thread: { name: 'forged' } },
        'message.text': 'forged', 'log.level.name': 'forged', ecs: { version: 'forged' },
      };
      for (const mdc of ['labels', 'fields'] as const) {
        const line = layout({ mdc }).format(fixedEvent({ fields: hostile, mdc: { 'error.type': 'forged', log: 'forged' }, trace: { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 } }));
        const paths = leaves(conformsToSpec(line));
        for (const own of ['@timestamp', 'log.level', 'message', 'log.logger', 'process.thread.name', 'trace.id', 'ecs.version']) {
          expect(paths.filter(([path]) => path === own || path.startsWith(`${own}.`)), `${mdc}: ${own}`).to.have.length(1);
        }
        expect(paths.filter(([, value]) => value === 'forged').every(([path]) => path.startsWith('fields.') || path.startsWith('labels.')), mdc).to.equal(true);
      }
    });
  });

  describe('errors and origin', () => {
    it('error.type is the error\'s class, the stack keeps its causes', () => {
      class PaymentDeclined extends Error {}
      const error = new PaymentDeclined('declined', { cause: fixedError('card expired') });
      error.stack = 'Error: declined\n    at pay (/app/pay.js:1:1)';
      const parsed = parse({}, { error });
      expect(parsed['error.type']).to.equal('PaymentDeclined');
      expect(parsed['error.stack_trace']).to.equal('Error: declined\n    at pay (/app/pay.js:1:1)\nCaused by: Error: card expired\n    at common (/app/test.js:10:5)\n    at run (/app/test.js:20:3)');
    });

    it('stackTraceAsArray writes the stack as its lines (ecs-logging-java\'s option; the spec wants text, so it is off by default)', () => {
      const parsed = record(layout({ stackTraceAsArray: true }).format(fixedEvent({ error: fixedError('x') })));
      expect(SPEC.fields['error.stack_trace']!.type).to.equal('string');
      expect(parsed['error.stack_trace']).to.deep.equal(['Error: x', '    at common (/app/test.js:10:5)', '    at run (/app/test.js:20:3)']);
    });

    it('includeOrigin asks for the call site; without it none is written', () => {
      expect(layout({ includeOrigin: true }).requiresLocation).to.equal(true);
      expect(layout().requiresLocation).to.equal(false);
      const location = { className: '?', methodName: 'handler', fileName: 'app.js', lineNumber: '?' };
      expect(parse({ includeOrigin: true }, { location })).to.deep.include({ 'log.origin.file.name': 'app.js', 'log.origin.function': 'handler' })
        .and.not.to.have.property('log.origin.file.line');
      expect(parse({}, { location })).not.to.have.property('log.origin.file.name');
    });
  });

  describe('fixed fields', () => {
    it('additionalFields from key=value text or an object, after the service fields', () => {
      expect(parse({ additionalFields: 'team=payments, region = eu-1' })).to.deep.include({ team: 'payments', region: 'eu-1' });
      expect(parse({ additionalFields: { team: 'payments' }, ecsVersion: '1.2.0' })).to.deep.include({ team: 'payments', 'ecs.version': '1.2.0' });
    });

    it('additionalFields text is percent-decoded, so a value can hold commas and equals signs', () => {
      expect(parse({ additionalFields: 'note=a%2Cb%3Dc,k%20ey=%25' })).to.deep.include({ note: 'a,b=c', 'k ey': '%' });
      expect(() => layout({ additionalFields: 'note=100%' })).to.throw('additionalFields: "note" is not valid percent-encoding (write % as %25)');
    });

    it('refuses an additional field the layout writes itself, and text that is not key=value', () => {
      expect(() => layout({ additionalFields: 'message=x' })).to.throw('additionalFields: "message" is a field the ECS layout writes itself');
      expect(() => layout({ serviceName: 's', additionalFields: { 'service.name': 'x' } })).to.throw('"service.name"');
      expect(() => layout({ additionalFields: 'team' })).to.throw('additionalFields: expected key=value, got "team"');
    });

    it('refuses an additional field on the path of another (log beside log.level), which Elasticsearch could not map: every record would be rejected', () => {
      expect(() => layout({ additionalFields: 'log=x' })).to.throw('additionalFields: "log" and "log.level" are one path to Elasticsearch (an object and a member of it)');
      expect(() => layout({ additionalFields: 'message.lang=en' })).to.throw('"message.lang" and "message"');
      expect(() => layout({ additionalFields: 'team=a,team.name=b' })).to.throw('"team.name" and "team"');
      expect(() => layout({ serviceName: 's', additionalFields: 'service=x' })).to.throw('"service" and "service.name"');
      expect(parse({ additionalFields: 'service=x,team.name=b,labels.env=prod' })).to.deep.include({ service: 'x', 'team.name': 'b', 'labels.env': 'prod' });
    });
  });

  describe('keyValuePairs (Log4j 2\'s <KeyValuePair>): run-time lookups per event', () => {
    const HEAD = '{"@timestamp":"2020-09-22T15:20:50.922Z","log.level":"INFO","message":"Message 0","ecs.version":"8.10.0","service.name":"svc","event.dataset":"svc"';
    const TAIL = '"process.thread.name":"main","log.logger":"org.apache.log4j.PatternLayoutTestCase"';
    const pairs = layout({
      serviceName: 'svc',
      keyValuePairs: { team: 'payments', 'user.name': '${ctx:user}', region: 'eu-1', order: 'o-${map:orderId}', severity: '${event:Level}', tenant: '${ctx:tenant:-none}' },
    });

    it('looks up ctx:, map: and event: for each event, in the declared order among the constant ones', () => {
      expect(pairs.format(fixedEvent({ mdc: { user: 'alice' }, fields: { orderId: 7 } }))).to.equal(
        `${HEAD},"team":"payments","user.name":"alice","region":"eu-1","order":"o-7","severity":"INFO","tenant":"none",${TAIL},"labels":{"user":"alice"},"orderId":7}\n`);
      expect(pairs.format(fixedEvent({ mdc: { user: 'bob', tenant: 't1' }, fields: { orderId: 8 } }))).to.equal(
        `${HEAD},"team":"payments","user.name":"bob","region":"eu-1","order":"o-8","severity":"INFO","tenant":"t1",${TAIL},"labels":{"user":"bob","tenant":"t1"},"orderId":8}\n`);
    });

    it('leaves out a field none of whose lookups finds a value (as ecs-logging-java does), keeping the rest', () => {
      expect(pairs.format(fixedEvent())).to.equal(`${HEAD},"team":"payments","region":"eu-1","severity":"INFO","tenant":"none",${TAIL}}\n`);
    });

    it('never looks into the message or an MDC value: a lookup written there is printed as it is', () => {
      const line = pairs.format(fixedEvent({ message: 'hi ${ctx:secret}', mdc: { user: '${ctx:secret}', secret: 's3' } }));
      expect(line).to.equal(
        `${HEAD.replace('"Message 0"', '"hi ${ctx:secret}"')},"team":"payments","user.name":"\${ctx:secret}","region":"eu-1","severity":"INFO","tenant":"none",${TAIL},"labels":{"user":"\${ctx:secret}","secret":"s3"}}\n`);
    });

    it('keeps additionalFields constant even when they hold a lookup, and checks keyValuePairs\' keys as it checks theirs', () => {
      expect(parse({ additionalFields: { who: '${ctx:user}' } }, { mdc: { user: 'alice' } })).to.deep.include({ who: '${ctx:user}' });
      expect(() => layout({ keyValuePairs: 'message=${ctx:user}' })).to.throw('keyValuePairs: "message" is a field the ECS layout writes itself');
      expect(() => layout({ additionalFields: 'team=a', keyValuePairs: 'team.name=${ctx:user}' })).to.throw('keyValuePairs: "team.name" and "team" are one path');
    });
  });

  describe('from configuration names (layouts/registry.ts)', () => {
    const event = fixedEvent({ mdc: { requestId: 'r1' } });

    it('logwarden.EcsLayout / ecs: MDC under labels; options in any case', () => {
      for (const name of ['logwarden.EcsLayout', 'ecs']) {
        const parsed = conformsToSpec(createLayout(name, { ServiceName: 'svc', MDC: 'labels' }).format(event));
        expect(parsed).to.deep.include({ 'service.name': 'svc', labels: { requestId: 'r1' } });
      }
    });

    it('ecs-logging-java\'s names (Log4j 2 EcsLayout, log4j 1.2 EcsLayout, logback EcsEncoder): MDC top-level as it writes it', () => {
      for (const name of ['EcsLayout', 'co.elastic.logging.log4j2.EcsLayout', 'co.elastic.logging.log4j.EcsLayout', 'co.elastic.logging.logback.EcsEncoder']) {
        const parsed = conformsToSpec(createLayout(name, { serviceName: 'svc', serviceEnvironment: 'prod', includeOrigin: 'false', stackTraceAsArray: 'true' }).format(event));
        expect(parsed, name).to.deep.include({ 'service.name': 'svc', 'service.environment': 'prod', requestId: 'r1' });
      }
    });

    it('accepts ecs-logging-java\'s includeMarkers / exceptionPattern / throwableConverter with a warning naming the option', () => {
      const warnings: [string, string | undefined][] = [];
      createLayout('EcsLayout', { includeMarkers: 'true', exceptionPattern: '%ex' }, { warn: (message, key) => warnings.push([message, key]) });
      expect(warnings).to.deep.equal([
        ['includeMarkers is ignored: logwarden events carry no markers', 'includeMarkers'],
        ['exceptionPattern is ignored: error.stack_trace is the stack as logwarden prints it', 'exceptionPattern'],
      ]);
    });

    it('names the bad value and the option', () => {
      expect(() => createLayout('ecs', { includeOrigin: 'yes' })).to.throw('option includeOrigin must be true or false, got "yes"');
      expect(() => createLayout('ecs', { mdc: 'x' })).to.throw('Layout ecs: mdc must be labels, fields or none, got "x"');
      expect(() => createLayout('ecs', { pattern: '%m' })).to.throw(/Unknown option pattern for layout ecs/);
    });
  });

  describe('from configuration files', () => {
    let dir: string;
    beforeEach(async () => {
      await LogManager.resetConfiguration();
      dir = mkdtempSync(join(tmpdir(), 'logwarden-ecs-'));
    });
    afterEach(async () => {
      await LogManager.resetConfiguration();
      rmSync(dir, { recursive: true, force: true });
    });

    const FILES: Record<string, string> = {
      'log4j.properties': [
        'log4j.rootLogger=INFO, M',
        'log4j.appender.M=logwarden.MemoryAppender',
        'log4j.appender.M.layout=co.elastic.logging.log4j.EcsLayout',
        'log4j.appender.M.layout.ServiceName=svc',
      ].join('\n'),
      'logwarden.yaml': [
        'root: { level: INFO, appenders: [M] }',
        'appenders:',
        '  M:',
        '    class: memory',
        '    layout: { class: ecs, serviceName: svc, mdc: fields }',
      ].join('\n'),
      'log4j2.xml': [
        '<Configuration>',
        '  <Appenders><MemoryAppender name="M"><EcsLayout serviceName="svc"/></MemoryAppender></Appenders>',
        '  <Loggers><Root level="info"><AppenderRef ref="M"/></Root></Loggers>',
        '</Configuration>',
      ].join('\n'),
      'logback.xml': [
        '<configuration>',
        '  <appender name="M" class="logwarden.MemoryAppender">',
        '    <encoder class="co.elastic.logging.logback.EcsEncoder"><serviceName>svc</serviceName></encoder>',
        '  </appender>',
        '  <root level="INFO"><appender-ref ref="M"/></root>',
        '</configuration>',
      ].join('\n'),
    };

    for (const [name, text] of Object.entries(FILES)) {
      it(`${name}: records of the spec's shape with service.name and the MDC as fields`, () => {
        const file = join(dir, name);
        writeFileSync(file, text);
        const handle = configure(file);
        expect(handle.warnings).to.deep.equal([]);
        MDC.run({ requestId: 'r1' }, () => getLogger('app.orders').info('paid'));
        const memory = getLogger().getAppender('M') as MemoryAppender;
        const parsed = conformsToSpec(memory.text);
        expect(parsed).to.deep.include({ message: 'paid', 'log.logger': 'app.orders', 'service.name': 'svc', 'event.dataset': 'svc', requestId: 'r1' });
      });
    }

    it('ecs-logging-java\'s fixed fields: Log4j 2 <KeyValuePair> children and logback <additionalField> elements, any text in their values', () => {
      const value = 'a,b=c%d & more';
      const variants: Record<string, string> = {
        'log4j2.xml': FILES['log4j2.xml']!.replace('<EcsLayout serviceName="svc"/>', `<EcsLayout serviceName="svc"><KeyValuePair key="team" value="payments"/><KeyValuePair key="note" value="a,b=c%d &amp; more"/></EcsLayout>`),
        'logback.xml': FILES['logback.xml']!.replace('<serviceName>svc</serviceName>', `<serviceName>svc</serviceName><additionalField><key>team</key><value>payments</value></additionalField><additionalField><key>note</key><value>a,b=c%d &amp; more</value></additionalField>`),
      };
      for (const [name, text] of Object.entries(variants)) {
        const file = join(dir, name);
        writeFileSync(file, text);
        expect(configure(file).warnings, name).to.deep.equal([]);
        getLogger('app').info('with fixed fields');
        const parsed = conformsToSpec((getLogger().getAppender('M') as MemoryAppender).lines.at(-1)!);
        expect(parsed, name).to.deep.include({ team: 'payments', note: value, 'service.name': 'svc' });
      }
    });
  });

  describe('Log4j 2 <KeyValuePair> lookups from configuration files', () => {
    let dir: string;
    beforeEach(async () => {
      await LogManager.resetConfiguration();
      dir = mkdtempSync(join(tmpdir(), 'logwarden-ecs-lookups-'));
    });
    afterEach(async () => {
      await LogManager.resetConfiguration();
      rmSync(dir, { recursive: true, force: true });
    });

    /** The memory appender's lines with @timestamp made fixed. */
    const lines = (): string[] => (getLogger().getAppender('M') as MemoryAppender).lines.map((line) => line.replace(/^\{"@timestamp":"[^"]*"/, '{"@timestamp":"T"'));
    const HEAD = '{"@timestamp":"T","log.level":"INFO","message":"paid","ecs.version":"8.10.0","service.name":"svc","event.dataset":"svc"';
    const TAIL = '"process.thread.name":"main","log.logger":"app.orders"';

    const LOG4J2_XML = [
      '<Configuration>',
      '  <Appenders><MemoryAppender name="M"><EcsLayout serviceName="svc" mdc="none">',
      '    <KeyValuePair key="team" value="${sys:team}"/>',
      '    <KeyValuePair key="user.name" value="$${ctx:user}"/>',
      '    <KeyValuePair key="order.id" value="$${map:orderId}"/>',
      '    <KeyValuePair key="severity" value="$${event:Level}"/>',
      '    <KeyValuePair key="tenant" value="$${ctx:tenant:-none}"/>',
      '    <KeyValuePair key="login" value="${ctx:user}"/>',
      '    <KeyValuePair key="year" value="$${date:yyyy}"/>',
      '  </EcsLayout></MemoryAppender></Appenders>',
      '  <Loggers><Root level="info"><AppenderRef ref="M"/></Root></Loggers>',
      '</Configuration>',
    ].join('\n');

    it('log4j2.xml: $${ctx:...}, $${map:...}, $${event:...} per event (and ${ctx:...}, which has no value at load), ${sys:...} at load, an unsupported lookup warned about and kept', () => {
      const file = join(dir, 'log4j2.xml');
      writeFileSync(file, LOG4J2_XML);
      const handle = configure(file, { substitutions: { team: 'payments' } });
      expect(handle.warnings).to.deep.equal([
        `${file}:9:30: Configuration/Appenders/MemoryAppender[@name="M"]/EcsLayout/KeyValuePair/@value: run-time lookup \${date:yyyy} is not supported (logwarden looks up ctx:, map: and event: at run time); it stays as written`,
      ]);
      MDC.run({ user: 'alice' }, () => getLogger('app.orders').info({ orderId: 7 }, 'paid'));
      MDC.run({ user: 'bob', tenant: 't1' }, () => getLogger('app.orders').info('paid'));
      expect(lines()).to.deep.equal([
        `${HEAD},"team":"payments","user.name":"alice","order.id":"7","severity":"INFO","tenant":"none","login":"alice","year":"\${date:yyyy}",${TAIL},"orderId":7}\n`,
        `${HEAD},"team":"payments","user.name":"bob","severity":"INFO","tenant":"t1","login":"bob","year":"\${date:yyyy}",${TAIL}}\n`,
      ]);
    });

    it('log4j2.json: the same KeyValuePair list read from Log4j 2\'s JSON form', () => {
      const file = join(dir, 'log4j2.json');
      writeFileSync(file, JSON.stringify({
        Configuration: {
          Appenders: { MemoryAppender: { name: 'M', EcsLayout: { serviceName: 'svc', mdc: 'none', KeyValuePair: [{ key: 'user.name', value: '$${ctx:user}' }, { key: 'team', value: 'payments' }] } } },
          Loggers: { Root: { level: 'info', AppenderRef: { ref: 'M' } } },
        },
      }));
      expect(configure(file).warnings).to.deep.equal([]);
      MDC.run({ user: 'alice' }, () => getLogger('app.orders').info('paid'));
      getLogger('app.orders').info('paid');
      expect(lines()).to.deep.equal([`${HEAD},"user.name":"alice","team":"payments",${TAIL}}\n`, `${HEAD},"team":"payments",${TAIL}}\n`]);
    });

    it('logback.xml: <additionalField> values are constants (logback has no run-time lookups), whatever they hold', () => {
      const file = join(dir, 'logback.xml');
      writeFileSync(file, [
        '<configuration>',
        '  <appender name="M" class="logwarden.MemoryAppender">',
        '    <encoder class="co.elastic.logging.logback.EcsEncoder"><serviceName>svc</serviceName>',
        '      <additionalField><key>user.name</key><value>${ctx:user}</value></additionalField>',
        '    </encoder>',
        '  </appender>',
        '  <root level="INFO"><appender-ref ref="M"/></root>',
        '</configuration>',
      ].join('\n'));
      configure(file);
      MDC.run({ user: 'alice' }, () => getLogger('app.orders').info('paid'));
      expect(lines()).to.deep.equal([`${HEAD},"user.name":"\${ctx:user}",${TAIL},"fields.user":"alice"}\n`]);
    });
  });

  describe('through a logger: structured fields and the active OpenTelemetry span', () => {
    withGlobalTracer();

    it('log.info({...}, msg) and log.with({...}) fields at the top level, trace.id and span.id of the span', async () => {
      const hierarchy = new Hierarchy();
      const memory = new MemoryAppender({ layout: new EcsLayout({ serviceName: 'shop' }) });
      hierarchy.root.addAppender(memory);
      const log = hierarchy.getLogger('shop.orders');
      const ids = await trace.getTracer('test').startActiveSpan('checkout', async (span) => {
        log.info({ orderId: 'o-17', amount: 12.5 }, 'paid');
        await new Promise<void>((resolve) => setImmediate(resolve));
        log.with({ customer: 7 }).warn('slow');
        span.end();
        return span.spanContext();
      });
      const [paid, slow] = memory.lines.map(conformsToSpec);
      expect(paid).to.deep.include({ message: 'paid', orderId: 'o-17', amount: 12.5, 'trace.id': ids.traceId, 'span.id': ids.spanId, 'log.logger': 'shop.orders' });
      expect(slow).to.deep.include({ message: 'slow', 'log.level': 'WARN', customer: 7, 'trace.id': ids.traceId });
    });
  });
});
