// Weighbridge settings (admins only, audited, validated), the agent token (hashed, refused when wrong),
// and the hub: agent pushes and a TCP indicator reach subscribers the same way.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { createSite } from '@/lib/sites/service';
import { latestReading, pushAgentBytes, stopHub, subscribe, type HubMessage } from './hub';
import { encodeToledo } from './parsers/toledo';
import { getReaderConfig, issueAgentToken, readerConfigForAgent, saveWeighbridge } from './service';
import { startIndicatorSimulator } from './simulator';

const admin = systemActor();
const actorWith = (roles: Actor['roles'], siteIds: string[] = []): Actor => ({ id: randomUUID(), email: 'x@y.z', name: 'X', roles, siteIds });
const values = { name: 'Bridge', connection: 'agent' as const, format: 'toledo' as const, unit: 'kg' as const };

afterAll(() => stopHub());

async function until(check: () => boolean, ms = 8000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('weighbridges', () => {
  it('are set by admins only, validated with named fields, and audited', async () => {
    const site = await createSite({ actor: admin, input: { name: `WB ${randomUUID().slice(0, 6)}` } });
    for (const roles of [['CLERK'], ['MANAGER']] as Actor['roles'][]) {
      await expect(saveWeighbridge({ actor: actorWith(roles, [site.id]), input: { siteId: site.id, values } })).rejects.toBeInstanceOf(ForbiddenError);
    }
    const bad = saveWeighbridge({
      actor: admin,
      input: { siteId: site.id, values: { ...values, connection: 'tcp', host: 'no spaces allowed', port: '99999' } },
    });
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    await bad.catch((e: ValidationError) => expect(Object.keys(e.fieldErrors).sort()).toEqual(['host', 'port']));
    const tpl = saveWeighbridge({
      actor: admin,
      input: { siteId: site.id, values: { ...values, format: 'template', template: { template: '{bogus}', terminator: 'CRLF' } } },
    });
    await expect(tpl).rejects.toBeInstanceOf(ValidationError);
    const w = await saveWeighbridge({ actor: admin, input: { siteId: site.id, values } });
    await saveWeighbridge({ actor: admin, input: { id: w.id, siteId: site.id, values: { ...values, divisionKg: '20' } } });
    const audit = await db().auditEntry.findMany({ where: { entityId: w.id }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['weighbridge.create', 'weighbridge.update']);
    expect(audit[1]!.changes).toMatchObject({ divisionKg: { from: null, to: 20 } });
    // Clerks of another site cannot read it.
    await expect(getReaderConfig({ actor: actorWith(['CLERK'], [randomUUID()]), id: w.id })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('take agent pushes with the right token only, and stream them like any indicator', async () => {
    const site = await createSite({ actor: admin, input: { name: `Agent ${randomUUID().slice(0, 6)}` } });
    const w = await saveWeighbridge({ actor: admin, input: { siteId: site.id, values } });
    const token = await issueAgentToken({ actor: admin, id: w.id });
    const stored = await db().weighbridge.findUniqueOrThrow({ where: { id: w.id } });
    expect(stored.agentTokenHash).not.toContain(token);
    expect(await readerConfigForAgent({ id: w.id, token: token + 'x' })).toBeNull();
    const config = await readerConfigForAgent({ id: w.id, token });
    expect(config?.id).toBe(w.id);
    const seen: HubMessage[] = [];
    const unsubscribe = subscribe(config!, (m) => seen.push(m));
    pushAgentBytes(config!, [encodeToledo({ weight: 24_000 }), encodeToledo({ weight: 24_000 }).slice(0, 5)]);
    expect(seen.at(-1)?.live).toMatchObject({ kg: 24_000, state: 'motion' });
    unsubscribe();
  });

  it('read a TCP indicator through the hub', async () => {
    const sim = await startIndicatorSimulator({ intervalMs: 50 });
    sim.hold(18_000);
    try {
      const site = await createSite({ actor: admin, input: { name: `TCP ${randomUUID().slice(0, 6)}` } });
      const w = await saveWeighbridge({
        actor: admin,
        input: { siteId: site.id, values: { ...values, connection: 'tcp', host: '127.0.0.1', port: String(sim.port) } },
      });
      const clerk = actorWith(['CLERK'], [site.id]);
      const config = await getReaderConfig({ actor: clerk, id: w.id });
      const seen: HubMessage[] = [];
      const unsubscribe = subscribe(config, (m) => seen.push(m));
      await until(() => latestReading(config)?.takeable === true);
      expect(latestReading(config)).toMatchObject({ kg: 18_000, state: 'stable' });
      expect(seen.some((m) => m.status === 'connected')).toBe(true);
      unsubscribe();
    } finally {
      await sim.close();
    }
  });
});
