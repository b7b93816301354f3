import type { ReceivingSite } from '@/lib/loads/schema';

interface SiteRecord {
  name: string;
  authorisationNumber: string;
  fullAddress: string;
  postcode: string;
  contactEmail?: string;
  contactPhone?: string;
  regulatoryPositionStatements?: number[];
}

/** The receiver and receipt address DWT needs, from the site's record (never typed per load). */
export function receivingSiteOf(site: SiteRecord): ReceivingSite {
  return {
    siteName: site.name,
    authorisationNumber: site.authorisationNumber,
    fullAddress: site.fullAddress,
    postcode: site.postcode,
    ...(site.contactEmail ? { emailAddress: site.contactEmail } : {}),
    ...(site.contactPhone ? { phoneNumber: site.contactPhone } : {}),
    ...(site.regulatoryPositionStatements?.length ? { regulatoryPositionStatements: site.regulatoryPositionStatements } : {}),
  };
}
