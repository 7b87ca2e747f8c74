import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { ConfluenceHomeLogAppender, JiraHomeAppender } from '../../appenders/home-log-appender.js';
import { event, messageLayout, readLines, removeDir, tempDir } from './file/fixtures.js';

describe('JiraHomeAppender and ConfluenceHomeLogAppender', () => {
  let dir: string;
  let savedLogHome: string | undefined;
  beforeEach(() => {
    dir = tempDir('home');
    savedLogHome = process.env.LOG_HOME;
  });
  afterEach(() => {
    if (savedLogHome === undefined) delete process.env.LOG_HOME;
    else process.env.LOG_HOME = savedLogHome;
    removeDir(dir);
  });

  it('writes the File into the logHome directory, rolling like a RollingFileAppender', async () => {
    const appender = new JiraHomeAppender({ logHome: path.join(dir, 'log'), file: 'atlassian-jira.log', layout: messageLayout, maxFileSize: '20480KB', maxBackupIndex: 5 });
    expect(appender.file).to.equal(path.join(dir, 'log', 'atlassian-jira.log'));
    expect(appender.maxFileSize).to.equal(20480 * 1024);
    appender.append(event('hello jira'));
    await appender.close();
    expect(readLines(appender.file)).to.deep.equal(['hello jira']);
  });

  it('takes LOG_HOME from the environment, and Confluence reads LogFileName and MaximumFileSize', async () => {
    process.env.LOG_HOME = path.join(dir, 'logs');
    const appender = new ConfluenceHomeLogAppender({ logFileName: 'conf.log', maximumFileSize: '20480000', layout: messageLayout });
    expect(appender.file).to.equal(path.join(dir, 'logs', 'conf.log'));
    expect(appender.maxFileSize).to.equal(20_480_000);
    await appender.close();
  });

  it('defaults to the product file name under ./logs', async () => {
    delete process.env.LOG_HOME;
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const jira = new JiraHomeAppender();
      expect(jira.file).to.equal(path.join(fs.realpathSync(dir), 'logs', 'atlassian-jira.log'));
      await jira.close();
    } finally {
      process.chdir(cwd);
    }
    const confluence = new ConfluenceHomeLogAppender({ logHome: dir });
    expect(confluence.file).to.equal(path.join(dir, 'atlassian-confluence.log'));
    await confluence.close();
  });
});
