import { APIRequestContext, expect, Locator, Page, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { signIn, signOut } from './session';

// The server runs in demo mode (see playwright.config.ts): one account per role, one password.
const PASSWORD = process.env['COOPERA_DEMO_PASSWORD'] ?? 'coopera-demo-2021';
const CANICATTINI = 'Canicattini Bagni';

const historySteps = (page: Page): Locator => page.locator('.history-step');

/** Today as the history shows it (Europe/Rome), e.g. "26 nov 2026". */
const todayInRome = (): string => new Intl.DateTimeFormat('it-IT', { dateStyle: 'medium', timeZone: 'Europe/Rome' }).format(new Date());

async function openMemberships(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Adesioni', exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/adesioni');
  await expect(page).toHaveTitle(/^Adesioni — Coopera/);
}

/**
 * A second run on the same database finds Canicattini Bagni's membership of the first: take it
 * back to a state from which the Comune may ask again (through the API, as the secretariat).
 */
async function reopenCanicattini(request: APIRequestContext): Promise<void> {
  const login = await request.post('/api/v1/auth/login', { data: { email: 'segreteria@coopera.example', password: PASSWORD } });
  expect(login.status()).toBe(200);
  const headers = { Authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
  const list = await request.get('/api/v1/memberships', { params: { q: CANICATTINI }, headers });
  const items = ((await list.json()) as { items: { id: string; comuneName: string; status: string }[] }).items;
  const current = items.find((m) => m.comuneName === CANICATTINI);
  const step = current?.status === 'REQUESTED' ? 'reject' : current?.status === 'ACTIVE' || current?.status === 'SUSPENDED' ? 'withdraw' : null;
  if (current && step) {
    const reset = await request.post(`/api/v1/memberships/${current.id}/${step}`, { data: { reason: 'Ripristino per la prova' }, headers });
    expect(reset.status()).toBe(200);
  }
}

test.describe('coordination memberships', () => {
  test('the Canicattini Bagni referent asks to join, the secretariat approves, the referent sees it active', async ({ page, request }) => {
    test.setTimeout(90_000); // three sign-ins
    await reopenCanicattini(request);

    // The referent: no membership yet, a request form prefilled with their name.
    await signIn(page, 'referente.canicattini@coopera.example');
    await openMemberships(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Adesione al coordinamento');
    await expect(page.getByText(`L'adesione del Comune di ${CANICATTINI}`)).toBeVisible();
    await expect(page.getByLabel('Nome e cognome del referente')).toHaveValue('Referente del Comune di Canicattini Bagni');
    await expect(page.locator('#membership-note-hint')).toHaveText('Non inserire dati personali dei beneficiari.');
    await expectAccessible(page);

    await page.getByLabel('Nome e cognome del referente').fill('Dott.ssa Sebastiana Caruso');
    await page.getByLabel('Ruolo del referente (facoltativo)').fill('Responsabile Servizi sociali');
    await page.getByLabel('Nota per la segreteria (facoltativa)').fill('Delibera di Giunta n. 41 allegata al protocollo.');
    await page.getByRole('button', { name: /^Invia la (nuova )?richiesta$/ }).click();

    await expect(page.getByRole('status').filter({ hasText: 'Richiesta di adesione inviata' })).toBeFocused();
    await expect(page.locator('.membership-summary .membership-status')).toHaveText('Richiesta in attesa');
    await expect(page.locator('.membership-summary')).toContainText('Dott.ssa Sebastiana Caruso');
    await expect(page.locator('.membership-summary')).toContainText('Responsabile Servizi sociali');
    const request_ = historySteps(page).last();
    await expect(request_).toContainText(/(Nuova r|R)ichiesta di adesione/);
    await expect(request_).toContainText('da Referente del Comune di Canicattini Bagni (Referente del Comune)');
    await expect(request_).toContainText('Motivazione: Delibera di Giunta n. 41 allegata al protocollo.');
    await expect(page.getByRole('button', { name: /^Invia la/ })).toHaveCount(0);
    await expectAccessible(page);
    await signOut(page);

    // The secretariat: the request is in the queue of those to decide.
    await signIn(page, 'segreteria@coopera.example');
    await openMemberships(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Adesioni al coordinamento');
    await expect(page.getByRole('link', { name: 'In attesa', exact: true })).toHaveAttribute('aria-current', 'page');
    const row = page.getByRole('row').filter({ hasText: CANICATTINI });
    await expect(row).toContainText('Richiesta in attesa');
    await expect(row).toContainText('Dott.ssa Sebastiana Caruso');
    await expectAccessible(page);

    await page.getByLabel('Cerca per Comune').fill('Canicattini');
    await expect(page).toHaveURL((url) => url.searchParams.get('q') === 'Canicattini');
    await expect(page.locator('tbody tr')).toHaveCount(1);
    await page.getByRole('link', { name: CANICATTINI }).click();
    await expect(page).toHaveURL(/\/adesioni\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Adesione – ${CANICATTINI}`);
    await expect(page).toHaveTitle(/^Adesione — Coopera/);
    await expectAccessible(page);

    // A rejection needs a reason: refused on the field.
    await page.getByRole('button', { name: 'Respingi', exact: true }).click();
    const reason = page.getByLabel('Motivazione (obbligatoria)');
    await expect(reason).toBeFocused();
    await page.getByRole('button', { name: 'Conferma il rifiuto' }).click();
    await expect(page.locator('#decision-reason-error')).toHaveText('Indica la motivazione della decisione.');
    await expect(reason).toHaveAttribute('aria-invalid', 'true');
    await expect(reason).toBeFocused();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Annulla' }).click();
    await expect(page.getByRole('button', { name: 'Respingi', exact: true })).toBeFocused();

    await page.getByRole('button', { name: 'Approva', exact: true }).click();
    await page.getByLabel('Motivazione (facoltativa)').fill('Delibera di adesione verificata');
    await page.getByRole('button', { name: "Conferma l'approvazione" }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Adesione approvata.' })).toBeFocused();
    await expect(page.locator('.membership-summary .membership-status')).toHaveText('Attiva');
    await expect(page.getByRole('button', { name: 'Sospendi', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Registra recesso', exact: true })).toBeVisible();
    const approval = historySteps(page).last();
    await expect(approval).toContainText('Adesione approvata');
    await expect(approval).toContainText('da Segreteria del coordinamento ANCI Sicilia (Segreteria del coordinamento)');
    await expect(approval).toContainText('Motivazione: Delibera di adesione verificata');
    await expectAccessible(page);
    await signOut(page);

    // The referent: active, and both steps with who and when.
    await signIn(page, 'referente.canicattini@coopera.example');
    await openMemberships(page);
    await expect(page.locator('.membership-summary .membership-status')).toHaveText('Attiva');
    await expect(page.locator('.status-explanation')).toContainText('aderisce al coordinamento regionale');
    const steps = historySteps(page);
    const count = await steps.count();
    expect(count).toBeGreaterThanOrEqual(2);
    const [asked, approved] = [steps.nth(count - 2), steps.nth(count - 1)];
    await expect(asked).toContainText(/(Nuova r|R)ichiesta di adesione/);
    await expect(asked).toContainText('Referente del Comune di Canicattini Bagni (Referente del Comune)');
    await expect(asked.locator('time')).toContainText(todayInRome());
    await expect(approved).toContainText('Adesione approvata');
    await expect(approved).toContainText('Segreteria del coordinamento ANCI Sicilia (Segreteria del coordinamento)');
    await expect(approved.locator('time')).toContainText(todayInRome());
    await expect(approved.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);
    await expect(page.getByRole('button', { name: /^Invia la/ })).toHaveCount(0);
    await expectAccessible(page);
  });

  test('the Servizio Centrale reads the memberships, with their history, and cannot decide', async ({ page }) => {
    await signIn(page, 'servizio.centrale@coopera.example');
    await openMemberships(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Adesioni al coordinamento');
    await page.getByRole('link', { name: 'Sospese' }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('status') === 'SUSPENDED');
    await expect(page.getByRole('row').filter({ hasText: 'Enna' })).toContainText('Sospesa');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Enna', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Adesione – Enna');
    await expect(historySteps(page)).toHaveCount(3);
    await expect(historySteps(page).last()).toContainText('Referente non designato da oltre sei mesi');
    await expect(page.getByRole('heading', { name: 'Decisione' })).toHaveCount(0);
    await expectAccessible(page);
  });
});
