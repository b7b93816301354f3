-- What DWT has told us about each apiCode (issue 14), keyed by the apiCode, not by a site: several
-- sites may share one operator's code, and DWT answers for the code.
--  - A hold: DWT answered 402 (the organisation has not paid its service charge) or refused the apiCode
--    itself (400 on key apiCode). While a hold stands, the queue sends nothing with that code (loads stay
--    'Waiting to send'); one send probes again at probe_at, about hourly, or at once when an admin says
--    so. A site whose apiCode is changed is no longer held by the old code's row (the claim reads the
--    site's current code), so the change itself resumes its loads.
--  - The service charge's expiry date, from the header of DWT's last successful answer.
CREATE TABLE dwt_api_code (
  api_code                   UUID PRIMARY KEY,
  hold_reason                TEXT CONSTRAINT dwt_api_code_hold_reason_check CHECK (hold_reason IN ('payment-required', 'api-code-refused')),
  hold_message               TEXT CONSTRAINT dwt_api_code_hold_message_check CHECK (char_length(hold_message) <= 2000),
  held_since                 TIMESTAMPTZ(3),
  probe_at                   TIMESTAMPTZ(3),
  service_charge_expiry      DATE,
  service_charge_expiry_text TEXT CONSTRAINT dwt_api_code_expiry_text_check CHECK (char_length(service_charge_expiry_text) <= 100),
  service_charge_seen_at     TIMESTAMPTZ(3),
  updated_at                 TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT dwt_api_code_hold_complete CHECK ((hold_reason IS NULL) = (held_since IS NULL) AND (hold_reason IS NULL) = (probe_at IS NULL))
);
