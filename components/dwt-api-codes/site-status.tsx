// The site page's word on its apiCode: whether DWT refuses it (and what to do), and the service charge.
import type { ApiCodeState } from '@/lib/delivery/service';
import { formatDate, loadsWaiting, serviceChargeInWords } from './words';

export function SiteApiCodeStatus({ state, ownCode }: { state: ApiCodeState | undefined; ownCode: boolean }) {
  if (!state) return null;
  const refused = state.hold?.reason === 'api-code-refused';
  return (
    <section
      aria-labelledby="site-dwt-heading"
      className={`mb-4 max-w-3xl border-l-4 bg-white p-4 ${state.hold || state.chargeWarning ? 'border-danger-700' : 'border-brand-600'}`}
    >
      <h2 id="site-dwt-heading" className="mb-2 text-lg font-bold">
        DWT and this site’s apiCode
      </h2>
      {refused && (
        <p className="mb-2 font-semibold text-red-900">
          DWT refuses this site’s apiCode{ownCode ? '' : ' (the installation’s default, used because the site has none of its own)'}: “{state.hold!.message}”.{' '}
          {loadsWaiting(state.waiting)} (held since {formatDate(state.hold!.heldSince)}). Enter a working apiCode from DEFRA’s service below and save: the loads
          are sent straight away.
        </p>
      )}
      {state.hold?.reason === 'payment-required' && (
        <p className="mb-2 font-semibold text-red-900">
          DWT is not taking records sent with this apiCode: the organisation has not paid its DWT service charge (“{state.hold.message}”).{' '}
          {loadsWaiting(state.waiting)}. Once it is paid, press “We have paid – try now” on the Delivery to DWT page.
        </p>
      )}
      <p>
        <span className="font-semibold">Service charge paid until:</span> {serviceChargeInWords(state)}
      </p>
    </section>
  );
}
