// The built-in sandbox's fixed credentials, shared by the sandbox (which accepts them) and the DWT
// settings (which use them when no DWT_* connection setting is given). No server-only imports: plain
// node scripts start the sandbox.

export const SANDBOX_CLIENT_ID = 'weighbook-sandbox';
export const SANDBOX_CLIENT_SECRET = 'weighbook-sandbox-secret';

/**
 * Ten dummy apiCodes, standing in for DWT's ten test-environment codes: the landing page
 * (../shared/seeds/receipt-api-landing-page.txt) refers to them but does not list them.
 */
export const SANDBOX_API_CODES: readonly string[] = [
  'dc51dc10-27ed-488c-a292-64ee90fa2624',
  'f5d4c44d-39c4-48ee-a813-dd4d4b629a24',
  'c0efa14b-eb4e-4bac-a81e-46443d7a89a6',
  '306fe591-bded-49a8-98bb-8762e6cd35b5',
  '31cb6195-8810-4204-b2f7-db546cae4360',
  '5edb6054-2683-49b2-8708-38ca90784c6f',
  '7cc3e635-2b53-4490-90e9-f8119f9340d4',
  '48845aa2-bde7-49e5-b160-d2b1df7b74ec',
  '49e0f075-97a7-4603-b253-21010f2e709c',
  '2154196c-f49e-455e-aec9-46164bd0e6db',
];
