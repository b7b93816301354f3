// The weighbridge camera over real HTTP (the simulator speaks what IP cameras speak): a snapshot kept
// with the load at a weighing and shown only to those who may see the load; a camera that is down,
// slow, redirects or sends something else never fails the weighing; an erasure deletes the photos.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { erasePersonalData, findPersonalData } from '@/lib/data-rights/service';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { saveLoad } from '@/lib/loads/service';
import { createSite } from '@/lib/sites/service';
import { loadForm, RECEIVING_SITE } from '@/test/load-fixtures';
import { fetchSnapshot, getLoadPhoto, listLoadPhotos, MAX_PHOTO_BYTES, takeLoadPhoto } from './camera';
import { SIMULATED_PICTURE, startCameraSimulator, type CameraSimHandle } from './camera-sim';
import { saveWeighbridge } from './service';

let camera: CameraSimHandle;
let siteId: string;
let weighbridgeId: string;
let clerk: Actor;
const admin = systemActor();

beforeAll(async () => {
  camera = await startCameraSimulator();
  siteId = (await createSite({ actor: admin, input: { name: `Camera ${randomUUID().slice(0, 6)}`, ...RECEIVING_SITE } })).id;
  const w = await saveWeighbridge({
    actor: admin,
    input: { siteId, values: { name: 'In-bridge', connection: 'none', format: 'toledo', unit: 'kg', cameraUrl: camera.url } },
  });
  weighbridgeId = w.id;
  clerk = { id: randomUUID(), email: 'cam@it.test', name: 'Clerk', roles: ['CLERK'], siteIds: [siteId] };
});

afterAll(async () => {
  await camera.close();
});

async function newLoad(f = loadForm()) {
  return saveLoad({ actor: clerk, input: { id: randomUUID(), siteId, expectedVersion: null, intent: 'draft', form: f } });
}

describe('the weighbridge camera', () => {
  it('keeps a snapshot with the load at a weighing, audited, for those who may see the load', async () => {
    camera.setKnobs({});
    const load = await newLoad();
    const photo = await takeLoadPhoto({ actor: clerk, input: { loadId: load.id, weighbridgeId, pass: 'in' } });
    expect(photo).toMatchObject({ pass: 'in', weighbridgeName: 'In-bridge' });
    expect(await listLoadPhotos({ actor: clerk, input: { loadId: load.id } })).toEqual([photo]);
    const picture = await getLoadPhoto({ actor: clerk, input: { loadId: load.id, photoId: photo!.id } });
    expect(Buffer.from(picture.bytes).equals(Buffer.from(SIMULATED_PICTURE))).toBe(true);
    expect(picture.contentType).toBe('image/jpeg');
    const audit = await db().auditEntry.findFirstOrThrow({ where: { entityId: load.id, action: 'load.photo' } });
    expect(audit.changes).toMatchObject({ pass: { to: 'in' }, bytes: { to: SIMULATED_PICTURE.length } });

    // Someone at another site sees nothing; a manager cannot take one (weighing is the clerks' and managers' job, at their sites).
    const stranger: Actor = { ...clerk, id: randomUUID(), siteIds: [randomUUID()] };
    await expect(listLoadPhotos({ actor: stranger, input: { loadId: load.id } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getLoadPhoto({ actor: stranger, input: { loadId: load.id, photoId: photo!.id } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(takeLoadPhoto({ actor: { ...clerk, roles: ['ADMIN'] }, input: { loadId: load.id, weighbridgeId, pass: 'out' } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(takeLoadPhoto({ actor: stranger, input: { loadId: load.id, weighbridgeId, pass: 'out' } })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('never fails a weighing: a camera down, slow, redirecting or sending something else leaves no photo', async () => {
    const load = await newLoad();
    for (const knobs of [
      { down: true },
      { delayMs: 4000 },
      { redirectTo: 'http://example.com/x.jpg' },
      { body: new TextEncoder().encode('<html>login</html>'), contentType: 'text/html' },
      { body: new Uint8Array(MAX_PHOTO_BYTES + 10).fill(0xff) },
    ]) {
      camera.setKnobs(knobs);
      expect(await takeLoadPhoto({ actor: clerk, input: { loadId: load.id, weighbridgeId, pass: 'in' } }), JSON.stringify(Object.keys(knobs))).toBeNull();
    }
    expect(await listLoadPhotos({ actor: clerk, input: { loadId: load.id } })).toEqual([]);
    camera.setKnobs({});
    expect(await fetchSnapshot('http://127.0.0.1:9/snapshot.jpg')).toEqual({ ok: false, reason: 'the camera could not be reached' });
  }, 30_000);

  it('is erased with the person: a load anonymised for an erasure keeps no photo', async () => {
    camera.setKnobs({});
    const email = `cam.${randomUUID().slice(0, 8)}@example.org`;
    const f = loadForm();
    f.carrier = { ...f.carrier, organisationName: 'Plate Visible Ltd', emailAddress: email };
    const load = await newLoad(f);
    await db().load.update({ where: { id: load.id }, data: { status: 'SENT', sentVersion: 1, sentAt: new Date() } });
    await takeLoadPhoto({ actor: clerk, input: { loadId: load.id, weighbridgeId, pass: 'in' } });
    expect(await db().loadPhoto.count({ where: { loadId: load.id } })).toBe(1);
    const found = await findPersonalData({ actor: admin, input: { by: 'email', value: email } });
    await erasePersonalData({ actor: admin, input: { by: 'email', value: email, entryIds: [], loadIds: found.loads.map((l) => l.id), confirmed: true } });
    expect(await db().loadPhoto.count({ where: { loadId: load.id } })).toBe(0);
  });
});
