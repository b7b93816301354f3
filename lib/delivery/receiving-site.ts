import type { ReceivingSite } from '@/lib/loads/schema';

/** The receiver and receipt address DWT needs, from the site's record (never typed per load). */
export function receivingSiteOf(site: { name: string; authorisationNumber: string; fullAddress: string; postcode: string }): ReceivingSite {
  return { siteName: site.name, authorisationNumber: site.authorisationNumber, fullAddress: site.fullAddress, postcode: site.postcode };
}
