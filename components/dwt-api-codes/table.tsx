// The delivery page's list of the apiCodes the sites send with: who uses each, what DWT says about its
// service charge, and whether DWT is refusing it (with the admin's button to try again now).
import type { ApiCodeState } from '@/lib/delivery/service';
import { TryApiCodeNowButton } from './try-now-button';
import { formatDate, serviceChargeInWords, siteList } from './words';

export function ApiCodeTable({ states, isAdmin }: { states: ApiCodeState[]; isAdmin: boolean }) {
  return (
    <section aria-labelledby="api-codes" className="mb-8">
      <h2 id="api-codes" className="mb-3 text-xl font-bold">
        apiCodes and the DWT service charge
      </h2>
      {states.length === 0 ? (
        <p>No site has an apiCode yet: an administrator sets one on each site’s page.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full max-w-5xl border-collapse bg-white text-left">
            <caption className="mb-1 text-left">Each apiCode your sites send with. DWT answers for the apiCode’s organisation.</caption>
            <thead>
              <tr className="border-b-2 border-slate-700">
                <th scope="col" className="p-2">
                  apiCode
                </th>
                <th scope="col" className="p-2">
                  Sites
                </th>
                <th scope="col" className="p-2">
                  Service charge paid until
                </th>
                <th scope="col" className="p-2">
                  Sending
                </th>
              </tr>
            </thead>
            <tbody>
              {states.map((s) => (
                <tr key={s.apiCode} className="border-b border-slate-300 align-top">
                  <td className="p-2 font-mono text-sm">{s.apiCode}</td>
                  <td className="p-2">{siteList(s.sites)}</td>
                  <td className={`p-2 ${s.chargeWarning ? 'font-semibold text-red-900' : ''}`}>{serviceChargeInWords(s)}</td>
                  <td className="p-2">
                    {s.hold ? (
                      <>
                        <p className="font-semibold text-red-900">
                          {s.hold.reason === 'payment-required' ? 'Held: service charge unpaid (402)' : 'Held: DWT refuses this apiCode'}
                        </p>
                        <p className="text-sm">
                          DWT said: “{s.hold.message}”. Held since {formatDate(s.hold.heldSince)}; {s.waiting} waiting. Next try by itself:{' '}
                          {s.hold.probeAt.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' })}.
                        </p>
                      </>
                    ) : (
                      <p>Sending normally</p>
                    )}
                    {isAdmin && (
                      <div className="mt-2">
                        <TryApiCodeNowButton
                          apiCode={s.apiCode}
                          label={!s.hold ? null : s.hold.reason === 'payment-required' ? 'We have paid – try now' : 'Try this apiCode again now'}
                        />
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
