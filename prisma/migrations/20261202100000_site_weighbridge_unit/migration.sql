-- The unit the site's weighbridge reads in (issue 12): the load form puts it before the weights and
-- starts from it. Existing sites keep Tonnes, the form's unit until now.
ALTER TABLE site ADD COLUMN weighbridge_unit TEXT NOT NULL DEFAULT 'Tonnes'
  CONSTRAINT site_weighbridge_unit_check CHECK (weighbridge_unit IN ('Kilograms', 'Tonnes'));
