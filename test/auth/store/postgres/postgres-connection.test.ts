import { expect } from 'chai';
import { describeConnection, safeMessage } from '../../../../src/auth/store/postgres/postgres-connection.js';

describe('auth/store/postgres/postgres-connection', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of ['PGHOST', 'PGPORT', 'PGUSER', 'PGDATABASE', 'PGPASSWORD']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  it('describes where it connects without the password, from options, a connection string or the environment', () => {
    expect(describeConnection({ host: 'db1', port: 5433, user: 'app', password: 'pw-secret', database: 'jira' })).to.equal('postgres://app@db1:5433/jira');
    expect(describeConnection({ connectionString: 'postgres://app:pw-secret@db2:6000/conf' })).to.equal('postgres://app@db2:6000/conf');
    process.env.PGHOST = '/run/pg';
    process.env.PGPORT = '5555';
    process.env.PGUSER = 'envuser';
    process.env.PGPASSWORD = 'pw-secret';
    delete process.env.PGDATABASE;
    expect(describeConnection({})).to.equal('postgres://envuser@/run/pg:5555/envuser');
    expect(describeConnection({ connectionString: 'host=db3 password=pw-secret' })).not.to.include('pw-secret');
  });

  it('blanks every secret out of a driver message', () => {
    process.env.PGPASSWORD = 'env-secret';
    const options = { connectionString: 'postgres://app:url%2Fsecret@db/x', password: 'option-secret' };
    const message = safeMessage(new Error('bad postgres://app:url%2Fsecret@db/x url/secret option-secret env-secret'), options);
    expect(message).to.equal('bad *** *** *** ***');
  });
});
