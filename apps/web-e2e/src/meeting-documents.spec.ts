import { Browser, expect as baseExpect, Page, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expectAccessible } from './axe';
import { signIn } from './session';

// Uploads, the mail worker and page loads on a busy machine: a little more patience than the default 5 s.
const expect = baseExpect.configure({ timeout: 10_000 });

const SECRETARIAT = 'segreteria@coopera.example';
const PALERMO = 'referente.palermo@coopera.example';
const PLENARY = 'Assemblea plenaria del coordinamento — programma 2027';
const UNSUPPORTED = 'urn:coopera:problem:unsupported-document';

/** A small but real PDF, made here: one empty page. */
const PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n'),
  'latin1',
);
/** The first bytes of a PNG image, and plain text: neither is a PDF, whatever the name says. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const TEXT = Buffer.from('Verbale della riunione: testo semplice, non un PDF.\n', 'utf8');

/** A page of its own (own cookies) for a second role within one test. */
async function pageAs(browser: Browser, email: string, path = '/'): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, path);
  return page;
}

/** Ticks a radio button: Bootstrap Italia draws it with its label, which takes the click. */
async function choose(page: Page, label: string): Promise<void> {
  await page.locator('label').getByText(label, { exact: true }).click();
  await expect(page.getByLabel(label, { exact: true })).toBeChecked();
}

/** The meeting page of the demo plenary, found through the list's search. */
async function openPlenary(page: Page): Promise<void> {
  await page.goto('/incontri?period=all');
  await page.getByLabel('Cerca per titolo').fill('programma 2027');
  await expect(page).toHaveURL(/[?&]q=programma/);
  await expect(page.locator('.meeting-card')).toHaveCount(1);
  await page.getByRole('link', { name: PLENARY }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PLENARY);
}

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage });
}

test('documents: the secretariat uploads a PDF to the plenary, the Palermo referent downloads the same bytes, a disguised file is refused, the secretariat deletes it', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const title = `Programma della plenaria (${Date.now()})`;
  await signIn(page, SECRETARIAT, '/incontri');
  await openPlenary(page);
  const meetingPath = new URL(page.url()).pathname;
  const documents = page.locator('.documents-section');
  await expect(documents.getByRole('heading', { name: 'Documenti', level: 2 })).toBeVisible();
  await expect(documents.getByRole('status').filter({ hasText: 'Caricamento dei documenti' })).toHaveCount(0);

  // Checked in the browser before sending: an extension the API does not take.
  await documents.getByLabel('File', { exact: true }).setInputFiles({ name: 'programma.exe', mimeType: 'application/octet-stream', buffer: PDF });
  await expect(documents.locator('#document-file-error')).toContainText('Tipo di file non accettato');

  await documents.getByLabel('Titolo (facoltativo)').fill(title);
  await documents.getByLabel('File', { exact: true }).setInputFiles({ name: 'programma-plenaria.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(documents.locator('#document-file-error')).toHaveCount(0);
  await documents.getByRole('button', { name: 'Carica il documento' }).click();
  await expect(documents.locator('#documents-done')).toHaveText(`Documento «${title}» caricato.`);
  const item = documents.locator('.document-item').filter({ hasText: title });
  await expect(item.locator('.document-file')).toHaveText('programma-plenaria.pdf');
  await expect(item.locator('.document-type')).toHaveText('PDF');
  await expect(item.locator('.document-size')).toHaveText(`${PDF.length} B`);
  await expect(item.locator('.document-date')).toContainText('Caricato il');
  // Newest first.
  await expect(documents.locator('.document-title').first()).toHaveText(title);
  await expectAccessible(page);
  await documents.scrollIntoViewIfNeeded();
  await documents.screenshot({ path: test.info().outputPath('documents-uploaded.png') });

  // A .pdf name over other content: the API reads the bytes and refuses; its words are shown.
  for (const [name, buffer] of [
    ['immagine.pdf', PNG],
    ['testo.pdf', TEXT],
  ] as const) {
    await documents.getByLabel('File', { exact: true }).setInputFiles({ name, mimeType: 'application/pdf', buffer });
    const answer = page.waitForResponse((r) => r.url().endsWith(`${meetingPath.replace('/incontri/', '/api/v1/meetings/')}/documents`) && r.request().method() === 'POST');
    await documents.getByRole('button', { name: 'Carica il documento' }).click();
    const response = await answer;
    expect(response.status()).toBe(415);
    const problem = (await response.json()) as { type: string; detail: string };
    expect(problem.type).toBe(UNSUPPORTED);
    const refusal = documents.locator('#document-upload-failure');
    await expect(refusal.getByRole('heading')).toHaveText('Il documento non è stato caricato');
    // Our Italian words for the refusal, naming the file (the API's detail is English).
    await expect(refusal.locator('p')).toHaveText(new RegExp('^Il file «' + name + '» non è stato accettato'));
    await expect(refusal).toBeFocused();
  }
  await expect(documents.locator('.document-item').filter({ hasText: 'immagine.pdf' })).toHaveCount(0);
  await expectAccessible(page);
  await documents.screenshot({ path: test.info().outputPath('documents-refused.png') });

  // The Palermo referent (invited to the plenary) lists and downloads; no upload, no delete.
  const referent = await pageAs(browser, PALERMO, meetingPath);
  const shared = referent.locator('.documents-section');
  const theirs = shared.locator('.document-item').filter({ hasText: title });
  await expect(theirs).toBeVisible();
  await expect(shared.getByRole('button', { name: 'Carica il documento' })).toHaveCount(0);
  await expect(shared.getByRole('button', { name: /^Elimina/ })).toHaveCount(0);
  const download = referent.waitForEvent('download');
  await theirs.getByRole('button', { name: `Scarica: ${title}` }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('programma-plenaria.pdf');
  expect((await readFile(await file.path())).equals(PDF)).toBe(true);
  await expectAccessible(referent);
  await shared.scrollIntoViewIfNeeded();
  await shared.screenshot({ path: test.info().outputPath('documents-referent.png') });

  // Deleting asks first.
  const dialog = page.waitForEvent('dialog');
  const deleted = page.getByRole('button', { name: `Elimina: ${title}` }).click();
  const question = await dialog;
  expect(question.message()).toContain(`Eliminare il documento «${title}»?`);
  await question.accept();
  await deleted;
  await expect(documents.locator('#documents-done')).toHaveText(`Documento «${title}» eliminato.`);
  await expect(documents.locator('.document-item').filter({ hasText: title })).toHaveCount(0);

  await referent.reload();
  await expect(referent.getByRole('heading', { level: 1 })).toHaveText(PLENARY);
  await expect(referent.locator('.documents-section .document-item').filter({ hasText: title })).toHaveCount(0);
  await referent.context().close();
});

test('outbox: convening a meeting queues one convocation per invited Comune, listed in "Posta in uscita" and written to the demo folder', async ({ page }) => {
  test.setTimeout(90_000);
  const title = `Tavolo di prova della posta in uscita (${Date.now()})`;
  await signIn(page, SECRETARIAT, '/incontri/nuovo');
  await page.getByLabel('Titolo', { exact: true }).fill(title);
  await page.getByLabel('Data', { exact: true }).fill('2031-03-12');
  await page.getByLabel('Ora di inizio').fill('10:00');
  await page.getByLabel('Ora di fine').fill('12:00');
  await page.getByLabel('Link per collegarsi').fill('https://videoconferenza.example/posta');
  await page.getByRole('button', { name: "Crea l'incontro" }).click();
  await expect(page).toHaveURL((url) => /^\/incontri\/[0-9a-f-]{36}$/.test(url.pathname));
  const meetingId = new URL(page.url()).pathname.split('/').pop() ?? '';
  // A draft has sent nothing: no link to its messages yet.
  await expect(page.getByRole('link', { name: 'Messaggi di questo incontro' })).toHaveCount(0);

  await choose(page, 'Comuni scelti');
  const chooser = page.getByRole('combobox', { name: 'Aggiungi un Comune' });
  for (const [typed, option] of [
    ['Palermo', 'Palermo (PA)'],
    ['Canicattini', 'Canicattini Bagni (SR)'],
  ]) {
    await chooser.fill(typed);
    await page.getByRole('option', { name: option, exact: true }).click();
  }
  await page.getByRole('button', { name: 'Invita', exact: true }).click();
  await expect(page.locator('#invite-result')).toHaveText(/2 Comuni invitati/);
  await page.getByRole('button', { name: 'Convoca' }).click();
  await expect(page.locator('.meeting-header')).toContainText('Convocato');
  await page.locator('.meeting-header').scrollIntoViewIfNeeded();
  await shot(page, 'meeting-convened-with-outbox-link', false);

  await page.getByRole('link', { name: 'Messaggi di questo incontro' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/posta-in-uscita' && url.searchParams.get('meetingId') === meetingId);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Posta in uscita');
  await expect(page.locator('.transport-note')).toHaveText('Modalità dimostrativa: i messaggi sono scritti nella cartella dei dati, non inviati.');
  await expect(page.locator('.meeting-filter')).toContainText(`Solo i messaggi dell'incontro «${title}».`);

  // The worker writes them out within a few seconds: refresh until both are delivered.
  const rows = page.locator('.outbox-table tbody tr');
  await expect(async () => {
    await page.getByRole('button', { name: 'Aggiorna' }).click();
    await expect(rows).toHaveCount(2, { timeout: 2_000 });
    await expect(rows.locator('cp-outbox-status')).toHaveText(['Inviato', 'Inviato'], { timeout: 2_000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1_000, 2_000] });
  for (const comune of ['Palermo', 'Canicattini Bagni']) {
    const row = rows.filter({ hasText: comune });
    await expect(row).toContainText('Convocazione');
    await expect(row.locator('.recipients-cell')).toContainText('@');
    await expect(row.locator('.attempts-cell')).toHaveText('1');
  }
  await expect(page.locator('#outbox-results-heading + [role="status"]')).toHaveText('2 messaggi');
  await expectAccessible(page);
  await shot(page, 'outbox-list');

  // A count is a filter, kept in the URL with the meeting.
  await page.locator('.status-filters').getByRole('link', { name: /^Non riusciti/ }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get('status') === 'FAILED' && url.searchParams.get('meetingId') === meetingId);
  await expect(page.locator('.empty-state')).toContainText('Nessun messaggio.');
  await expectAccessible(page);
  await page.locator('.status-filters').getByRole('link', { name: /^Tutti/ }).click();
  await expect(page).toHaveURL((url) => !url.searchParams.has('status'));

  // One message as written: the text, the .ics attached, the demo file.
  await rows.filter({ hasText: 'Palermo' }).getByRole('link').click();
  await expect(page).toHaveURL(/\/posta-in-uscita\/[0-9a-f-]{36}$/);
  await expect(page.locator('.message-kicker')).toHaveText('Convocazione');
  await expect(page.locator('.message-subject')).toContainText(title);
  await expect(page.locator('pre.message-text')).toContainText(title);
  await expect(page.locator('.attachments li')).toContainText(['.ics']);
  await expect(page.locator('.message-file')).not.toBeEmpty();
  await expect(page.getByRole('button', { name: "Riprova l'invio" })).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, 'outbox-message');

  // The secretariat reaches the page from the navigation too.
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Posta in uscita', exact: true })).toBeVisible();
});

test('calendar feed: a personal address whose .ics holds the plenary, until "Disattiva" makes it 404', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, PALERMO, '/incontri');
  const panel = page.locator('.calendar-feed');
  await expect(panel.getByRole('heading', { name: 'Il tuo calendario' })).toBeVisible();
  await expect(panel).toContainText('Outlook, Google Calendar o Thunderbird');
  await expect(page.locator('.meeting-card').first()).toBeVisible();
  await expect(panel.getByRole('button', { name: /^Crea/ }).first()).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'meetings-list-with-feed-panel');
  // No referent may open the outbox: no menu item, and the address says so.
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Posta in uscita' })).toHaveCount(0);
  await page.goto('/posta-in-uscita');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accesso non consentito');
  await page.goto('/incontri');
  await expect(panel.getByRole('heading', { name: 'Il tuo calendario' })).toBeVisible();

  // Every confirmation (a new address replaces the old; switching off) is accepted here.
  page.on('dialog', (dialog) => void dialog.accept());
  const create = panel.getByRole('button', { name: /^Crea (indirizzo|un nuovo indirizzo)$/ });
  await expect(create).toBeVisible();
  await create.click();
  const field = panel.getByLabel('Indirizzo del tuo calendario');
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('readonly', '');
  const url = await field.inputValue();
  expect(url).toMatch(/^https?:\/\//);
  expect(url).not.toContain('eyJ'); // never the session's JWT
  await expect(panel.getByRole('button', { name: 'Copia' })).toBeVisible();
  await expect(panel.locator('.feed-apps dt')).toHaveText(['Outlook', 'Google Calendar', 'Thunderbird']);
  await expect(panel.locator('.feed-status')).toContainText('Indirizzo attivo.');
  await expectAccessible(page);
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: test.info().outputPath('calendar-feed-created.png') });

  // A calendar app fetches it with no session at all.
  const feed = await page.request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  const ics = (await feed.text()).replace(/\r?\n[ \t]/g, '');
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain(`SUMMARY:${PLENARY}`);

  // Shown once: after a reload the address is gone, its use is recorded.
  await page.reload();
  await expect(panel.locator('.feed-status')).toContainText('Indirizzo attivo.');
  await expect(panel.getByLabel('Indirizzo del tuo calendario')).toHaveCount(0);
  await expect(panel.locator('.feed-status')).toContainText('Ultimo aggiornamento da un calendario');
  await expect(panel.getByRole('button', { name: 'Crea un nuovo indirizzo' })).toBeVisible();
  await expectAccessible(page);

  await panel.getByRole('button', { name: 'Disattiva' }).click();
  await expect(panel.locator('#calendar-feed-done')).toHaveText('Indirizzo disattivato: i calendari che lo usavano non ricevono più i tuoi incontri.');
  await expect(panel.getByRole('button', { name: 'Crea indirizzo' })).toBeVisible();
  expect((await page.request.get(url)).status()).toBe(404);
  await expectAccessible(page);
  await panel.screenshot({ path: test.info().outputPath('calendar-feed-off.png') });
});
