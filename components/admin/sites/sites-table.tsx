import Link from 'next/link';
import { nationLabels } from '@/lib/sites/schema';

export interface SiteRow {
  id: string;
  name: string;
  authorisationNumber: string;
  postcode: string;
  nation: keyof typeof nationLabels;
  apiCode: string | null;
  _count: { users: number; loads: number };
}

export function SitesTable({ sites }: { sites: SiteRow[] }) {
  if (sites.length === 0) return <p>There are no sites yet.</p>;
  return (
    <table className="w-full border-collapse bg-white text-left">
      <caption className="sr-only">Sites, their permits, nations, DWT apiCodes and people</caption>
      <thead>
        <tr className="border-b-2 border-slate-700">
          <th scope="col" className="p-2">
            Site
          </th>
          <th scope="col" className="p-2">
            Authorisation number
          </th>
          <th scope="col" className="p-2">
            Postcode
          </th>
          <th scope="col" className="p-2">
            Nation
          </th>
          <th scope="col" className="p-2">
            DWT apiCode
          </th>
          <th scope="col" className="p-2">
            People
          </th>
          <th scope="col" className="p-2">
            Loads
          </th>
        </tr>
      </thead>
      <tbody>
        {sites.map((s) => (
          <tr key={s.id} className="border-b border-slate-300 align-top">
            <td className="p-2">
              <Link href={`/admin/sites/${s.id}`} className="font-semibold text-brand-700 underline">
                {s.name}
              </Link>
            </td>
            <td className="p-2">{s.authorisationNumber || 'Not set'}</td>
            <td className="p-2">{s.postcode || 'Not set'}</td>
            <td className="p-2">{nationLabels[s.nation]}</td>
            <td className="p-2 font-mono text-sm">{s.apiCode ?? 'Not set'}</td>
            <td className="p-2">{s._count.users}</td>
            <td className="p-2">{s._count.loads}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
