// A backlog of queued loads, written in bulk as saveLoad would leave them: PENDING, each with its
// queued delivery job and its own ticket number. Shared by the delivery benchmarks.
import type pg from 'pg';

export async function seedBacklog(
  sql: pg.Client,
  { siteId, loads, movement, form }: { siteId: string; loads: number; movement: unknown; form: unknown },
): Promise<void> {
  await sql.query('BEGIN');
  await sql.query(
    `INSERT INTO load (id, site_id, ticket_number, received_at, status, movement, form_values, ewc_codes, carrier_name, vehicle_registration, updated_at)
     SELECT gen_random_uuid(), $1::uuid, t, ($2::jsonb->>'dateTimeReceived')::timestamptz, 'PENDING',
            jsonb_set($2::jsonb, '{yourUniqueReference}', to_jsonb(t)), jsonb_set($3::jsonb, '{yourUniqueReference}', to_jsonb(t)),
            ARRAY['170504'], 'Acme Haulage Ltd', 'AB12 CDE', now()
       FROM (SELECT 'Q' || lpad(i::text, 6, '0') AS t FROM generate_series(1, $4::int) AS i) AS tickets`,
    [siteId, JSON.stringify(movement), JSON.stringify(form), loads],
  );
  await sql.query(`INSERT INTO delivery_job (load_id) SELECT id FROM load WHERE site_id = $1::uuid AND status = 'PENDING'`, [siteId]);
  await sql.query('COMMIT');
  await sql.query('ANALYZE load; ANALYZE delivery_job');
}
