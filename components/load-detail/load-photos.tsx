import type { LoadPhotoView } from '@/lib/weighbridge/camera';
import { formatUkDateTime } from '@/lib/time/uk-time';

const PASS_LABELS: Record<LoadPhotoView['pass'], string> = { in: 'Weigh in', out: 'Weigh out', single: 'Weighing' };

/** The weighbridge camera's snapshots of a load, one per weighing; nothing when it has none. */
export function LoadPhotos({ loadId, photos }: { loadId: string; photos: LoadPhotoView[] }) {
  if (photos.length === 0) return null;
  return (
    <section aria-labelledby="photos-heading" className="mb-8">
      <h2 id="photos-heading" className="mb-3 text-xl font-bold">
        Camera at the weighbridge
      </h2>
      <ul className="flex flex-wrap gap-4">
        {photos.map((p) => {
          const when = formatUkDateTime(new Date(p.takenAt));
          const what = `${PASS_LABELS[p.pass]}, ${when}${p.weighbridgeName ? `, ${p.weighbridgeName}` : ''}`;
          return (
            <li key={p.id}>
              <figure>
                <img
                  src={`/api/loads/${loadId}/photos/${p.id}`}
                  alt={`Camera snapshot: ${what}`}
                  width={320}
                  height={180}
                  className="border border-slate-300"
                />
                <figcaption className="mt-1 text-sm">{what}</figcaption>
              </figure>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
