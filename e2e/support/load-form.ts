// Filling the load form the way a clerk does: by label, within the section or item they are in.
import { expect, type Locator, type Page } from '@playwright/test';

export interface ItemInput {
  ewc: string[];
  description: string;
  form?: string;
  containers?: string;
  containerType?: string;
  gross?: string;
  tare?: string;
  single?: { amount: string; unit?: string; estimated?: boolean };
  pops?: { source: string; components: { code: string; concentration?: string }[] };
  hazardous?: { source: string; hpCodes: string[]; components: { name: string; concentration?: string }[] };
  codes?: { code: string; weight: string }[];
}

export interface CarrierInput {
  name: string;
  registration?: string;
  reason?: string;
  transport?: string;
  vehicle?: string;
  postcode?: string;
}

export class LoadFormPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/loads/new');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Log a load' })).toBeVisible();
    // A load kept from an earlier test in this browser would be restored: start clean.
    const fresh = this.page.getByRole('button', { name: 'Start a new load instead' });
    if (await fresh.isVisible()) await fresh.click();
  }

  item(index: number): Locator {
    return this.page.getByRole('group', { name: `Waste item ${index + 1}`, exact: true });
  }

  async fillCarrier(c: CarrierInput) {
    const p = this.page;
    if (c.transport) await p.getByLabel('Means of transport').selectOption(c.transport);
    if (c.vehicle) await p.getByLabel('Vehicle registration').fill(c.vehicle);
    await p.getByLabel('Carrier name').fill(c.name);
    await p.getByLabel('Carrier registration number').fill(c.registration ?? '');
    if (c.reason) await p.getByLabel('Reason for no registration number').selectOption(c.reason);
    if (c.postcode) await p.getByLabel('Carrier postcode').fill(c.postcode);
  }

  async addEwcCode(item: Locator, code: string) {
    const box = item.getByRole('combobox', { name: 'EWC codes' });
    await box.fill(code);
    await box.press('Enter');
  }

  async fillItem(index: number, input: ItemInput) {
    if (index > 0 && !(await this.item(index).isVisible())) {
      await this.page.getByRole('button', { name: 'Add another waste item' }).click();
    }
    const item = this.item(index);
    for (const code of input.ewc) await this.addEwcCode(item, code);
    await item.getByLabel('Description of the waste').fill(input.description);
    await item.getByLabel('Physical form').selectOption(input.form ?? 'Solid');
    await item.getByLabel('Number of containers').fill(input.containers ?? '1');
    await item.getByLabel('Type of containers').selectOption(input.containerType ?? 'SKI');
    if (input.single) {
      await item.getByLabel('One weight').check();
      await item.getByLabel('Weight', { exact: true }).fill(input.single.amount);
      if (input.single.unit) await item.getByLabel('Unit', { exact: true }).selectOption(input.single.unit);
      if (input.single.estimated) await item.getByLabel('Estimated').check();
    } else {
      await item.getByLabel('Gross weight').fill(input.gross ?? '18.4');
      await item.getByLabel('Tare weight').fill(input.tare ?? '10.2');
    }
    if (input.pops) {
      await item.getByLabel('Contains POPs').check();
      await item.getByLabel('Source of POP components').selectOption(input.pops.source);
      for (const [i, c] of input.pops.components.entries()) {
        await item.getByRole('button', { name: 'Add a POP component' }).click();
        await item.getByLabel(`POP ${i + 1}`, { exact: true }).selectOption(c.code);
        if (c.concentration) await item.getByLabel(`POP ${i + 1} concentration (mg/kg, optional)`).fill(c.concentration);
      }
    }
    if (input.hazardous) {
      await item.getByLabel('Has hazardous properties').check();
      await item.getByLabel('Source of hazardous components').selectOption(input.hazardous.source);
      for (const hp of input.hazardous.hpCodes) await item.getByLabel(new RegExp(`^${hp.replace('_', ' ')} `)).check();
      for (const [i, c] of input.hazardous.components.entries()) {
        await item.getByRole('button', { name: 'Add a hazardous component' }).click();
        await item.getByLabel(`Hazardous component ${i + 1}`, { exact: true }).fill(c.name);
        if (c.concentration) await item.getByLabel(`Component ${i + 1} concentration (mg/kg, optional)`).fill(c.concentration);
      }
    }
    for (const [i, d] of (input.codes ?? []).entries()) {
      await item.getByRole('button', { name: 'Add a disposal or recovery code' }).click();
      await item.getByLabel(`Code ${i + 1}`, { exact: true }).selectOption(d.code);
      await item.getByLabel(`Code ${i + 1} weight`).fill(d.weight);
    }
  }

  async send() {
    await this.page.getByRole('button', { name: /^Save and send/ }).click();
  }

  outcome(): Locator {
    return this.page.getByRole('status').filter({ has: this.page.getByRole('heading', { level: 2 }) });
  }

  async expectSent(): Promise<string> {
    await expect(this.page.getByRole('heading', { level: 2, name: 'Sent to DWT' })).toBeVisible({ timeout: 20_000 });
    const id = (await this.page.getByTestId('waste-tracking-id').getAttribute('data-id'))!;
    expect(id).toMatch(/^\d{2}[A-Z0-9]{6,}$/);
    return id;
  }
}
