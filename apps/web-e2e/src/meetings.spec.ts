import { Browser, expect, Locator, Page, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { signIn } from './session';

const SECRETARIAT = 'segreteria@coopera.example';
const PALERMO = 'referente.palermo@coopera.example';
const CANICATTINI = 'referente.canicattini@coopera.example';
const PLENARY = 'Assemblea plenaria del coordinamento — programma 2027';

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

const editor = (page: Page): Locator => page.locator('.agenda-editor');
const programme = (page: Page): Locator => page.locator('.preview .programme-item');

interface ItemInput {
  kind: string;
  time: string;
  title?: string;
  speakers?: [string, string, string][];
}

/** Adds one programme item through the builder's editor and confirms it. */
async function addItem(page: Page, item: ItemInput): Promise<void> {
  await page.getByRole('button', { name: 'Aggiungi una voce' }).click();
  const form = editor(page);
  await expect(form.getByLabel('Tipo')).toBeFocused();
  await form.getByLabel('Tipo').selectOption({ label: item.kind });
  await form.getByLabel('Ora di inizio').fill(item.time);
  if (item.title) await form.getByLabel('Titolo della voce').fill(item.title);
  for (const [index, [name, role, organisation]] of (item.speakers ?? []).entries()) {
    await form.getByRole('button', { name: 'Aggiungi un relatore' }).click();
    const speaker = form.getByRole('group', { name: `Relatore ${index + 1}` });
    await speaker.getByLabel('Nome e cognome').fill(name);
    await speaker.getByLabel('Ruolo').fill(role);
    await speaker.getByLabel('Organizzazione').fill(organisation);
  }
  await form.getByRole('button', { name: 'Conferma la voce' }).click();
  await expect(editor(page)).toHaveCount(0);
}

/** The secretariat's meeting page of the demo plenary, found through the list's search. */
async function openPlenary(page: Page): Promise<void> {
  await page.goto('/incontri?period=all');
  await page.getByLabel('Cerca per titolo').fill('programma 2027');
  // The search lands in the URL once applied: click only after the list has been re-read.
  await expect(page).toHaveURL(/[?&]q=programma/);
  await expect(page.locator('.meeting-card')).toHaveCount(1);
  await page.getByRole('link', { name: PLENARY }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PLENARY);
}

test.describe.serial('meetings: the seed webinar from nothing', () => {
  let meetingPath = '';
  const title = `Incontro per la costituzione di un coordinamento dei Comuni siciliani aderenti al SAI (${Date.now()})`;

  test('the secretariat creates the webinar, builds its programme, invites and convenes', async ({ page }) => {
    test.setTimeout(90_000);
    await signIn(page, SECRETARIAT, '/incontri');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Incontri del coordinamento');
    await page.getByRole('link', { name: 'Nuovo incontro' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/incontri/nuovo');

    // The API's rules, checked before sending.
    await page.getByRole('button', { name: "Crea l'incontro" }).click();
    await expect(page.locator('#meeting-title-error')).toHaveText('Scrivi un titolo di almeno 3 caratteri.');
    await expect(page.getByLabel('Titolo', { exact: true })).toBeFocused();
    await expect(page.locator('#meeting-onlineUrl-error')).toHaveText('Indica il link: serve per un incontro online o misto.');

    await page.getByLabel('Titolo', { exact: true }).fill(title);
    await page.getByLabel('Descrizione').fill('Webinar per la costituzione di un coordinamento dei Comuni siciliani aderenti al SAI.');
    await page.getByLabel('Data', { exact: true }).fill('2030-12-07');
    await page.getByLabel('Ora di inizio').fill('13:15');
    await page.getByLabel('Ora di fine').fill('09:45');
    await page.getByLabel('Link per collegarsi').fill('https://videoconferenza.example/coopera');
    await page.getByRole('button', { name: "Crea l'incontro" }).click();
    await expect(page.locator('#meeting-endTime-error')).toHaveText("L'ora di fine deve essere dopo l'ora di inizio.");
    await page.getByLabel('Ora di inizio').fill('09:45');
    await page.getByLabel('Ora di fine').fill('13:15');
    // The place shows only for the modes that have one.
    await expect(page.getByLabel('Luogo')).toHaveCount(0);
    await choose(page, 'Mista (in presenza e online)');
    await expect(page.getByLabel('Luogo')).toBeVisible();
    await choose(page, 'Online');
    await page.getByRole('button', { name: "Crea l'incontro" }).click();

    await expect(page).toHaveURL((url) => /^\/incontri\/[0-9a-f-]{36}$/.test(url.pathname));
    meetingPath = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByRole('status').filter({ hasText: 'Incontro creato in bozza' })).toBeVisible();
    await expect(page.locator('.meeting-header')).toContainText('Bozza');
    // Entered in Rome time, shown in Rome time: 9:45 on 7 December is 08:45 UTC.
    await expect(page.locator('.meeting-when-lead time')).toHaveText('sab 7 dic 2030, 9:45–13:15');
    await expect(page.locator('.meeting-when-lead time')).toHaveAttribute('datetime', '2030-12-07T08:45:00.000Z');

    // The programme of the seed's announcement.
    await addItem(page, { kind: 'Registrazione', time: '09:45' });
    await addItem(page, { kind: 'Apertura dei lavori', time: '10:00' });
    await addItem(page, { kind: 'Saluti istituzionali', time: '10:15', speakers: [['Mario Emanuele Alvano', 'Segretario Generale', 'ANCI Sicilia']] });
    await addItem(page, {
      kind: 'Relazione',
      time: '10:45',
      title: "SAI e territorio, l'importanza di una visione",
      speakers: [['Angela Errore', 'Responsabile U.O. Progetti di innovazione sociale', 'Comune di Palermo']],
    });
    await addItem(page, { kind: 'Chiusura dei lavori', time: '13:00' });
    await addItem(page, { kind: 'Domande e risposte', time: '12:30' });
    // Kept in time order, whatever the order of entry.
    await expect(page.locator('.agenda-row .agenda-time')).toHaveText(['9.45', '10.00', '10.15', '10.45', '12.30', '13.00']);
    // Moving swaps the times: the talk before the greetings, then back.
    await page.getByRole('button', { name: "Sposta su: SAI e territorio, l'importanza di una visione" }).click();
    await expect(page.locator('.agenda-row .agenda-title')).toHaveText([
      'Registrazione partecipanti',
      'Apertura dei lavori',
      "SAI e territorio, l'importanza di una visione",
      'Saluti istituzionali',
      'Domande e risposte',
      'Chiusura dei lavori',
    ]);
    await page.getByRole('button', { name: 'Sposta su: Saluti istituzionali' }).click();
    await page.getByRole('button', { name: 'Salva il programma' }).click();
    await expect(page.getByText('Programma salvato.')).toBeVisible();

    // The programme reads like the announcement: times on the left, speakers under their item.
    await expect(programme(page).locator('.programme-time')).toHaveText(['9.45', '10.00', '10.15', '10.45', '12.30', '13.00']);
    await expect(programme(page).nth(2)).toContainText('Saluti istituzionali');
    await expect(programme(page).nth(2).locator('.programme-speakers li')).toHaveText('Mario Emanuele Alvano, Segretario Generale, ANCI Sicilia');
    await expect(programme(page).nth(3).locator('.programme-speakers li')).toHaveText(
      'Angela Errore, Responsabile U.O. Progetti di innovazione sociale, Comune di Palermo',
    );
    await expectAccessible(page);

    // Invitations: every active member, then Canicattini Bagni by name.
    await page.getByRole('button', { name: 'Invita', exact: true }).click();
    await expect(page.locator('#invite-result')).toHaveText(/\d+ Comuni invitati \(0 già invitati\)\./);
    const invited = Number((await page.locator('.count-invited dd').textContent())?.trim());
    expect(invited).toBeGreaterThan(0);
    await choose(page, 'Comuni scelti');
    const chooser = page.getByRole('combobox', { name: 'Aggiungi un Comune' });
    await chooser.fill('Canicattini');
    await page.getByRole('option', { name: 'Canicattini Bagni (SR)', exact: true }).click();
    await expect(page.locator('.chip > span').first()).toHaveText('Canicattini Bagni');
    await page.getByRole('button', { name: 'Invita', exact: true }).click();
    // Canicattini Bagni is no member in the demo data, unless the memberships spec made it one meanwhile.
    await expect(page.locator('#invite-result')).toHaveText(/(1 Comuni invitati \(0 già invitati\)|0 Comuni invitati \(1 già invitati\))\./);
    const added = (await page.locator('#invite-result').textContent())?.trim().startsWith('1 ') ? 1 : 0;
    await expect(page.locator('.count-invited dd')).toHaveText(String(invited + added));
    await expect(page.locator('.count-pending dd')).toHaveText(String(invited + added));
    await expect(page.getByRole('row').filter({ hasText: 'Canicattini Bagni' })).toContainText('In attesa di risposta');

    await page.getByRole('button', { name: 'Convoca' }).click();
    await expect(page.locator('#step-done')).toHaveText('Incontro convocato: i Comuni invitati possono rispondere.');
    await expect(page.locator('.meeting-header')).toContainText('Convocato');
  });

  test('the Canicattini Bagni referent answers with two delegates; the secretariat counts the answer', async ({ page, browser }) => {
    test.setTimeout(90_000);
    expect(meetingPath).not.toBe('');
    await signIn(page, CANICATTINI, '/incontri');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('I tuoi incontri');
    const card = page.locator('.meeting-card').filter({ hasText: title });
    await expect(card).toContainText('sab 7 dic 2030, 9:45–13:15');
    await expect(card).toContainText('In attesa di risposta');
    await expectAccessible(page);
    await card.getByRole('link', { name: title }).click();
    await expect(page).toHaveURL((url) => url.pathname === meetingPath);

    // The referent reads the programme; no builder, no invitations table.
    await expect(page.locator('.programme-box .programme-time')).toHaveText(['9.45', '10.00', '10.15', '10.45', '12.30', '13.00']);
    await expect(page.getByRole('button', { name: 'Salva il programma' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Inviti e risposte' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Invia la risposta' }).click();
    await expect(page.locator('#rsvp-answer-error')).toHaveText('Scegli se il Comune partecipa.');
    await choose(page, 'Partecipiamo');
    await page.getByLabel('Nome e cognome del delegato 1').fill('Andrea Baffo');
    await page.getByLabel('Ruolo del delegato 1').fill('Coordinatore SAI DM-DS');
    await page.getByRole('button', { name: 'Aggiungi un delegato' }).click();
    await expect(page.getByLabel('Nome e cognome del delegato 2')).toBeFocused();
    await page.getByLabel('Nome e cognome del delegato 2').fill('Rosa Lombardo');
    await page.getByLabel('Ruolo del delegato 2').fill('Responsabile dei servizi sociali');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Invia la risposta' }).click();

    await expect(page.getByText('Risposta inviata.')).toBeVisible();
    const status = page.locator('#rsvp-status');
    await expect(status.locator('.badge')).toHaveText('Partecipa');
    await expect(status.locator('li')).toHaveText(['Andrea Baffo, Coordinatore SAI DM-DS', 'Rosa Lombardo, Responsabile dei servizi sociali']);
    await expect(page.getByRole('button', { name: 'Cambia la risposta' })).toBeVisible();

    const secretariat = await pageAs(browser, SECRETARIAT, meetingPath);
    await expect(secretariat.locator('.count-attending dd')).toHaveText('1');
    const row = secretariat.getByRole('row').filter({ hasText: 'Canicattini Bagni' });
    await expect(row).toContainText('Partecipa');
    await expect(row).toContainText('Andrea Baffo (Coordinatore SAI DM-DS); Rosa Lombardo (Responsabile dei servizi sociali)');
    await secretariat.context().close();
  });
});

test('a declined seat promotes the first Comune waiting: Palermo declines, Siracusa attends', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, PALERMO, '/incontri');
  const card = page.locator('.meeting-card').filter({ hasText: PLENARY });
  await expect(card).toContainText('Partecipa');
  await card.getByRole('link', { name: PLENARY }).click();
  await expect(page.locator('#rsvp-status .badge')).toHaveText('Partecipa');
  await page.getByRole('button', { name: 'Cambia la risposta' }).click();
  await choose(page, 'Non partecipiamo');
  await expect(page.getByLabel('Nome e cognome del delegato 1')).toHaveCount(0);
  await page.getByRole('button', { name: 'Invia la risposta' }).click();
  await expect(page.locator('#rsvp-status .badge')).toHaveText('Non partecipa');

  const secretariat = await pageAs(browser, SECRETARIAT, '/incontri');
  await openPlenary(secretariat);
  await expect(secretariat.locator('.meeting-header')).toContainText('Convocato');
  await expect(secretariat.getByRole('row').filter({ hasText: 'Siracusa' })).toContainText('Partecipa');
  await expect(secretariat.getByRole('row').filter({ hasText: 'Siracusa' })).toContainText('Passato dalla lista d');
  await expect(secretariat.getByRole('row').filter({ hasText: 'Palermo' })).toContainText('Non partecipa');
  await expect(secretariat.locator('.count-waiting dd')).toHaveText('0');
  await secretariat.context().close();
});

test('meeting screens are accessible: list, form, meeting page of both roles', async ({ page, browser }) => {
  test.setTimeout(90_000); // five pages through axe, of which the meeting page with every panel
  await signIn(page, SECRETARIAT, '/incontri?period=all');
  await expect(page.locator('.meeting-card').first()).toBeVisible();
  await expectAccessible(page);
  await page.goto('/incontri/nuovo');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nuovo incontro');
  await choose(page, 'Mista (in presenza e online)');
  await page.getByRole('button', { name: "Crea l'incontro" }).click();
  await expect(page.locator('#meeting-place-error')).toBeVisible();
  await expectAccessible(page);
  await openPlenary(page);
  await expect(page.locator('.agenda-row').first()).toBeVisible();
  await expect(page.getByRole('table')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Modifica: ' + ((await page.locator('.agenda-row .agenda-title').first().textContent()) ?? '') }).click();
  await expect(editor(page)).toBeVisible();
  await expectAccessible(page);

  const referent = await pageAs(browser, PALERMO, '/incontri');
  await expect(referent.getByRole('heading', { level: 1 })).toHaveText('I tuoi incontri');
  await referent.getByRole('link', { name: PLENARY }).click();
  await expect(referent.getByRole('heading', { name: 'La risposta del tuo Comune' })).toBeVisible();
  await expectAccessible(referent);
  // A referent may not create meetings: the same address says so.
  await referent.goto('/incontri/nuovo');
  await expect(referent.getByRole('heading', { level: 1 })).toHaveText('Accesso non consentito');
  await referent.context().close();
});

const CONSTITUTION = 'Incontro per la costituzione di un coordinamento dei Comuni siciliani aderenti al SAI';

test('a referent reads the published minutes and adds the meeting to the calendar', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, PALERMO, '/incontri?period=all');
  await page.getByRole('link', { name: CONSTITUTION, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(CONSTITUTION);
  const minutes = page.locator('.minutes-section');
  await expect(minutes.getByRole('heading', { name: 'Verbale', level: 2 })).toBeVisible();
  await expect(minutes.locator('.minutes-present')).toContainText('3 Comuni presenti');
  await expect(minutes.locator('.minutes-published')).toContainText('Pubblicato il');
  await expect(minutes.locator('.minutes-text')).not.toBeEmpty();
  // A referent reads; no editor.
  await expect(page.getByLabel('Testo del verbale (Markdown)')).toHaveCount(0);
  await expectAccessible(page);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Aggiungi al calendario' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^incontro-per-la-costituzione.*\.ics$/);
  const path = await file.path();
  const { readFile } = await import('node:fs/promises');
  expect(await readFile(path, 'utf8')).toContain('BEGIN:VCALENDAR');
});

test('the secretariat holds a past meeting, records who came, writes and publishes the minutes', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const title = `Incontro già svolto (${Date.now()})`;
  await signIn(page, SECRETARIAT, '/incontri/nuovo');
  await page.getByLabel('Titolo', { exact: true }).fill(title);
  await page.getByLabel('Data', { exact: true }).fill('2020-01-10');
  await page.getByLabel('Ora di inizio').fill('10:00');
  await page.getByLabel('Ora di fine').fill('12:00');
  await page.getByLabel('Link per collegarsi').fill('https://videoconferenza.example/coopera');
  await page.getByRole('button', { name: "Crea l'incontro" }).click();
  await expect(page).toHaveURL((url) => /^\/incontri\/[0-9a-f-]{36}$/.test(url.pathname));
  const meetingPath = new URL(page.url()).pathname;
  // A draft has no calendar event yet.
  await expect(page.getByRole('button', { name: 'Aggiungi al calendario' })).toHaveCount(0);

  await choose(page, 'Comuni scelti');
  const chooser = page.getByRole('combobox', { name: 'Aggiungi un Comune' });
  await chooser.fill('Palermo');
  await page.getByRole('option', { name: 'Palermo (PA)', exact: true }).click();
  await page.getByRole('button', { name: 'Invita', exact: true }).click();
  await expect(page.locator('#invite-result')).toHaveText(/1 Comuni invitati/);
  await page.getByRole('button', { name: 'Convoca' }).click();
  await expect(page.locator('.meeting-header')).toContainText('Convocato');

  await page.getByRole('button', { name: 'Segna come svolto' }).click();
  await expect(page.locator('#step-done')).toContainText('Incontro segnato come svolto');
  const register = page.locator('.attendance-section');
  await expect(register.getByRole('heading', { name: 'Registro delle presenze' })).toBeVisible();
  await expect(register.locator('.attendance-totals')).toHaveText('0 Comuni presenti, 0 delegati');
  await register.locator('label').filter({ hasText: 'Palermo' }).click();
  await expect(register.getByLabel('Palermo: presente')).toBeChecked();
  await expect(register.locator('.attendance-totals')).toHaveText('1 Comuni presenti, 0 delegati');
  await page.getByRole('button', { name: 'Salva le presenze' }).click();
  await expect(page.getByText('Presenze salvate.')).toBeVisible();

  const minutes = page.locator('.minutes-section');
  await expect(minutes.locator('.minutes-none')).toHaveText('Verbale non ancora scritto.');
  await page.getByRole('button', { name: 'Salva bozza' }).click();
  await expect(page.locator('#minutes-error')).toHaveText('Scrivi il testo del verbale.');
  await expect(page.getByLabel('Testo del verbale (Markdown)')).toBeFocused();
  await page.getByLabel('Testo del verbale (Markdown)').fill('# Verbale\n\nPresenti i Comuni invitati.');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Salva bozza' }).click();
  await expect(page.locator('#minutes-done')).toHaveText('Verbale salvato.');
  await expect(minutes.locator('.minutes-preview h3')).toHaveText('Verbale');
  await expect(minutes.locator('.minutes-draft')).toHaveText('Bozza, non ancora pubblicata');
  await expect(minutes.locator('.minutes-present')).toHaveText('1 Comuni presenti, 0 delegati');

  // Not published yet: the invited referent sees no minutes.
  const referent = await pageAs(browser, PALERMO, meetingPath);
  await expect(referent.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(referent.locator('.minutes-section')).toHaveCount(0);

  await page.getByRole('button', { name: 'Pubblica il verbale' }).click();
  await expect(page.locator('#minutes-done')).toHaveText('Verbale pubblicato: i Comuni invitati possono leggerlo.');
  await expect(page.locator('.meeting-header')).toContainText('Verbale pubblicato');
  await expect(minutes.locator('.minutes-published')).toContainText('Pubblicato il');

  await referent.reload();
  await expect(referent.locator('.minutes-section .minutes-text h3')).toHaveText('Verbale');
  await expect(referent.locator('.minutes-section .minutes-present')).toHaveText('1 Comuni presenti, 0 delegati');
  await referent.context().close();
});
