// The correction reason's bounds and message, shared by the form (browser, no zod) and submit-schema.ts.
export const CORRECTION_REASON_MAX = 500;
export const CORRECTION_REASON_REQUIRED = 'Enter why you are correcting this load';
