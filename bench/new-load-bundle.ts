// JavaScript a browser downloads to open /loads/new, gzipped, against /sign-in as the baseline, from
// the last production build (`npx next build`). It also says whether the bundled EWC list leaked into
// any of it (it must be fetched as data from /api/reference-data instead).
// Run: node --import tsx bench/new-load-bundle.ts [route] [baseline route]
//
// How a route's chunks are found (Next 16, Turbopack; there is no app-build-manifest.json any more):
//  - .next/app-path-routes-manifest.json maps each app entry ("/(app)/loads/new/page") to its route;
//  - .next/server/app/<entry>_client-reference-manifest.js sets globalThis.__RSC_MANIFEST[entry], whose
//    `entryJSFiles` lists the client chunks of every segment rendered for that page (root layout,
//    group layouts, the page), the chunks the HTML loads with <script async>;
//  - .next/build-manifest.json `rootMainFiles` is the framework runtime every page loads.
// Not counted: `polyfillFiles` (nomodule, so current browsers skip them) and chunks loaded later by
// dynamic import().
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const buildDir = path.join(root, '.next');
const [route = '/loads/new', baselineRoute = '/sign-in'] = process.argv.slice(2);

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(buildDir, file), 'utf8')) as T;
}

if (!existsSync(path.join(buildDir, 'BUILD_ID'))) {
  fail(`No production build in ${buildDir}. Run \`npx next build\` first (not while another build is running).`);
}

const routesByEntry = readJson<Record<string, string>>('app-path-routes-manifest.json');
const { rootMainFiles } = readJson<{ rootMainFiles: string[] }>('build-manifest.json');

function entryJsFiles(routePath: string): string[] {
  const entry = Object.keys(routesByEntry).find((key) => routesByEntry[key] === routePath && key.endsWith('/page'));
  if (!entry) fail(`The build has no page for ${routePath}. Pages: ${Object.values(routesByEntry).join(', ')}`);
  const manifestFile = path.join(buildDir, 'server', 'app', `${entry}_client-reference-manifest.js`);
  if (!existsSync(manifestFile)) fail(`No client reference manifest for ${routePath} at ${manifestFile}: has Next changed its build layout?`);
  const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } };
  vm.runInNewContext(readFileSync(manifestFile, 'utf8'), sandbox);
  const segments = sandbox.globalThis.__RSC_MANIFEST?.[entry]?.entryJSFiles;
  if (!segments) fail(`${manifestFile} has no entryJSFiles for ${entry}: has Next changed its manifest format?`);
  return [...new Set(Object.values(segments).flat())];
}

// A phrase only the bundled EWC list holds: the description of 17 05 04, as JSON would escape it.
const ewcCodes = JSON.parse(readFileSync(path.join(root, 'lib/reference-data/bundled/ewc-codes.json'), 'utf8')) as {
  code: string;
  description: string;
}[];
const ewcMarker = JSON.stringify(ewcCodes.find((entry) => entry.code === '170504')!.description).slice(1, -1);

interface Measure {
  chunks: number;
  raw: number;
  gzip: number;
  hasEwcList: boolean;
}

function measure(files: Iterable<string>): Measure {
  const result: Measure = { chunks: 0, raw: 0, gzip: 0, hasEwcList: false };
  for (const file of files) {
    const bytes = readFileSync(path.join(buildDir, file));
    result.chunks += 1;
    result.raw += bytes.length;
    result.gzip += gzipSync(bytes).length;
    result.hasEwcList ||= bytes.includes(ewcMarker);
  }
  return result;
}

const framework = new Set(rootMainFiles);
const routeOwn = (routePath: string) => entryJsFiles(routePath).filter((file) => !framework.has(file));
const target = { own: measure(routeOwn(route)), total: measure([...framework, ...routeOwn(route)]) };
const baseline = { own: measure(routeOwn(baselineRoute)), total: measure([...framework, ...routeOwn(baselineRoute)]) };

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`.padStart(10);
const row = (label: string, m: Measure) => `${label.padEnd(34)}${String(m.chunks).padStart(7)}${kB(m.raw)}${kB(m.gzip)}   ${m.hasEwcList ? 'YES' : 'no'}`;

console.log(`Client JavaScript per route, build ${readFileSync(path.join(buildDir, 'BUILD_ID'), 'utf8').trim()} in ${buildDir}`);
console.log(`${''.padEnd(34)}${'chunks'.padStart(7)}${'raw'.padStart(10)}${'gzip'.padStart(10)}   EWC list inside`);
console.log(row('framework (every page)', measure(framework)));
console.log(row(`${route} page + layouts`, target.own));
console.log(row(`${baselineRoute} page + layouts`, baseline.own));
console.log(row(`${route} total`, target.total));
console.log(row(`${baselineRoute} total`, baseline.total));
console.log(
  `${route} ÷ ${baselineRoute}, gzip: total ${(target.total.gzip / baseline.total.gzip).toFixed(2)}×, page + layouts ${(target.own.gzip / baseline.own.gzip).toFixed(2)}×`,
);
if (target.total.hasEwcList) fail(`The bundled EWC list is in ${route}'s JavaScript: a client module imports lib/reference-data/catalogue (use ./lookups).`);
