import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Page } from 'playwright-core';
import { Browser, launchBrowser } from '../support/browser';
import { ROOT, tempDir } from '../support/files';
import { Nginx } from '../support/nginx';
import { run, stopAll, waitFor } from '../support/processes';
import { PROGRAMS, describeWithPrograms } from '../support/real-programs';
import { SiteStack, startSiteStack } from '../support/site-stack';

/** Where the screenshot goes: into the docs with UPDATE_SCREENSHOT=1, else a temporary file. */
function screenshotPath(): string {
  return process.env.UPDATE_SCREENSHOT === '1'
    ? path.join(ROOT, 'docs', 'example-page.png')
    : path.join(tempDir('cdk8s-webapp-screenshot-'), 'example-page.png');
}

describeWithPrograms(
  'the page in Chromium, through nginx, the PostgREST stand-in and PostgreSQL',
  [PROGRAMS.postgres, PROGRAMS.nginx, PROGRAMS.chromium],
  () => {
    let stack: SiteStack | undefined;
    let nginx: Nginx;
    let browser: Browser;
    let page: Page;
    /** Script errors, and answers other than the expected refusal (400) and outage (502). */
    const problems: string[] = [];

    const text = async (selector: string) => (await page.locator(selector).textContent()) ?? '';
    /** Waits until the element's text satisfies `accept`, and returns it. */
    const textWhen = (selector: string, accept: (t: string) => boolean) =>
      waitFor(`${selector} to show the expected text`, async () => {
        const t = await text(selector);
        return accept(t) ? t : undefined;
      });
    const cents = (money: string) => Math.round(Number(money.replace(/[$,]/g, '')) * 100);

    async function order(side: 'buy' | 'sell', symbol: string, quantity: number) {
      await page.selectOption('#symbol', symbol);
      await page.fill('#quantity', String(quantity));
      await page.click(`#trade-form button[value="${side}"]`);
    }

    beforeAll(async () => {
      stack = await startSiteStack('blue');
      ({ nginx } = stack);
      browser = await launchBrowser();
      page = await browser.context.newPage();
      page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
      page.on('response', (response) => {
        if (response.status() >= 400 && ![400, 502].includes(response.status())) {
          problems.push(`${response.status()} for ${response.url()}`);
        }
      });
      await page.goto(nginx.url);
    }, 120_000);

    afterAll(() => stopAll([() => browser?.close(), () => stack?.stop()]), 60_000);

    test('shows the pod, release and nginx version that served it', async () => {
      const version = (await run('/usr/sbin/nginx', ['-v'])).stderr.match(/nginx\/([\d.]+)/)?.[1];
      expect(await textWhen('#pod', (t) => t !== '…')).toBe(os.hostname());
      expect(await text('#release')).toBe('blue');
      expect(await page.getAttribute('#release', 'data-release')).toBe('blue');
      expect(await text('#version')).toBe(version);
      expect(await textWhen('#pods', (t) => t.includes(os.hostname()))).toContain(
        `blue · nginx ${version}`,
      );
    }, 60_000);

    test('lists the three stocks with live prices', async () => {
      await waitFor('three quotes', async () =>
        (await page.locator('#quotes tr').count()) === 3 ? true : undefined,
      );
      const rows = await page.locator('#quotes tr').allInnerTexts();
      expect(rows.map((r) => r.split('\t').slice(0, 2))).toEqual([
        ['ACME', 'Acme Corporation'],
        ['GLBX', 'Globex'],
        ['INIT', 'Initech'],
      ]);
      for (const r of rows) expect(r.split('\t')[2]).toMatch(/^\$\d[\d,]*\.\d\d( [▲▼])?$/);
    }, 60_000);

    test('a buy updates the portfolio and the recent trades', async () => {
      const cashBefore = cents(await textWhen('#cash', (t) => t.startsWith('$')));
      await order('buy', 'ACME', 3);
      const result = await textWhen('#trade-result', (t) => t.startsWith('Bought'));
      expect(result).toMatch(/^Bought 3 ACME at \$[\d,.]+ \(\$[\d,.]+\)\.$/);
      const cost = cents(result.match(/\((\$[\d,.]+)\)/)?.[1] ?? '');
      expect(cents(await textWhen('#cash', (t) => cents(t) !== cashBefore))).toBe(
        cashBefore - cost,
      );
      const holding = await textWhen('#holdings', (t) => t.includes('ACME'));
      expect(holding).toMatch(/ACME\s*3/);
      expect(await textWhen('#recent', (t) => t.includes('ACME'))).toMatch(/buy\s*ACME\s*3/);
    }, 60_000);

    test("selling more than held shows PostgREST's refusal and changes nothing", async () => {
      const cashBefore = await text('#cash');
      await order('sell', 'ACME', 50);
      expect(await textWhen('#trade-result', (t) => t.startsWith('Refused'))).toBe(
        'Refused: cannot sell 50 ACME: only 3 held',
      );
      expect(await page.getAttribute('#trade-result', 'class')).toBe('refused');
      expect(await text('#cash')).toBe(cashBefore);
      expect(await text('#holdings')).toMatch(/ACME\s*3/);

      const screenshot = screenshotPath();
      await page.screenshot({ path: screenshot, fullPage: true });
      expect(fs.statSync(screenshot).size).toBeGreaterThan(10_000);
    }, 60_000);

    test('when the API goes away it says so, and the who-served panel keeps working', async () => {
      await stack?.api.stop();
      await waitFor('the API note', async () =>
        (await page.isVisible('#api-down')) ? true : undefined,
      );
      expect(await page.isDisabled('#trade-form button[value="buy"]')).toBe(true);

      const answers = { count: 0 };
      page.on('response', (response) => {
        if (response.url().endsWith('/whoami') && response.ok()) answers.count += 1;
      });
      await waitFor('two more /whoami answers', () => (answers.count >= 2 ? true : undefined));
      expect(await page.isVisible('#served-error')).toBe(false);
      expect(await text('#pod')).toBe(os.hostname());
      expect(problems).toEqual([]);
    }, 60_000);
  },
);
