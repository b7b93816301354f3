// An indicator cabled to the gatehouse PC (issue 17), read in the browser through Web Serial. The page
// gets a fake `navigator.serial` that behaves as Chrome's: no port until the clerk picks one, then a
// readable byte stream of the indicator's Toledo frames, and the port remembered on the next visit.
// Keyboard only: connect once, the live weight settles, F2 weighs in, and the server keeps the weight
// only because the frame it came with shows it (a page cannot make a weight up).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { encodeToledo } from '@/lib/weighbridge/parsers/toledo';
import { E2E_SITE, PASSWORD } from './support/accounts';
import { expectNoAxeViolations } from './support/axe';
import { signInFresh } from './support/sign-in';

const TAG = Date.now().toString(36).toUpperCase().slice(-5);
const LORRY = `WS${TAG.slice(0, 2)} ${TAG.slice(2)}`;
const clerkEmail = `serial-${TAG}@e2e.weighbook.test`.toLowerCase();
let siteId = '';

test.beforeAll(async () => {
  const { systemActor } = await import('@/lib/auth/actor');
  const { createSite } = await import('@/lib/sites/service');
  const { ensureUser } = await import('@/lib/users/service');
  const { saveWeighbridge } = await import('@/lib/weighbridge/service');
  const site = await createSite({ actor: systemActor(), input: { ...E2E_SITE, name: `E2E Serial ${TAG}`, weighbridgeUnit: 'Kilograms' } });
  siteId = site.id;
  const system = systemActor([site.id]);
  await ensureUser({ actor: system, input: { name: 'Serena Serial', email: clerkEmail, password: PASSWORD, roles: ['CLERK'], siteIds: [site.id] } });
  await saveWeighbridge({
    actor: system,
    input: { siteId, values: { name: 'Gatehouse bridge', connection: 'web-serial', format: 'toledo', unit: 'kg', divisionKg: '20' } },
  });
});

/** A fake Web Serial: one USB adapter, granted once chosen (kept across reloads), streaming the frames (the last one repeated). */
function installFakeSerial(frames: number[][]) {
  const KEY = 'fake-serial-granted';
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  const port = {
    readable: null as ReadableStream<Uint8Array> | null,
    getInfo: () => ({ usbVendorId: 0x067b, usbProductId: 0x2303 }),
    async open(options: { baudRate: number }) {
      (window as unknown as { openedWith: unknown }).openedWith = options;
      port.readable = new ReadableStream<Uint8Array>({
        start(c) {
          controller = c;
          let i = 0;
          timer = setInterval(() => controller?.enqueue(Uint8Array.from(frames[Math.min(i++, frames.length - 1)]!)), 100);
        },
        cancel() {
          clearInterval(timer);
        },
      });
    },
    async close() {
      clearInterval(timer);
    },
  };
  const serial = Object.assign(new EventTarget(), {
    async getPorts() {
      return sessionStorage.getItem(KEY) ? [port] : [];
    },
    async requestPort() {
      sessionStorage.setItem(KEY, '1');
      return port;
    },
  });
  Object.defineProperty(navigator, 'serial', { value: serial, configurable: true });
}

function signIn(browser: Browser, baseURL: string | undefined): Promise<Page> {
  // The indicator settles on 27,480 kg after a moment of motion.
  const moving = [...encodeToledo({ weight: 27_460, motion: true })];
  const steady = [...encodeToledo({ weight: 27_480 })];
  return signInFresh(browser, baseURL, clerkEmail, (page) => page.addInitScript(installFakeSerial, [moving, moving, steady]));
}

test('a weight read through Web Serial on the gatehouse PC weighs a vehicle in, checked by the server from its frame', async ({ browser, baseURL }) => {
  const page = await signIn(browser, baseURL);
  await page.goto(`/on-site/weigh-in?site=${siteId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Weigh in' })).toBeVisible();
  await expect(page.getByText('Connect the indicator to read its weight on this PC.')).toBeVisible();
  await expectNoAxeViolations(page);

  await expect(page.getByLabel('Vehicle registration')).toBeFocused();
  await page.keyboard.type(LORRY);
  // Once per PC: the clerk picks the port (the browser remembers it).
  const connect = page.getByRole('button', { name: 'Connect the indicator (cable on this PC)' });
  await connect.focus();
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => (window as unknown as { openedWith: unknown }).openedWith)).toMatchObject({ baudRate: 9600, dataBits: 8, parity: 'none' });
  await expect(page.getByTestId('live-weight')).toHaveText('27,480 kg');
  await expect(page.getByText('Steady', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press('F2');

  await expect(page).toHaveURL(/\/on-site\?weighed-in=/);
  const row = page.getByRole('row', { name: new RegExp(LORRY) });
  await expect(row).toContainText('27,480 kg (indicator)');

  // Next time on this PC the port is found again without a click.
  await page.goto(`/on-site/weigh-in?site=${siteId}`);
  await expect(page.getByTestId('live-weight')).toHaveText('27,480 kg');
  await expect(page.getByRole('button', { name: 'Connect the indicator (cable on this PC)' })).toHaveCount(0);
  await page.context().close();
});
