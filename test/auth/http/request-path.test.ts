import { expect } from 'chai';
import { requestPath } from '../../../src/auth/http/request-path.js';

describe('auth/http/requestPath', () => {
  it('keeps the path and drops query and fragment', () => {
    expect(requestPath('/rest/api/2/myself?os_password=secret')).to.equal('/rest/api/2/myself');
    expect(requestPath('/a#frag?x=1')).to.equal('/a');
    expect(requestPath('/a/b')).to.equal('/a/b');
    expect(requestPath('?os_password=secret')).to.equal('');
  });
});
