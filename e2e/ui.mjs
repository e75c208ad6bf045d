// The web UI in headless Chromium, as a user meets it: search for a
// speaker, open the article, check the highlighted quotes and who said
// them, follow a quote to the speaker's page, and make sure text from a
// hostile page shows as text and never runs.
//
//   node e2e/ui.mjs BASE_URL SCREENSHOT_DIR
//
// BASE_URL serves a store holding the seed article and the two pages that
// crates/cli/tests/ui.rs writes. Chromium is Debian's (CHROMIUM overrides
// the path); playwright-core only drives it.
import { chromium } from 'playwright-core';

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error('usage: node e2e/ui.mjs BASE_URL SCREENSHOT_DIR');
  process.exit(2);
}

const check = (ok, what) => {
  if (!ok) throw new Error(what);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // As root Chromium needs --no-sandbox; the host rules keep it off the network.
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
  timeout: 60_000,
});
const dialogs = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20_000);
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });

  // Search "Revere" from the front page.
  await page.goto(base + '/');
  await page.fill('form#search input[name=q]', 'Revere');
  await Promise.all([page.waitForURL(/q=Revere/), page.click('form#search button[type=submit]')]);
  const speaker = page.locator('#actor-results a.speaker-name', { hasText: 'Evans Revere' });
  check((await speaker.count()) === 1, 'the search for Revere lists Evans Revere');
  const article = page.locator('#article-results a.article-link', { hasText: 'Emboldened North Korea' });
  check((await article.count()) === 1, 'the search for Revere lists the seed article');
  await page.screenshot({ path: `${shots}/search.png`, fullPage: true });

  // The article: its quotes highlighted, Revere's five linked to him.
  await Promise.all([page.waitForURL(/\/articles\/\d+/), article.click()]);
  check((await page.locator('h1.article-title').textContent()).includes('Emboldened North Korea'), 'the article opens');
  const quotes = await page.locator('mark.quote').count();
  check(quotes >= 23, `the seed's quotes are highlighted (found ${quotes})`);
  const revere = page.locator('mark.quote[data-speaker="Evans Revere"]');
  const revereQuotes = new Set(await revere.evaluateAll((marks) => marks.map((m) => m.dataset.quote)));
  check(revereQuotes.size === 5, `five quotes are Revere's (found ${revereQuotes.size})`);
  const hover = await revere.first().getAttribute('title');
  check(hover.includes('Evans Revere') && hover.includes('assistant secretary of state'), `the hover names him and what he was: ${hover}`);
  const emailed = page.locator('mark.quote[data-speaker="Evans Revere"][title*="VOA Korean"]');
  check((await emailed.count()) >= 1, 'a hover says the statement was made to VOA Korean');
  await page.screenshot({ path: `${shots}/article.png`, fullPage: true });

  // From a quote to the speaker's page.
  await Promise.all([page.waitForURL(/\/actors\/\d+/), revere.first().locator('a.quote-link').click()]);
  check((await page.locator('h1.actor-name').textContent()).trim() === 'Evans Revere', 'the quote links to his page');
  check((await page.locator('section.quote-month li.quote-item').count()) === 5, 'his page lists his five quotes');
  await page.screenshot({ path: `${shots}/speaker.png`, fullPage: true });

  // An actor with events and a graph of the actors it deals with.
  await page.goto(base + '/?q=North+Korea');
  await Promise.all([
    page.waitForURL(/\/actors\/\d+/),
    page.locator('#actor-results a.speaker-name', { hasText: /^North Korea$/ }).click(),
  ]);
  check((await page.locator('table#events tr').count()) > 1, 'North Korea has events');
  check((await page.locator('svg.actor-graph a.node').count()) > 1, 'North Korea has a graph of actors');
  await page.screenshot({ path: `${shots}/actor.png`, fullPage: true });

  // A hostile page: its markup is text.
  await page.goto(base + '/?q=onerror');
  const hostile = page.locator('#article-results a.article-link', { hasText: '<script>' });
  check((await hostile.count()) === 1, 'the hostile page is found, its title shown as text');
  await Promise.all([page.waitForURL(/\/articles\/\d+/), hostile.click()]);
  const body = await page.locator('article#article').textContent();
  check(body.includes('<img src=x onerror=alert(2)>'), 'the hostile markup shows as text');
  check((await page.locator('article#article script, article#article img').count()) === 0, 'no element came from page text');

  await page.goto(base + '/status');
  check((await page.locator('#stat-articles').textContent()).trim() === '3', 'the status page counts three articles');
  await page.screenshot({ path: `${shots}/status.png`, fullPage: true });

  await page.waitForTimeout(300);
  check(dialogs.length === 0, `no script ran (dialogs: ${dialogs.join('; ')})`);
  console.log(`ui ok: ${quotes} quotes highlighted; screenshots in ${shots}`);
} catch (e) {
  console.error(`ui FAILED: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close().catch(() => {});
}
