import { expect } from 'chai';
import { httpCall } from '../../support/http-call.js';
import { startDemoForBrowser, type DemoUnderTest } from '../browser.js';
import { ConsoleClient } from '../console-client.js';

const TOKENS = '/rest/de.resolution.apitokenauth/latest/user/token';
const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

/** The token pages' server side, spoken to as a browser would but without one: what a forged or hand-made post gets. */
describe('auth/console/pages/tokenPage over HTTP', function () {
  this.timeout(60_000);
  let demo: DemoUnderTest;
  let adminToken: { id: string; value: string };

  beforeEach(async () => {
    demo = await startDemoForBrowser();
    const reply = await httpCall(demo.demo.port, 'POST', TOKENS, basic('admin', 'admin'), JSON.stringify({ tokenDescription: 'admin\'s <b>own</b>' }));
    adminToken = { id: reply.json().id, value: reply.json().plainTextToken };
  });
  afterEach(async () => {
    await demo?.close();
  });

  async function loggedIn(user: string, password: string): Promise<ConsoleClient> {
    const client = new ConsoleClient(demo.demo.port);
    expect((await client.logIn('/admin', user, password)).status).to.equal(303);
    await client.get('/admin/api-tokens');
    return client;
  }

  it('a user cannot rename or revoke another user\'s token, nor revoke all of a user\'s, whatever they post', async () => {
    const client = await loggedIn('automation-user', 'automation');
    const rename = await client.post('/admin/api-tokens/rename', { csrf: client.csrf, id: adminToken.id, description: 'mine now' });
    expect(rename.status).to.equal(404);
    const revoke = await client.post('/admin/api-tokens/revoke', { csrf: client.csrf, id: adminToken.id });
    expect(revoke.status).to.equal(404);
    expect(revoke.body).to.include('There is no such token');
    const all = await client.post('/admin/api-tokens/revoke-all', { csrf: client.csrf, owner: 'admin' });
    expect(all.status).to.equal(403);
    expect((await httpCall(demo.demo.port, 'GET', TOKENS, `Bearer ${adminToken.value}`)).status, 'the token still works').to.equal(200);
    const listed = await httpCall(demo.demo.port, 'GET', TOKENS, basic('admin', 'admin'));
    expect(listed.json().content.map((t: { description: string }) => t.description)).to.deep.equal(['admin\'s <b>own</b>']);
  });

  it('a token of the other family is not found on this page; an id of the wrong shape is refused before any lookup', async () => {
    const client = await loggedIn('admin', 'admin');
    await client.get('/admin/personal-access-tokens');
    const other = await client.post('/admin/personal-access-tokens/revoke', { csrf: client.csrf, id: adminToken.id });
    expect(other.status).to.equal(404);
    const odd = await client.post('/admin/api-tokens/revoke', { csrf: client.csrf, id: '../tokens.json' });
    expect(odd.status).to.equal(404);
    expect((await httpCall(demo.demo.port, 'GET', TOKENS, `Bearer ${adminToken.value}`)).status).to.equal(200);
  });

  it('a creation without the session\'s CSRF token, or from another site, creates nothing', async () => {
    const client = await loggedIn('admin', 'admin');
    const forged = await client.post('/admin/api-tokens/create', { csrf: 'x'.repeat(43), description: 'forged', scope: 'READ_WRITE', validity: '30d' });
    expect(forged.status).to.equal(403);
    const crossSite = await client.post('/admin/api-tokens/create', { csrf: client.csrf, description: 'cross', scope: 'READ_WRITE', validity: '30d' },
      { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.status).to.equal(403);
    const listed = await httpCall(demo.demo.port, 'GET', TOKENS, basic('admin', 'admin'));
    expect(listed.json().content).to.have.length(1);
  });

  it('answers bad form values with 400 and the reason; a validity the policy does not allow is not offered and refused', async () => {
    const client = await loggedIn('admin', 'admin');
    const page = (await client.get('/admin/api-tokens')).body;
    expect(page).to.include('<option value="12m">1 year</option>');
    expect(page, 'the demo allows no never-expiring token').to.not.include('value="never"');
    const never = await client.post('/admin/api-tokens/create', { csrf: client.csrf, description: 'x', scope: 'READ_WRITE', validity: 'never' });
    expect(never.status).to.equal(400);
    expect(never.body).to.include('Choose a validity from the list.');
    const scope = await client.post('/admin/api-tokens/create', { csrf: client.csrf, description: 'x', scope: 'ADMIN', validity: '30d' });
    expect(scope.status).to.equal(400);
    const long = await client.post('/admin/api-tokens/create', { csrf: client.csrf, description: 'x'.repeat(256), scope: 'READ_WRITE', validity: '30d' });
    expect(long.status).to.equal(400);
    expect(long.body).to.include('Token description is 256 characters long; the maximum is 255');
  });

  it('escapes descriptions, and sends a new token\'s value in the answer to the post only, never stored for a later page', async () => {
    const client = await loggedIn('admin', 'admin');
    const page = (await client.get('/admin/api-tokens')).body;
    expect(page).to.include('admin&#39;s &lt;b&gt;own&lt;/b&gt;').and.not.include('<b>own</b>');
    const created = await client.post('/admin/api-tokens/create', { csrf: client.csrf, description: 'once', scope: 'READ_ONLY', validity: '30d' });
    expect(created.status).to.equal(200);
    expect(created.headers.location).to.equal(undefined);
    expect(created.headers['cache-control']).to.equal('no-store');
    const value = /id="new-token" type="text" readonly value="([^"]+)"/.exec(created.body)![1]!;
    expect((await httpCall(demo.demo.port, 'GET', TOKENS, `Bearer ${value}`)).status).to.equal(200);
    expect((await client.get('/admin/api-tokens')).body).to.not.include(value);
    expect(JSON.stringify([...client.cookies.values()])).to.not.include(value);
  });
});
