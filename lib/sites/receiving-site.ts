// What a site contributes to every movement DWT receives from it: the receiver and the receipt
// address, from the site's record (never typed per load). No server imports: the load form uses it.

export interface ReceivingSite {
  siteName: string;
  authorisationNumber: string;
  fullAddress: string;
  postcode: string;
  /** The site's contact details and regulatory position statements, sent on the receiver when set. */
  emailAddress?: string;
  phoneNumber?: string;
  regulatoryPositionStatements?: number[];
}

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

/** The full body DWT receives for a load at a site: the movement as the clerk described it, plus the site. */
export function toReceiveMovementBody<M extends object>(movement: M, site: ReceivingSite, apiCode: string) {
  return {
    apiCode,
    ...movement,
    receiver: {
      siteName: site.siteName,
      authorisationNumber: site.authorisationNumber,
      // Optional in DWT's receiver: left out when blank, as DWT refuses blank optional text.
      ...(site.emailAddress ? { emailAddress: site.emailAddress } : {}),
      ...(site.phoneNumber ? { phoneNumber: site.phoneNumber } : {}),
      ...(site.regulatoryPositionStatements?.length ? { regulatoryPositionStatements: site.regulatoryPositionStatements } : {}),
    },
    receipt: { address: { fullAddress: site.fullAddress, postcode: site.postcode } },
  };
}
