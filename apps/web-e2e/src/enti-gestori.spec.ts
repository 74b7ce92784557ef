import { APIRequestContext, expect, Locator, Page, test } from '@playwright/test';
import { isValidPartitaIva } from '@coopera/domain';
import { expectAccessible } from './axe';
import { signIn } from './session';

// The server runs in demo mode (see playwright.config.ts): one account per role, one password.
const PASSWORD = process.env['COOPERA_DEMO_PASSWORD'] ?? 'coopera-demo-2021';
const SECRETARIAT = 'segreteria@coopera.example';

const results = (page: Page): Locator => page.locator('.results-count');
const registerRow = (page: Page, name: string): Locator =>
  page.locator('.enti-table tbody tr').filter({ has: page.getByRole('link', { name, exact: true }) });

/**
 * A partita IVA no one has used yet: ten digits from the clock and chance, then the check digit
 * (the Luhn-like rule of libs/domain's isValidPartitaIva). `wrong` has the same digits and another check digit.
 */
function freshPartitaIva(): { valid: string; wrong: string } {
  const base = `${Date.now() % 1e7}`.padStart(7, '0') + `${Math.floor(Math.random() * 1000)}`.padStart(3, '0');
  for (let check = 0; check < 10; check++) {
    if (isValidPartitaIva(`${base}${check}`)) return { valid: `${base}${check}`, wrong: `${base}${(check + 1) % 10}` };
  }
  throw new Error(`no check digit for ${base}`);
}

const signInTo = (page: Page, email: string, path = '/enti-gestori') => signIn(page, email, path);

async function apiToken(request: APIRequestContext, email: string): Promise<{ token: string; comuneId: string | null }> {
  const login = await request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
  expect(login.status()).toBe(200);
  const body = (await login.json()) as { accessToken: string; user: { comuneId: string | null } };
  return { token: body.accessToken, comuneId: body.user.comuneId };
}

/**
 * A referent's proposal: the Canicattini Bagni referent names an unknown ente on a new project
 * (closed at once, so that the directory's figures and later runs are not affected).
 */
async function proposeEnte(request: APIRequestContext, name: string, taxCode: string): Promise<void> {
  const { token, comuneId } = await apiToken(request, 'referente.canicattini@coopera.example');
  const headers = { Authorization: `Bearer ${token}` };
  const created = await request.post('/api/v1/projects', {
    headers,
    data: {
      code: `PROG-E2E-ENTE-${taxCode}`,
      title: 'Progetto di prova per una proposta di ente gestore',
      category: 'DM_DS',
      posti: 5,
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      titolareComuneId: comuneId,
      entiGestori: [{ taxCode, role: 'ATTUATORE', name, legalForm: 'ASSOCIAZIONE' }],
    },
  });
  expect(created.status()).toBe(201);
  const project = (await created.json()) as { id: string; version: number };
  const closed = await request.post(`/api/v1/projects/${project.id}/close`, {
    headers,
    data: { version: project.version, reason: 'Progetto di prova del test automatico' },
  });
  expect(closed.status()).toBe(200);
}

test.describe('enti gestori register, kept by the secretariat', () => {
  // One sign-in for the three tests: each sign-in counts against the account's brute-force limit.
  test.describe.configure({ mode: 'serial' });
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext();
    page = await context.newPage();
    await signInTo(page, SECRETARIAT, '/');
  });

  test.afterAll(async () => {
    await page.context().close();
  });

  test('the secretariat adds an ente gestore (check digit refused first), finds it by tax code and edits it', async () => {
    test.setTimeout(60_000);
    const { valid, wrong } = freshPartitaIva();
    const name = `Cooperativa Sociale Prova ${valid}`;

    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: 'Enti gestori', exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/enti-gestori');
    await expect(page).toHaveTitle(/^Enti gestori — Coopera/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enti gestori');
    await expect(registerRow(page, 'Cooperativa Sociale Il Pellicano')).toContainText('02118311006');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Nuovo ente gestore' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/enti-gestori/nuovo');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nuovo ente gestore');
    await page.getByLabel('Denominazione').fill(name);
    await page.getByLabel('Codice fiscale o partita IVA').fill(wrong);
    await page.getByLabel('Forma giuridica').focus(); // leaving the field checks the code
    await expect(page.locator('#ente-taxCode-error')).toContainText('la cifra di controllo non corrisponde');
    await expect(page.getByLabel('Codice fiscale o partita IVA')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Forma giuridica').selectOption({ label: 'Cooperativa sociale' });
    let posted = false;
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/api/v1/enti-gestori')) posted = true;
    });
    await page.getByRole('button', { name: 'Aggiungi al registro' }).click();
    await expect(page.getByLabel('Codice fiscale o partita IVA')).toBeFocused();
    expect(posted).toBe(false); // refused on the field, before asking the API
    await expectAccessible(page);

    await page.getByLabel('Codice fiscale o partita IVA').fill(valid);
    const seat = page.getByRole('combobox', { name: 'Sede (Comune)' });
    await seat.fill('Noto');
    await page.getByRole('option', { name: 'Noto (SR)', exact: true }).click();
    await expect(seat).toHaveValue('Noto');
    await page.getByLabel('E-mail', { exact: true }).fill('info@prova.example');
    await page.getByLabel('Sito web').fill('www.prova.example');
    await page.getByRole('button', { name: 'Aggiungi al registro' }).click();

    await expect(page).toHaveURL(/\/enti-gestori\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('status').filter({ hasText: 'aggiunto al registro' })).toBeFocused();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.getByRole('main')).toContainText('Cooperativa sociale');
    await expect(page.getByRole('link', { name: 'Noto', exact: true })).toHaveAttribute('href', /^\/comuni\//);
    await expect(page.getByRole('link', { name: 'www.prova.example (si apre in una nuova finestra)' })).toHaveAttribute(
      'href',
      'https://www.prova.example',
    );
    await expect(page.getByRole('main')).toContainText("L'ente non gestisce progetti SAI.");
    await expectAccessible(page);

    // Found in the register by its tax code, spaces or not.
    await page.getByRole('link', { name: 'Enti gestori', exact: true }).first().click();
    await page.getByLabel('Cerca per nome o codice fiscale').fill(`${valid.slice(0, 5)} ${valid.slice(5)}`);
    await expect(results(page)).toHaveText('1 ente gestore');
    await expect(registerRow(page, name)).toContainText(valid);
    await registerRow(page, name).getByRole('link', { name }).click();

    await page.getByRole('link', { name: 'Modifica i dati' }).click();
    await expect(page).toHaveURL(/\/modifica$/);
    await expect(page.getByLabel('Denominazione')).toHaveValue(name);
    await page.getByLabel('Telefono').fill('centralino');
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    await expect(page.locator('#ente-phone-error')).toContainText('Inserisci un numero di telefono');
    await page.getByLabel('Telefono').fill('+39 0931 555 010');
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'salvate' })).toBeFocused();
    await expect(page.getByRole('link', { name: '+39 0931 555 010' })).toBeVisible();
  });

  test('a tax code already in the register is refused on its field, with the way to the existing ente', async () => {
    await page.goto('/enti-gestori/nuovo');
    await page.getByLabel('Denominazione').fill('Il Pellicano (doppione)');
    await page.getByLabel('Codice fiscale o partita IVA').fill('02118311006');
    await page.getByLabel('Forma giuridica').selectOption('COOPERATIVA_SOCIALE');
    await page.getByRole('button', { name: 'Aggiungi al registro' }).click();
    await expect(page.locator('#ente-taxCode-error')).toHaveText("Nel registro c'è già un ente gestore con questo codice fiscale.");
    await expect(page.getByLabel('Codice fiscale o partita IVA')).toBeFocused();
    // Leaving the form with what was typed asks first.
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toBe('I dati inseriti non sono stati salvati. Vuoi uscire lo stesso?');
      void dialog.accept();
    });
    await page.getByRole('link', { name: /Apri la scheda di «Cooperativa Sociale Il Pellicano»/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cooperativa Sociale Il Pellicano');
  });

  test("the secretariat marks a referent's proposal as reviewed", async ({ request }) => {
    const { valid } = freshPartitaIva();
    const name = `Associazione Proposta ${valid}`;
    await proposeEnte(request, name, valid);

    await page.goto('/enti-gestori?proposed=true');
    await expect(page.getByLabel('Solo proposte da verificare')).toBeChecked();
    await expect(registerRow(page, name)).toContainText('Da verificare');
    await registerRow(page, name).getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Segna come verificato' }).click();
    await expect(page.getByText("L'ente gestore è stato segnato come verificato.")).toBeFocused();
    await expect(page.getByRole('button', { name: 'Segna come verificato' })).toHaveCount(0);
    await expect(page.getByRole('main').locator('header')).not.toContainText('Da verificare');
    // The project that named it is listed, with its Comune.
    await expect(page.getByRole('table', { name: `Progetti SAI gestiti da ${name}` })).toContainText('Canicattini Bagni');

    await page.getByRole('link', { name: 'Enti gestori', exact: true }).first().click();
    await page.locator('label', { hasText: 'Solo proposte da verificare' }).click();
    await expect(page).toHaveURL(/proposed=true/);
    await expect(registerRow(page, name)).toHaveCount(0);
  });

});

test.describe('enti gestori register, as a referent reads it', () => {
  test('a referent reads the register, without create or edit actions', async ({ page }) => {
    await signInTo(page, 'referente.palermo@coopera.example');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enti gestori');
    await expect(registerRow(page, 'Cooperativa Sociale Il Pellicano')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Nuovo ente gestore' })).toHaveCount(0);
    await expectAccessible(page);

    await registerRow(page, 'Consorzio Sol.E. Società Cooperativa Sociale').getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Consorzio Sol.E. Società Cooperativa Sociale');
    await expect(page.getByRole('table', { name: /Progetti SAI gestiti da/ })).toContainText('PROG-1-PR-2');
    await expect(page.getByRole('link', { name: 'Modifica i dati' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Segna come verificato' })).toHaveCount(0);
    await expectAccessible(page);

    await page.goto('/enti-gestori/nuovo');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accesso non consentito');
  });
});
