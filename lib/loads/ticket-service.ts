// The weighbridge ticket of a saved load (lib/loads/ticket.ts builds it): the load, the site, the
// reference data for code names, and who weighed it.
import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { getReferenceLookups } from '@/lib/reference-data/service';
import { namesOfUsers } from '@/lib/users/service';
import { getLoad } from './service';
import { isTicketLayout } from '@/lib/sites/schema';
import { buildTicket, type Ticket, type TicketLayout } from './ticket';
import { readWeighings, ticketWeighings } from './weighing-schema';

export async function getLoadTicket({
  actor,
  input,
}: {
  actor: Actor;
  input: { id: string };
}): Promise<{ loadId: string; ticket: Ticket; siteLayout: TicketLayout }> {
  const load = await getLoad({ actor, input });
  const [lookups, names] = await Promise.all([getReferenceLookups(), namesOfUsers(load.createdById ? [load.createdById] : [])]);
  const ticket = buildTicket(
    {
      ticketNumber: load.ticketNumber,
      receivedAt: load.receivedAt,
      wasteTrackingId: load.wasteTrackingId,
      possibleDuplicateAt: load.possibleDuplicateAt,
      site: load.site,
      form: load.form,
      weighedBy: load.createdById ? (names.get(load.createdById) ?? null) : null,
      weighings: ticketWeighings(readWeighings(load.weighings)),
    },
    lookups,
  );
  return { loadId: load.id, ticket, siteLayout: isTicketLayout(load.site.ticketLayout) ? load.site.ticketLayout : 'a4' };
}
