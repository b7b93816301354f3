// On every page, for managers and administrators: DWT refuses an apiCode the sites send with (its
// organisation has not paid the service charge, or the code itself is refused), or the service charge
// runs out within 30 days. Renders nothing when all is well.
import Link from 'next/link';
import type { ApiCodeState } from '@/lib/delivery/service';
import { formatDate, loadsWaiting, serviceChargeInWords, siteList } from './words';

function SiteLinks({ sites, linkSites }: { sites: ApiCodeState['sites']; linkSites: boolean }) {
  if (!linkSites) return <>{siteList(sites)}</>;
  return (
    <>
      {sites.map((s, i) => (
        <span key={s.id}>
          {i > 0 && (i === sites.length - 1 ? ' and ' : ', ')}
          <Link href={`/admin/sites/${s.id}`} className="font-semibold text-brand-700 underline">
            {s.name}
          </Link>
        </span>
      ))}
    </>
  );
}

export function DwtApiCodeBanner({ states, isAdmin }: { states: ApiCodeState[]; isAdmin: boolean }) {
  const shown = states.filter((s) => s.hold || s.chargeWarning);
  if (shown.length === 0) return null;
  return (
    <section aria-label="DWT needs attention" className="mx-auto max-w-6xl px-4 pt-6">
      {shown.map((s) => (
        <div key={s.apiCode} className="mb-3 border-l-8 border-red-700 bg-red-50 p-4" data-api-code={s.apiCode}>
          {s.hold?.reason === 'payment-required' ? (
            <>
              <p className="mb-1 text-lg font-bold text-red-900">
                DWT is not taking records from {siteList(s.sites)}: the DWT service charge has not been paid
              </p>
              <p className="mb-1">
                DWT said: “{s.hold.message}” (since {formatDate(s.hold.heldSince)}). {loadsWaiting(s.waiting)}; none is lost.
              </p>
              <p>
                What to do: whoever looks after the organisation’s account with DEFRA pays the DWT service charge (£26 a year for each legal entity) in DEFRA’s
                service.{' '}
                {isAdmin ? (
                  <>
                    Then press “We have paid – try now” on{' '}
                    <Link href="/delivery#api-codes" className="font-semibold text-brand-700 underline">
                      Delivery to DWT
                    </Link>
                    .
                  </>
                ) : (
                  'Then an administrator tells Weighbook to try again.'
                )}{' '}
                Weighbook also tries again about every hour.
              </p>
            </>
          ) : s.hold ? (
            <>
              <p className="mb-1 text-lg font-bold text-red-900">
                DWT does not accept the apiCode of <SiteLinks sites={s.sites} linkSites={isAdmin} />
              </p>
              <p className="mb-1">
                DWT said: “{s.hold.message}”. {loadsWaiting(s.waiting)}; none is lost. This is the site’s set-up, not a problem with the loads.
              </p>
              <p>
                What to do: {isAdmin ? 'get' : 'an administrator gets'} the site’s apiCode from DEFRA’s service (the operator creates, renames and disables its
                apiCodes there) and {isAdmin ? 'enter' : 'enters'} it on the site’s page. The loads are sent as soon as it is saved.
              </p>
            </>
          ) : (
            <>
              <p className="mb-1 text-lg font-bold text-red-900">The DWT service charge for {siteList(s.sites)} runs out soon</p>
              <p>
                DWT says it runs out on {serviceChargeInWords(s)}. Pay it in DEFRA’s service before then, or DWT will stop taking records from{' '}
                {s.sites.length === 1 ? 'this site' : 'these sites'} (the loads would wait until it is paid).
              </p>
            </>
          )}
        </div>
      ))}
    </section>
  );
}
