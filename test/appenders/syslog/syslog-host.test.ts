import { expect } from 'chai';
import { parseSyslogHost } from '../../../appenders/syslog/syslog-host.js';

describe('SyslogHost parsing', () => {
  it('takes host and optional port', () => {
    expect(parseSyslogHost('logs.example.com')).to.deep.equal({ host: 'logs.example.com', port: 514 });
    expect(parseSyslogHost(' logs.example.com:1514 ')).to.deep.equal({ host: 'logs.example.com', port: 1514 });
    expect(parseSyslogHost('10.0.0.7:10514')).to.deep.equal({ host: '10.0.0.7', port: 10514 });
  });

  it('uses the given default port when none is written', () => {
    expect(parseSyslogHost('collector', 6514)).to.deep.equal({ host: 'collector', port: 6514 });
  });

  it('takes IPv6 in brackets, with or without a port, and a bare IPv6 address as log4j does', () => {
    expect(parseSyslogHost('[::1]:5140')).to.deep.equal({ host: '::1', port: 5140 });
    expect(parseSyslogHost('[2001:db8::2]')).to.deep.equal({ host: '2001:db8::2', port: 514 });
    expect(parseSyslogHost('2001:db8::2')).to.deep.equal({ host: '2001:db8::2', port: 514 });
  });

  it('rejects malformed values with the value in the message', () => {
    expect(() => parseSyslogHost('')).to.throw('SyslogHost is empty');
    expect(() => parseSyslogHost('host:')).to.throw('SyslogHost "host:": port must be a number from 1 to 65535, got ""');
    expect(() => parseSyslogHost('host:70000')).to.throw('got "70000"');
    expect(() => parseSyslogHost('host:0')).to.throw('got "0"');
    expect(() => parseSyslogHost('host:x1')).to.throw('got "x1"');
    expect(() => parseSyslogHost(':514')).to.throw('no host before ":"');
    expect(() => parseSyslogHost('[::1')).to.throw('without a closing "]"');
    expect(() => parseSyslogHost('[::1]514')).to.throw('expected ":port" after "]"');
    expect(() => parseSyslogHost('[]:514')).to.throw('empty address between brackets');
  });
});
