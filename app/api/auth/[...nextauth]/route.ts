import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so that settings are read after the launcher has set them.
function handler(req: Request, ctx: RouteContext) {
  return NextAuth(req as never, ctx as never, authOptions());
}

export { handler as GET, handler as POST };
