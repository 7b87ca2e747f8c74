import { expect } from 'chai';
import { ThreadNamePool } from '../../../src/auth/http/thread-names.js';

describe('ThreadNamePool', () => {
  it('hands out Tomcat names, reusing the lowest free number', () => {
    const pool = ThreadNamePool.tomcat(8080);
    const a = pool.acquire();
    const b = pool.acquire();
    const c = pool.acquire();
    expect([a.name, b.name, c.name]).to.deep.equal(['http-nio-8080-exec-1', 'http-nio-8080-exec-2', 'http-nio-8080-exec-3']);
    c.release();
    a.release();
    a.release();
    expect(pool.acquire().name).to.equal('http-nio-8080-exec-1');
    expect(pool.acquire().name).to.equal('http-nio-8080-exec-3');
    expect(pool.acquire().name).to.equal('http-nio-8080-exec-4');
  });
});
