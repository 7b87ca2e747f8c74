import { expect } from 'chai';
import { MemoryAppender } from '../../../appenders/memory-appender.js';
import { presetLayout } from '../../../layouts/presets.js';
import { getLogger } from '../../../src/log-manager.js';
import { SsoEvents } from '../../../src/auth/sso/sso-events.js';
import { captureEverything, messagesOf } from '../support/log-capture.js';
import { REDACTED_USER_NAME } from '../../../src/auth/loggable-user-name.js';
import { apiToken } from '../../../src/auth/tokens/api-token.js';
import { ManualClock } from '../support/manual-clock.js';

const AUDIT = 'com.kantegasso.AuditLog';
const DIAGNOSTICS = 'com.kantegasso.DiagnosticsLog';

describe('auth/sso/SsoEvents', () => {
  it('writes Kantega audit lines for passed and failed logins', async () => {
    const logs = await captureEverything();
    const sso = new SsoEvents();
    sso.recordLogin({ user: 'johndoe', method: 'Kerberos', passed: true });
    sso.recordLogin({ user: 'johndoe', method: 'SAML', passed: false, reason: 'User not in a required group', failure: 'userNotInRequiredGroup' });
    sso.recordLogin({ user: 'jane', method: 'Kerberos', passed: false });
    expect(messagesOf(logs, AUDIT)).to.deep.equal([
      "The user 'johndoe' has PASSED authentication using Kerberos",
      "The user 'johndoe' has FAILED authentication using SAML. Reason: User not in a required group",
      "The user 'jane' has FAILED authentication using Kerberos. Reason: unknown reason",
    ]);
    expect(logs.events.every((e) => e.level.name === 'INFO')).to.equal(true);
    expect(messagesOf(logs, DIAGNOSTICS), 'failure collection is off by default').to.deep.equal([]);
  });

  it('counts usage per method', async () => {
    await captureEverything();
    const sso = new SsoEvents();
    sso.recordChallengeSent('Kerberos');
    sso.recordChallengeSent('Kerberos');
    sso.recordLogin({ user: 'a', method: 'Kerberos', passed: true });
    const failures = ['failedValidatingClientToken', 'userNotFound', 'userLacksLoginPermission', 'userNotInRequiredGroup', 'clientInTemporaryLockout'] as const;
    for (const failure of failures) sso.recordLogin({ user: 'b', method: 'Kerberos', passed: false, reason: failure, failure });
    sso.recordLogin({ user: 'c', method: 'SAML', passed: false, failure: 'userNotFound' });
    expect(sso.usage('Kerberos')).to.deep.equal({
      loginCompleted: 1, challengeSent: 2, failedValidatingClientToken: 1, userNotFound: 1,
      userLacksLoginPermission: 1, userNotInRequiredGroup: 1, clientInTemporaryLockout: 1,
    });
    expect(sso.usage('SAML').userNotFound).to.equal(1);
    sso.resetUsage();
    expect(sso.usage('Kerberos').challengeSent).to.equal(0);
  });

  it('counts since it was made, and a reset zeroes every method\'s counters and counts from then', async () => {
    await captureEverything();
    const clock = new ManualClock(Date.UTC(2024, 2, 1, 9, 0, 0));
    const sso = new SsoEvents({ clock });
    expect(sso.countingSince).to.equal(Date.UTC(2024, 2, 1, 9, 0, 0));
    sso.recordLogin({ user: 'a', method: 'Kerberos', passed: true });
    sso.recordLogin({ user: 'a', method: 'SAML', passed: false, failure: 'userNotFound' });
    clock.advance(3_600_000);
    expect(sso.countingSince, 'counting does not move the since-time').to.equal(Date.UTC(2024, 2, 1, 9, 0, 0));
    sso.resetUsage();
    expect(sso.countingSince).to.equal(Date.UTC(2024, 2, 1, 10, 0, 0));
    expect(sso.usage('Kerberos').loginCompleted).to.equal(0);
    expect(sso.usage('SAML').userNotFound).to.equal(0);
  });

  it('failure collection can be turned on and off at run time: only failures while on reach the diagnostics log', async () => {
    const logs = await captureEverything();
    const sso = new SsoEvents();
    sso.recordLogin({ user: 'one', method: 'Kerberos', passed: false, reason: 'before' });
    sso.collectFailures = true;
    sso.recordLogin({ user: 'two', method: 'Kerberos', passed: false, reason: 'while on' });
    sso.collectFailures = false;
    sso.recordLogin({ user: 'three', method: 'SAML', passed: false, reason: 'after' });
    expect(messagesOf(logs, DIAGNOSTICS)).to.deep.equal(["Authentication of user 'two' failed: while on"]);
    expect(messagesOf(logs, AUDIT)).to.have.length(3);
  });

  it('writes diagnostics records when failure collection is on, in Kantega\'s JSON shape', async () => {
    const logs = await captureEverything();
    const diagnostics = new MemoryAppender({ name: 'diagnostics', layout: presetLayout('kantega-diagnostics', { timeZone: 'UTC' }) });
    getLogger(DIAGNOSTICS).addAppender(diagnostics);
    const sso = new SsoEvents({ collectFailures: true });
    sso.recordLogin({ user: 'johndoe', method: 'Kerberos', passed: false, reason: 'Clock skew too great' });
    sso.recordLogin({ user: 'johndoe', method: 'Kerberos', passed: true });
    expect(messagesOf(logs, DIAGNOSTICS)).to.deep.equal(["Authentication of user 'johndoe' failed: Clock skew too great"]);
    expect(diagnostics.lines).to.have.length(1);
    const record = JSON.parse(diagnostics.lines[0]!);
    expect(Object.keys(record)).to.deep.equal(['timestamp', 'context', 'message']);
    expect(record.context).to.equal('Kerberos');
    expect(record.timestamp).to.match(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}$/);
    expect(record.message).to.equal("Authentication of user 'johndoe' failed: Clock skew too great");
  });

  it('escapes line breaks and terminal escapes in user names and reasons', async () => {
    const logs = await captureEverything();
    new SsoEvents({ collectFailures: true }).recordLogin({ user: "x'\nThe user 'admin' has PASSED", method: 'SAML', passed: false, reason: 'bad\r\n\u001b[31m' });
    for (const message of logs.messages) expect(message).to.not.match(/[\r\n\u001b]/);
    expect(messagesOf(logs, AUDIT)[0]).to.equal("The user 'x'\\nThe user 'admin' has PASSED' has FAILED authentication using SAML. Reason: bad\\r\\n\\u001b[31m");
  });

  it('redacts a user name holding a token in the audit line and the diagnostics record', async () => {
    const logs = await captureEverything();
    const token = apiToken.generate(apiToken.newId());
    const sso = new SsoEvents({ collectFailures: true });
    sso.recordLogin({ user: token, method: 'SAML', passed: false, reason: 'Signature invalid' });
    sso.recordLogin({ user: token, method: 'Kerberos', passed: true });
    expect(messagesOf(logs, AUDIT)).to.deep.equal([
      `The user '${REDACTED_USER_NAME}' has FAILED authentication using SAML. Reason: Signature invalid`,
      `The user '${REDACTED_USER_NAME}' has PASSED authentication using Kerberos`,
    ]);
    expect(messagesOf(logs, DIAGNOSTICS)).to.deep.equal([`Authentication of user '${REDACTED_USER_NAME}' failed: Signature invalid`]);
  });

  it('refuses unknown methods and failure kinds', async () => {
    await captureEverything();
    const sso = new SsoEvents();
    expect(() => sso.recordLogin({ user: 'a', method: 'NTLM' as 'SAML', passed: true })).to.throw(/Unknown SSO method "NTLM"/);
    expect(() => sso.recordLogin({ user: 'a', method: 'SAML', passed: false, failure: 'tired' as 'userNotFound' })).to.throw(/Unknown SSO failure kind "tired"/);
  });
});
