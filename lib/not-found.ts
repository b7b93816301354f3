// For pages: a record the service says does not exist (or is outside the actor's reach) is the
// page's 404, not an error.
import 'server-only';
import { notFound } from 'next/navigation';
import { NotFoundError } from '@/lib/errors';

export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
