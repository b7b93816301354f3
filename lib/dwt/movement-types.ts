// The receive-movement body (POST /movements/receive, PUT /movements/{id}/receive) as TypeScript types:
// what `validateReceiveMovement` vouches for, and what our mappers build.

import type { MeansOfTransport, PhysicalForm, ReasonForNoConsignmentCode, ReasonForNoRegistrationNumber, SourceOfComponents, WeightMetric } from './values';

export interface Weight {
  metric: WeightMetric;
  amount: number;
  isEstimate: boolean;
}

export interface PopComponent {
  code: string;
  concentration?: number | null;
}

export interface Pops {
  sourceOfComponents?: SourceOfComponents;
  components?: PopComponent[] | null;
}

export interface HazardousComponent {
  name: string;
  concentration?: number | null;
}

export interface Hazardous {
  sourceOfComponents?: SourceOfComponents;
  hazCodes?: string[];
  components?: HazardousComponent[] | null;
}

export interface DisposalOrRecoveryCode {
  code: string;
  weight: Weight;
}

export interface WasteItem {
  ewcCodes: string[];
  wasteDescription: string;
  physicalForm: PhysicalForm;
  numberOfContainers: number;
  typeOfContainers: string;
  weight: Weight;
  containsPops: boolean;
  pops?: Pops | null;
  containsHazardous: boolean;
  hazardous?: Hazardous | null;
  disposalOrRecoveryCodes?: DisposalOrRecoveryCode[];
}

export interface Address {
  fullAddress?: string;
  postcode: string;
}

export interface ReceiptAddress {
  fullAddress: string;
  postcode: string;
}

export interface Carrier {
  registrationNumber: string | null;
  reasonForNoRegistrationNumber?: ReasonForNoRegistrationNumber | '' | null;
  organisationName: string;
  address?: Address;
  emailAddress?: string;
  phoneNumber?: string;
  vehicleRegistration?: string;
  meansOfTransport: MeansOfTransport;
  otherMeansOfTransport?: string;
}

export interface BrokerOrDealer {
  organisationName: string;
  address?: Address;
  registrationNumber?: string;
  phoneNumber?: string;
  emailAddress?: string;
}

export interface Receiver {
  siteName: string;
  emailAddress?: string;
  phoneNumber?: string;
  authorisationNumber: string;
  regulatoryPositionStatements?: number[];
}

export interface Receipt {
  address: ReceiptAddress;
}

export interface OtherReference {
  label: string;
  reference: string;
}

export interface ReceiveMovement {
  apiCode: string;
  dateTimeReceived: string;
  hazardousWasteConsignmentCode?: string | null;
  reasonForNoConsignmentCode?: ReasonForNoConsignmentCode | string | null;
  yourUniqueReference?: string;
  otherReferencesForMovement?: OtherReference[];
  specialHandlingRequirements?: string;
  wasteItems: WasteItem[];
  carrier: Carrier;
  brokerOrDealer?: BrokerOrDealer;
  receiver: Receiver;
  receipt: Receipt;
}
