import Link from 'next/link';

/** For people who work at several sites: which site this load arrived at. */
export function SitePicker({ sites, current, basePath = '/loads/new' }: { sites: { id: string; name: string }[]; current: string; basePath?: string }) {
  return (
    <nav aria-label="Site" className="mb-4">
      <ul className="flex flex-wrap gap-2">
        {sites.map((s) => (
          <li key={s.id}>
            <Link
              href={`${basePath}?site=${s.id}`}
              aria-current={s.id === current ? 'page' : undefined}
              className={`inline-block border-2 px-3 py-1 font-semibold ${s.id === current ? 'border-brand-700 bg-brand-700 text-white' : 'border-slate-700 bg-white'}`}
            >
              {s.name}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
