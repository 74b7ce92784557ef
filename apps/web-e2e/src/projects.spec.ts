import { expect, Locator, Page, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expectAccessible } from './axe';
import { signIn } from './session';

// The server runs in demo mode (see playwright.config.ts): one account per role, one password.
const PASSWORD = process.env['COOPERA_DEMO_PASSWORD'] ?? 'coopera-demo-2021';
const PALERMO_REFERENT = 'referente.palermo@coopera.example';
// In the register, not linked to any Palermo project (demo data).
const PELLICANO_TAX_CODE = '02118311006';
const PELLICANO = 'Cooperativa Sociale Il Pellicano';

/**
 * Screenshots for people to look at, desktop and phone width, only when SHOTS_DIR is set (never
 * in CI): the test goes on at the desktop width afterwards.
 */
async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env['SHOTS_DIR'];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const size = page.viewportSize();
  await page.screenshot({ path: join(dir, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 412, height: 915 });
  await page.screenshot({ path: join(dir, `${name}-phone.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}

/** A partita IVA no register holds yet (from the clock), with its right check digit. */
function newPartitaIva(): string {
  const base = String(Date.now() * 7 + Math.floor(Math.random() * 1000)).slice(-10).padStart(10, '1');
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let digit = Number(base[i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${base}${(10 - (sum % 10)) % 10}`;
}

/** The row of Il mio Comune's projects table holding `code`. */
const projectRow = (page: Page, code: string): Locator => page.getByRole('row').filter({ hasText: code });

async function openMyComune(page: Page): Promise<void> {
  await page.locator('.navbar-nav').getByRole('link', { name: 'Il mio Comune', exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/il-mio-comune');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Il mio Comune');
  await expect(page.getByRole('main')).toContainText('Comune di Palermo');
}

/** From Il mio Comune to the edit form of the project `code`; answers the project's address. */
async function openProjectForm(page: Page, code: string): Promise<string> {
  await projectRow(page, code).getByRole('link').click();
  await expect(page).toHaveURL(/\/progetti\/[0-9a-f-]{36}$/);
  const projectPath = new URL(page.url()).pathname;
  await page.getByRole('link', { name: 'Modifica', exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === `${projectPath}/modifica`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Modifica il progetto');
  return projectPath;
}

test.describe('SAI projects of a Comune', () => {
  test('the Palermo referent adds a service and an ente gestore by tax code to PROG-1-PR-2, and the directory shows them', async ({ page }) => {
    test.setTimeout(90_000);
    await signIn(page, PALERMO_REFERENT);
    await openMyComune(page);
    await expect(page.getByRole('main')).toContainText('Aderente');
    await expect(page.getByRole('link', { name: 'Vai alle adesioni' })).toHaveAttribute('href', '/adesioni');
    await expect(page.getByLabel('Ufficio SAI')).toBeVisible();
    await expect(projectRow(page, 'PROG-1-PR-2')).toContainText('Ordinari');
    await expectAccessible(page);
    await shoot(page, 'my-comune');

    const projectPath = await openProjectForm(page, 'PROG-1-PR-2');
    await expectAccessible(page);
    await shoot(page, 'project-form');

    // A service the project does not provide yet.
    const unchecked = page.locator('input[type="checkbox"][id^="project-services-"]:not(:checked)').first();
    const serviceId = await unchecked.getAttribute('id');
    const serviceLabel = (await page.locator(`label[for="${serviceId}"]`).innerText()).trim();
    // Bootstrap Italia draws the box on the label: a person clicks there.
    await page.locator(`label[for="${serviceId}"]`).click();
    await expect(page.locator(`#${serviceId}`)).toBeChecked();

    // A database kept from an earlier run may have it linked already: start from it unlinked.
    const earlier = page.locator('.ente-row').filter({ hasText: PELLICANO });
    if (await earlier.count()) await earlier.getByRole('button', { name: /Rimuovi/ }).click();

    // The ente gestore by tax code: a typo is caught here, the right code is found in the register.
    const taxCode = page.getByLabel("Codice fiscale o partita IVA dell'ente");
    await taxCode.fill('02118311007');
    await page.getByRole('button', { name: 'Cerca nel registro' }).click();
    await expect(page.locator('#ente-add-taxCode-error')).toContainText('cifra di controllo');
    await expect(taxCode).toHaveAttribute('aria-invalid', 'true');
    await taxCode.fill(PELLICANO_TAX_CODE);
    await page.getByRole('button', { name: 'Cerca nel registro' }).click();
    await expect(page.getByText('Trovato nel registro:')).toBeVisible();
    await expect(page.locator('.lookup-result')).toContainText(PELLICANO);
    await page.getByLabel('Ruolo nel progetto').selectOption('PARTNER');
    await expectAccessible(page);
    await shoot(page, 'project-form-ente-found');
    await page.getByRole('button', { name: 'Collega al progetto' }).click();
    const linked = page.locator('.ente-row').filter({ hasText: PELLICANO });
    await expect(linked).toBeVisible();
    await expect(linked.getByRole('combobox')).toHaveValue('PARTNER');
    await expect(taxCode).toBeFocused();

    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    await expect(page).toHaveURL((url) => url.pathname === projectPath);
    await expect(page.getByRole('status').filter({ hasText: 'Modifiche salvate.' })).toBeVisible();
    await expect(page.locator('section').filter({ has: page.getByRole('heading', { name: 'Servizi erogati' }) })).toContainText(serviceLabel);
    await expect(page.getByRole('row').filter({ hasText: PELLICANO })).toContainText('Partner');
    await expectAccessible(page);
    await shoot(page, 'project-detail');

    // The network directory: Palermo's page shows the project and its new ente gestore.
    await page.locator('.navbar-nav').getByRole('link', { name: 'Comuni', exact: true }).click();
    await page.getByLabel('Cerca per nome').fill('Palermo');
    await page.getByRole('link', { name: 'Palermo', exact: true }).first().click();
    await expect(page).toHaveURL(/\/comuni\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('main')).toContainText('PROG-1-PR-2');
    await expect(page.getByRole('main')).toContainText(PELLICANO);
  });

  test('a stale edit: saved in one page, then in another, shows the conflict and reloads the saved version', async ({ page, context }) => {
    test.setTimeout(90_000);
    const stamp = Date.now();
    await signIn(page, PALERMO_REFERENT);
    await openMyComune(page);
    const projectPath = await openProjectForm(page, 'PROG-2-PR-1');

    const second = await context.newPage();
    await second.goto(`${projectPath}/modifica`);
    await expect(second.getByRole('heading', { level: 1 })).toHaveText('Modifica il progetto');

    const first = `Dott.ssa Prima ${stamp}`;
    await page.getByLabel('Responsabile del progetto').fill(first);
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Modifiche salvate.' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(first);

    await second.getByLabel('Responsabile del progetto').fill(`Dott. Secondo ${stamp}`);
    await second.getByRole('button', { name: 'Salva le modifiche' }).click();
    const alert = second.getByRole('alert');
    await expect(alert).toContainText('Qualcuno ha salvato il progetto prima di te');
    await expect(alert).toBeFocused();
    await expectAccessible(second);
    await shoot(second, 'project-form-stale');

    await alert.getByRole('button', { name: 'Ricarica la versione attuale' }).click();
    await expect(second.getByText('Ora vedi la versione del progetto salvata adesso.')).toBeVisible();
    await expect(second.getByLabel('Responsabile del progetto')).toHaveValue(first);
    await expect(second.getByRole('alert')).toHaveCount(0);

    // On the version reloaded, a change goes through.
    await second.getByLabel('Responsabile del progetto').fill(`Dott. Secondo ${stamp}`);
    await second.getByRole('button', { name: 'Salva le modifiche' }).click();
    await expect(second).toHaveURL((url) => url.pathname === projectPath);
    await expect(second.getByRole('main')).toContainText(`Dott. Secondo ${stamp}`);
  });

  test('the referent creates a project (checked as the API would), then closes it with a reason', async ({ page }) => {
    test.setTimeout(90_000);
    const code = `PROG-E2E-${Date.now()}`;
    await signIn(page, PALERMO_REFERENT);
    await openMyComune(page);
    await page.getByRole('link', { name: 'Nuovo progetto' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/progetti/nuovo');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nuovo progetto SAI');
    await expect(page.getByRole('main')).toContainText('Comune titolare: Palermo');

    // Our own checks first: the first wrong field gets the focus.
    await page.getByRole('button', { name: 'Crea il progetto' }).click();
    await expect(page.getByLabel('Codice del progetto')).toBeFocused();
    await expect(page.getByLabel('Codice del progetto')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Codice del progetto').fill(code);
    await page.getByLabel('Titolo').fill('Accoglienza DM/DS Palermo (prova)');
    await page.getByLabel('Categoria').selectOption('DM_DS');
    await page.getByLabel("Posti finanziati all'avvio").fill('12,5');
    await page.getByLabel('Inizio del triennio').fill('2024-01-01');
    await page.getByLabel('Fine del triennio').fill('2023-12-31');
    await page.getByRole('button', { name: 'Aggiungi una proroga' }).click();
    await page.locator('#project-extensions-0-until').fill('2026-12-31');
    await page.locator('#project-extensions-0-actReference').fill('DM 2026/1');
    await page.getByRole('button', { name: 'Crea il progetto' }).click();
    await expect(page.locator('#project-posti-error')).toContainText('numero intero');
    await expect(page.locator('#project-endDate-error')).toContainText("dopo l'inizio");
    await expect(page.getByLabel("Posti finanziati all'avvio")).toBeFocused();
    await expectAccessible(page);
    await shoot(page, 'project-form-new-errors');

    await page.getByLabel("Posti finanziati all'avvio").fill('12');
    await page.getByLabel('Fine del triennio').fill('2026-12-31');
    // The proroga now ends where the period does: the API's rule, checked here.
    await page.getByRole('button', { name: 'Crea il progetto' }).click();
    await expect(page.locator('#project-extensions-0-until-error')).toContainText('dopo la fine precedente');
    await page.getByRole('button', { name: 'Rimuovi la proroga 1' }).click();
    await expect(page.getByRole('button', { name: 'Aggiungi una proroga' })).toBeFocused();

    // An ente gestore the register does not know yet: proposed with its name and legal form.
    const enteName = `Cooperativa Prova ${code}`;
    await page.getByLabel("Codice fiscale o partita IVA dell'ente").fill(newPartitaIva());
    await page.getByRole('button', { name: 'Cerca nel registro' }).click();
    await expect(page.getByText('nel registro. Indica i suoi dati')).toBeVisible();
    await expect(page.getByLabel("Denominazione dell'ente")).toBeFocused();
    await page.getByLabel("Denominazione dell'ente").fill(enteName);
    await page.getByLabel('Forma giuridica').selectOption('COOPERATIVA_SOCIALE');
    await expectAccessible(page);
    await shoot(page, 'project-form-ente-proposal');
    await page.getByRole('button', { name: 'Proponi e collega al progetto' }).click();
    await expect(page.locator('.ente-row').filter({ hasText: enteName })).toContainText('Nuovo: sarà proposto al registro');
    await page.getByRole('button', { name: 'Crea il progetto' }).click();

    await expect(page).toHaveURL(/\/progetti\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('status').filter({ hasText: 'Progetto creato.' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accoglienza DM/DS Palermo (prova)');
    await expect(page.getByRole('main')).toContainText(code);
    await expect(page.getByRole('row').filter({ hasText: enteName })).toContainText('Ente attuatore');

    await page.getByRole('button', { name: 'Chiudi progetto' }).click();
    await expect(page.getByRole('heading', { name: 'Chiudi il progetto' })).toBeFocused();
    await page.getByRole('button', { name: 'Conferma la chiusura' }).click();
    await expect(page.locator('#close-reason-error')).toContainText('Indica il motivo');
    await expectAccessible(page);
    await shoot(page, 'project-close');
    await page.getByLabel('Motivo della chiusura').fill('Progetto di prova del test automatico');
    await page.getByRole('button', { name: 'Conferma la chiusura' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Progetto chiuso' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('Progetto di prova del test automatico');
    await expect(page.getByRole('link', { name: 'Modifica', exact: true })).toHaveCount(0);
    await expectAccessible(page);
  });

  test("another Comune's referent gets \"not found\" for a Palermo project, and creates only for their own Comune", async ({ page, request }) => {
    // The Palermo project's id, as its own referent reads it.
    const login = await request.post('/api/v1/auth/login', { data: { email: PALERMO_REFERENT, password: PASSWORD } });
    expect(login.status()).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const found = await request.get('/api/v1/projects?q=PROG-1-PR-2', { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(found.status()).toBe(200);
    const { items } = (await found.json()) as { items: { id: string; code: string }[] };
    const project = items.find((item) => item.code === 'PROG-1-PR-2');
    expect(project).toBeDefined();

    await signIn(page, 'referente.canicattini@coopera.example');
    await page.goto(`/progetti/${project?.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Progetto non trovato');
    await expectAccessible(page);
    await page.goto(`/progetti/${project?.id}/modifica`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Progetto non trovato');

    await page.goto('/progetti/nuovo');
    await expect(page.getByRole('main')).toContainText('Comune titolare: Canicattini Bagni');
  });

  test('the secretariat opens the form for a Comune chosen in the directory: the titolare is preselected', async ({ page, request }) => {
    const login = await request.post('/api/v1/auth/login', { data: { email: 'segreteria@coopera.example', password: PASSWORD } });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const found = await request.get('/api/v1/comuni?q=Canicattini', { headers: { Authorization: `Bearer ${accessToken}` } });
    const { items } = (await found.json()) as { items: { id: string; name: string }[] };
    const canicattini = items.find((item) => item.name === 'Canicattini Bagni');
    expect(canicattini).toBeDefined();

    await signIn(page, 'segreteria@coopera.example');
    await page.goto(`/progetti/nuovo?comune=${canicattini?.id}`);
    const titolare = page.getByRole('combobox', { name: 'Comune titolare' });
    await expect(titolare).toHaveValue('Canicattini Bagni');
    await expect(page.getByText('Scelto: Canicattini Bagni.')).toBeVisible();
    await expectAccessible(page);
    await shoot(page, 'project-form-secretariat');
  });
});
