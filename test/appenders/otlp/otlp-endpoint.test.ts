import { expect } from 'chai';
import { describeUrl, keyValueList, logsUrl } from '../../../appenders/otlp/otlp-endpoint.js';

describe('OTLP endpoint and OTEL_* settings', () => {
  it('{endpoint}/v1/logs, with or without a trailing slash or a path prefix', () => {
    expect(logsUrl('http://collector:4318', {}).href).to.equal('http://collector:4318/v1/logs');
    expect(logsUrl('https://otel.example.com/prefix/', {}).href).to.equal('https://otel.example.com/prefix/v1/logs');
  });

  it('the option first, then OTEL_EXPORTER_OTLP_LOGS_ENDPOINT as it is, OTEL_EXPORTER_OTLP_ENDPOINT with /v1/logs, then localhost:4318', () => {
    const environment = { OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://logs:9999/custom', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://all:4318' };
    expect(logsUrl('http://option:1', environment).href).to.equal('http://option:1/v1/logs');
    expect(logsUrl(undefined, environment).href).to.equal('http://logs:9999/custom');
    expect(logsUrl(' ', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://all:4318' }).href).to.equal('http://all:4318/v1/logs');
    expect(logsUrl(undefined, {}).href).to.equal('http://localhost:4318/v1/logs');
  });

  it('refuses what is not an http(s) URL, without repeating credentials or query', () => {
    expect(() => logsUrl('collector:4318', {})).to.throw('endpoint must be an http or https URL, got "collector:4318"');
    expect(() => logsUrl('not a url //user:secret@host?token=t', {})).to.throw('got "not a url //host"');
    expect(describeUrl(new URL('https://user:secret@host:8443/otel/v1/logs?token=t#x'))).to.equal('https://host:8443/otel/v1/logs');
    expect(() => logsUrl('http://user:pa/ss@host:4318', {})).to.throw('got "http://host:4318"');
  });

  it('key=value lists as the OTEL_* variables write them, values percent-decoded; a bad entry named by key, never by value', () => {
    expect(keyValueList('api-key=abc%3D%3D, x-tenant = shop ,,', 'headers')).to.deep.equal([['api-key', 'abc=='], ['x-tenant', 'shop']]);
    expect(keyValueList(undefined, 'headers')).to.deep.equal([]);
    expect(() => keyValueList('authorization', 'headers')).to.throw('headers: expected key=value pairs separated by commas; entry 1 has no "="');
    // A comma in a value splits it: what follows is part of a credential, so only where it is is said.
    const split = () => keyValueList('x-tenant=shop,api-key=abc,part-of-the-secret', 'headers');
    expect(split).to.throw('headers: expected key=value pairs separated by commas; entry 3 (after "api-key") has no "=" (write a comma in a value as %2C)');
    expect(split).not.to.throw(/part-of-the-secret/);
    expect(() => keyValueList('=secret', 'headers')).to.throw('(empty key)');
    expect(() => keyValueList('api-key=%E0%A4%A', 'headers')).to.throw('headers: the value of "api-key" is not valid percent-encoding');
  });
});
