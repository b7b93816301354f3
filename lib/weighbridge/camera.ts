// The weighbridge camera (optional, per weighbridge): at each weighing the server fetches one JPEG from
// the camera's snapshot address (the plain HTTP GET that IP cameras offer, e.g. Axis
// /axis-cgi/jpg/image.cgi, Hikvision /ISAPI/Streaming/channels/101/picture) and keeps it with the load.
// A camera that is slow, down or answers something else never holds up a weighing: the photo is simply
// missing and the load page says so. Photos can show a sole trader's number plate, so they go with the
// load's personal data: deleted by an erasure and by the retention setting (lib/data-rights/loads.ts).
import 'server-only';
import { randomUUID } from 'node:crypto';
import { assertCan, assertSite, auditActorId, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/service';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { readBytesCapped } from '@/lib/request-body';

/** The largest snapshot kept (a 1080p JPEG is 200–600 kB). The table refuses more too. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
/** How long a weighing waits for the camera at most. */
export const SNAPSHOT_TIMEOUT_MS = 3000;
export const PASSES = ['in', 'out', 'single'] as const;
export type Pass = (typeof PASSES)[number];

const log = logger.child({ component: 'camera' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Snapshot = { ok: true; bytes: Uint8Array; contentType: 'image/jpeg' } | { ok: false; reason: string };

/**
 * One JPEG from a snapshot address: at most MAX_PHOTO_BYTES, within the timeout, no redirect followed
 * (a camera does not redirect; a redirect elsewhere is not a camera), and checked to be a JPEG by its
 * first bytes, whatever the Content-Type says.
 */
export async function fetchSnapshot(url: string, { timeoutMs = SNAPSHOT_TIMEOUT_MS, maxBytes = MAX_PHOTO_BYTES } = {}): Promise<Snapshot> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), headers: { Accept: 'image/jpeg' }, cache: 'no-store' });
  } catch (error) {
    const name = (error as Error).name;
    return { ok: false, reason: name === 'TimeoutError' || name === 'AbortError' ? 'the camera did not answer in time' : 'the camera could not be reached' };
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, reason: `the camera answered ${response.status}` };
  }
  let bytes: Uint8Array | null;
  try {
    bytes = await readBytesCapped(response, maxBytes);
  } catch {
    return { ok: false, reason: 'the camera stopped sending the picture' };
  }
  if (bytes === null) return { ok: false, reason: 'the picture is too large' };
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return { ok: false, reason: 'the camera did not send a JPEG picture' };
  return { ok: true, bytes, contentType: 'image/jpeg' };
}

export interface LoadPhotoView {
  id: string;
  pass: Pass;
  takenAt: string;
  weighbridgeName: string | null;
}

/**
 * At a weighing: the weighbridge's camera snapshot stored with the load, audited (without the picture).
 * Returns the photo, or null when the weighbridge has no camera or the camera failed (logged, never
 * thrown: the weighing goes on without a photo).
 */
export async function takeLoadPhoto({
  actor,
  input,
}: {
  actor: Actor;
  input: { loadId: string; weighbridgeId: string; pass: Pass };
}): Promise<LoadPhotoView | null> {
  assertCan(actor, 'weighings.create');
  const [loadSiteId, weighbridge] = await Promise.all([
    siteOfLoad(input.loadId),
    UUID.test(input.weighbridgeId) ? db().weighbridge.findUnique({ where: { id: input.weighbridgeId } }) : null,
  ]);
  if (!loadSiteId || !weighbridge || weighbridge.siteId !== loadSiteId) throw new NotFoundError('There is no such load or weighbridge.');
  assertSite(actor, weighbridge.siteId);
  if (!weighbridge.cameraUrl) return null;
  const snapshot = await fetchSnapshot(weighbridge.cameraUrl);
  if (!snapshot.ok) {
    log.warn('camera snapshot not taken', { weighbridgeId: weighbridge.id, loadId: input.loadId, reason: snapshot.reason });
    return null;
  }
  const id = randomUUID();
  const row = await db().$transaction(async (tx) => {
    const photo = await tx.loadPhoto.create({
      data: {
        id,
        loadId: input.loadId,
        weighbridgeId: weighbridge.id,
        pass: input.pass,
        contentType: snapshot.contentType,
        bytes: Buffer.from(snapshot.bytes),
        takenById: auditActorId(actor),
      },
      select: { id: true, pass: true, takenAt: true },
    });
    await recordAudit(tx, {
      actorId: auditActorId(actor),
      action: 'load.photo',
      entityType: 'load',
      entityId: input.loadId,
      siteId: weighbridge.siteId,
      changes: { photo: { to: id }, pass: { to: input.pass }, bytes: { to: snapshot.bytes.length } },
    });
    return photo;
  });
  return { id: row.id, pass: row.pass as Pass, takenAt: row.takenAt.toISOString(), weighbridgeName: weighbridge.name };
}

async function siteOfLoad(loadId: string): Promise<string | null> {
  const rows = UUID.test(loadId) ? await db().$queryRaw<{ siteId: string }[]>`SELECT site_id AS "siteId" FROM load WHERE id = ${loadId}::uuid` : [];
  return rows[0]?.siteId ?? null;
}

/** Refuses a load that does not exist or is at a site the actor does not work at, alike. */
async function assertLoadVisible(actor: Actor, loadId: string): Promise<void> {
  const siteId = await siteOfLoad(loadId);
  if (!siteId || !actor.siteIds.includes(siteId)) throw new NotFoundError('That load does not exist, or is at a site you do not work at.');
}

/** The photos of a load, for its page (no pictures: they are fetched one by one from their route). */
export async function listLoadPhotos({ actor, input }: { actor: Actor; input: { loadId: string } }): Promise<LoadPhotoView[]> {
  assertCan(actor, 'loads.view');
  await assertLoadVisible(actor, input.loadId);
  const rows = await db().$queryRaw<{ id: string; pass: Pass; takenAt: Date; weighbridgeName: string | null }[]>`
    SELECT p.id, p.pass, p.taken_at AS "takenAt", w.name AS "weighbridgeName"
    FROM load_photo p LEFT JOIN weighbridge w ON w.id = p.weighbridge_id
    WHERE p.load_id = ${input.loadId}::uuid ORDER BY p.taken_at, p.id`;
  return rows.map((r) => ({ id: r.id, pass: r.pass, takenAt: r.takenAt.toISOString(), weighbridgeName: r.weighbridgeName }));
}

/** One photo's picture, for someone who may see its load. */
export async function getLoadPhoto({
  actor,
  input,
}: {
  actor: Actor;
  input: { loadId: string; photoId: string };
}): Promise<{ bytes: Uint8Array; contentType: string }> {
  assertCan(actor, 'loads.view');
  await assertLoadVisible(actor, input.loadId);
  const photo = UUID.test(input.photoId) ? await db().loadPhoto.findUnique({ where: { id: input.photoId } }) : null;
  if (!photo || photo.loadId !== input.loadId) throw new NotFoundError('There is no such photo.');
  return { bytes: photo.bytes, contentType: photo.contentType };
}
