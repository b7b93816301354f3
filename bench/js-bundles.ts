// The JavaScript a browser downloads to open each page, gzipped, from the last production build
// (`npx next build`): the framework every page loads, and each page's own chunks (its page and layouts),
// measured exactly as bench/new-load-bundle.ts does for one route. Checks the targets of issue 13:
// /sign-in total ≤ 150 kB; /loads/new page + layouts ≤ 50 kB and total ≤ 180 kB.
//
// With --modules, also lists what is in them: the largest packages and source files in the client
// chunks of the routes named (default /sign-in and /loads/new), from Turbopack's analysis written by
// `npx next analyze -o --experimental-app-only` (.next/diagnostics/analyze/data). Those sizes are each
// part gzipped on its own, so they add up to more than the chunks do: read them as shares, not totals.
//
// Run: node --import tsx bench/js-bundles.ts [--modules] [--top 15] [routes…]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

const { values: args, positionals } = parseArgs({
  options: { modules: { type: 'boolean', default: false }, top: { type: 'string', default: '15' } },
  allowPositionals: true,
});
const root = path.resolve(import.meta.dirname, '..');
const buildDir = path.join(root, '.next');
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

if (!existsSync(path.join(buildDir, 'BUILD_ID'))) {
  process.stderr.write(`No production build in ${buildDir}. Run \`npx next build\` first.\n`);
  process.exit(1);
}
const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(buildDir, file), 'utf8')) as T;
const routesByEntry = readJson<Record<string, string>>('app-path-routes-manifest.json');
const framework = new Set(readJson<{ rootMainFiles: string[] }>('build-manifest.json').rootMainFiles);

function pageFiles(entry: string): string[] {
  const manifestFile = path.join(buildDir, 'server', 'app', `${entry}_client-reference-manifest.js`);
  if (!existsSync(manifestFile)) return [];
  const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } };
  vm.runInNewContext(readFileSync(manifestFile, 'utf8'), sandbox);
  return [...new Set(Object.values(sandbox.globalThis.__RSC_MANIFEST?.[entry]?.entryJSFiles ?? {}).flat())].filter((f) => !framework.has(f));
}

const gzipCache = new Map<string, number>();
const gzip = (files: Iterable<string>) => {
  let total = 0;
  for (const file of files) {
    if (!gzipCache.has(file)) gzipCache.set(file, gzipSync(readFileSync(path.join(buildDir, file))).length);
    total += gzipCache.get(file)!;
  }
  return total;
};

const frameworkGzip = gzip(framework);
const pages = Object.entries(routesByEntry)
  .filter(([entry]) => entry.endsWith('/page'))
  .map(([entry, route]) => ({ route, own: gzip(pageFiles(entry)) }))
  .sort((a, b) => a.route.localeCompare(b.route));

console.log(`Client JavaScript per page, gzip, build ${readFileSync(path.join(buildDir, 'BUILD_ID'), 'utf8').trim()}`);
console.log(`framework (every page): ${kB(frameworkGzip)}\n`);
console.log(`${'page'.padEnd(34)}${'page + layouts'.padStart(15)}${'total'.padStart(11)}`);
for (const p of pages) console.log(`${p.route.padEnd(34)}${kB(p.own).padStart(15)}${kB(frameworkGzip + p.own).padStart(11)}`);

const own = (route: string) => pages.find((p) => p.route === route)?.own ?? NaN;
const check = (label: string, value: number, limit: number) =>
  console.log(`  ${label.padEnd(34)} ${kB(value).padStart(9)}  (target ≤ ${limit} kB) ${value <= limit * 1024 ? 'met' : 'NOT MET'}`);
console.log('\nTargets');
check('/sign-in total', frameworkGzip + own('/sign-in'), 150);
check('/loads/new page + layouts', own('/loads/new'), 50);
check('/loads/new total', frameworkGzip + own('/loads/new'), 180);

if (args.modules) {
  const dataDir = path.join(buildDir, 'diagnostics', 'analyze', 'data');
  if (!existsSync(dataDir)) {
    process.stderr.write(`\nNo analysis in ${dataDir}: run \`npx next analyze -o --experimental-app-only\` for --modules.\n`);
    process.exit(1);
  }
  for (const route of positionals.length ? positionals : ['/sign-in', '/loads/new']) {
    const file = path.join(dataDir, route.replace(/^\//, ''), 'analyze.data');
    if (!existsSync(file)) {
      console.log(`\n${route}: no analysis (${file})`);
      continue;
    }
    // analyze.data: a 4-byte big-endian length, then a JSON header (what is read here), then binary tables.
    const bytes = readFileSync(file);
    const header = JSON.parse(bytes.subarray(4, 4 + bytes.readUInt32BE(0)).toString('utf8')) as {
      sources: { path: string; parent_source_index?: number | null }[];
      chunk_parts: { source_index: number; output_file_index: number; compressed_size: number }[];
      output_files: { filename: string }[];
    };
    const sourcePath = (i: number | null | undefined): string => {
      const parts: string[] = [];
      for (; i != null; i = header.sources[i]!.parent_source_index) parts.unshift(header.sources[i]!.path);
      return parts.join('/').replace(/\/+/g, '/');
    };
    const browser = (i: number) => header.output_files[i]!.filename.includes('/static/');
    const byPackage = new Map<string, number>();
    const bySource = new Map<string, number>();
    for (const part of header.chunk_parts) {
      if (!browser(part.output_file_index)) continue;
      const p = sourcePath(part.source_index);
      const pkg =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p)?.[1] ??
        p
          .replace(/^\/?\[project\]\//, '')
          .split('/')
          .slice(0, 2)
          .join('/');
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + part.compressed_size);
      bySource.set(p, (bySource.get(p) ?? 0) + part.compressed_size);
    }
    const top = (m: Map<string, number>) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, Number(args.top))
        .map(([k, v]) => `    ${kB(v).padStart(9)}  ${k}`)
        .join('\n');
    console.log(`\n${route}: largest packages (framework included; parts gzipped one by one)\n${top(byPackage)}`);
    console.log(`  largest source files\n${top(bySource)}`);
  }
}
