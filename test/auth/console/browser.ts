import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startDemo, type Demo, type DemoOptions } from '../../../src/demo/demo-server.js';
import { LogManager, defaultHierarchy } from '../../../src/log-manager.js';

/**
 * The admin console's browser-test harness: Debian's Chromium driven by
 * playwright-core (which never downloads a browser), the demo server started in a
 * temporary folder, a login helper and a screenshot helper.
 */

export const CHROMIUM = '/usr/bin/chromium';
const repo = fileURLToPath(new URL('../../../../', import.meta.url));

/** Where the README's screenshots live; written only with LW_UPDATE_SCREENSHOTS=1. */
export const SCREENSHOT_DIR = join(repo, 'test/auth/console/screenshots');

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** Why the browser tests cannot run here, or null. `.ci/run` installs Debian's chromium. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is not installed (apt-get install chromium)`;
}

/** For a mocha `before`: skips the suite, saying why, when there is no Chromium. */
export function requireChromium(context: Mocha.Context): void {
  const missing = chromiumMissing();
  if (missing) {
    console.log(`      skipped: ${missing}`);
    context.skip();
  }
}

export interface Browser {
  readonly context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * A headless Chromium with a fresh profile in a temporary folder (no cookies, no
 * cache from an earlier run); nothing reaches the network but what the test asks for.
 */
export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'logwarden-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: DESKTOP,
  });
  return {
    context,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface DemoUnderTest {
  readonly demo: Demo;
  /** The console's address: `<demo>/admin`. */
  readonly consoleUrl: string;
  readonly dir: string;
  readonly logDir: string;
  /** The demo's own copy of conf/demo.properties, which persisted levels change. */
  readonly configFile: string;
  close(): Promise<void>;
}

/**
 * The demo on a free port with its configuration, logs and data in a temporary
 * folder, so persisting a level never touches the repository's conf/.
 */
export async function startDemoForBrowser(options: Partial<DemoOptions> & { configText?: string } = {}): Promise<DemoUnderTest> {
  await LogManager.resetConfiguration();
  const dir = mkdtempSync(join(tmpdir(), 'logwarden-console-'));
  const logDir = join(dir, 'logs');
  const configFile = join(dir, 'conf', 'demo.properties');
  mkdirSync(join(dir, 'conf'));
  const properties = options.configText ?? readFileSync(join(repo, 'conf/demo.properties'), 'utf8');
  // The console appender would print every line of the test run.
  writeFileSync(configFile, properties.replace('log4j.rootLogger=INFO, console, filelog', 'log4j.rootLogger=INFO, filelog'));
  const { configText: _, ...demoOptions } = options;
  const demo = await startDemo({
    port: 0, logDir, dataDir: join(dir, 'data'), configFile, watch: false,
    adminPassword: 'admin', automationPassword: 'automation', auditKeyFile: null, ...demoOptions,
  });
  return {
    demo, consoleUrl: `${demo.url}/admin`, dir, logDir, configFile,
    close: async () => {
      await demo.close();
      await LogManager.resetConfiguration();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Logs in through the console's login form, found by its labels, and waits until the
 * page it leads to has loaded: it is signed in once a Log out button shows (the form
 * is at the console's own URL, so the URL alone cannot tell).
 */
export async function logIn(page: Page, consoleUrl: string, user: string, password: string): Promise<void> {
  await page.goto(`${consoleUrl}/`);
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  await page.waitForLoadState('load');
}

/**
 * Screenshots of the page at 1280×800 and on a 390-pixel-wide phone, as
 * `<name>-desktop.png` and `<name>-phone.png`: into the README's folder with
 * LW_UPDATE_SCREENSHOTS=1, else into a temporary folder (so `npm test` leaves the
 * tree clean). Returns the files written.
 */
export async function screenshots(page: Page, name: string): Promise<string[]> {
  const dir = process.env.LW_UPDATE_SCREENSHOTS === '1' ? SCREENSHOT_DIR : mkdtempSync(join(tmpdir(), 'logwarden-screenshots-'));
  mkdirSync(dir, { recursive: true });
  const before = page.viewportSize() ?? DESKTOP;
  const files: string[] = [];
  for (const [suffix, size] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(size);
    const file = join(dir, `${name}-${suffix}.png`);
    await page.screenshot({ path: file, fullPage: suffix === 'phone' });
    files.push(file);
  }
  await page.setViewportSize(before);
  return files;
}

/** True when the page body is wider than the window: the page would scroll sideways. */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Waits until every appender has written what it was given, so the log files can be read. */
export async function flushLogs(): Promise<void> {
  for (const appender of defaultHierarchy.allAppenders()) await appender.flush?.();
}

/**
 * Mocha hooks for a suite of browser tests: one Chromium for the whole suite (starting it is the slow part), the
 * suite skipped without Chromium. The browser is there once the suite's `before` hooks have run.
 */
export function chromiumPerSuite(): { readonly browser: Browser } {
  const suite = {} as { browser: Browser };
  before(async function () {
    requireChromium(this);
    suite.browser = await openBrowser();
  });
  after(async () => {
    await suite.browser?.close();
  });
  return suite;
}

/** As chromiumPerSuite, with a fresh demo for each test, so one test's tokens and settings never reach the next. */
export function chromiumWithDemoPerTest(): { readonly browser: Browser; readonly demo: DemoUnderTest } {
  const suite = chromiumPerSuite() as { browser: Browser; demo: DemoUnderTest };
  beforeEach(async () => {
    suite.demo = await startDemoForBrowser();
  });
  afterEach(async () => {
    await suite.demo?.close();
  });
  return suite;
}

/**
 * Mocha hooks for browser tests that share one demo and one Chromium, each test on a new page with no cookies
 * (so logged out), the suite skipped without Chromium.
 */
export function chromiumWithSharedDemo(): { readonly browser: Browser; readonly demo: DemoUnderTest; readonly page: Page } {
  const suite = {} as { browser: Browser; demo: DemoUnderTest; page: Page };
  before(async function () {
    requireChromium(this);
    suite.demo = await startDemoForBrowser();
    suite.browser = await openBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.demo?.close();
  });
  beforeEach(async () => {
    await suite.browser.context.clearCookies();
    suite.page = await suite.browser.newPage();
  });
  afterEach(async () => suite.page?.close());
  return suite;
}
