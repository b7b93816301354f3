// How long one EWC search takes per keystroke in the EWC codes field, against a naive baseline run in
// the same process: Array.filter over every description with includes(), lower-casing as it goes.
// Run: node --import tsx bench/ewc-search.ts [runs per query, default 2000]
import { performance } from 'node:perf_hooks';
import { SHOWN_OPTIONS } from '../components/ewc-codes-field-logic';
import { bundledReferenceData, createLookups } from '../lib/reference-data/catalogue';

const QUERIES = ['17 05', '170504', 'soil', 'mixed municipal', 'wood', 'oil', 'asbestos', 'plastic packaging', 'p', 'xylophone'];
const runs = Number(process.argv[2] ?? 2000);
const warmUpRuns = 1000;

const lookups = createLookups(bundledReferenceData);
const entries = bundledReferenceData.ewcCodes;

function naiveSearch(query: string) {
  const needle = query.trim().toLowerCase();
  return entries.filter((entry) => entry.description.toLowerCase().includes(needle));
}

/** Median and 95th percentile of one call, in microseconds. */
function time(search: (query: string) => unknown[], query: string): { median: number; p95: number; results: number } {
  let results = 0;
  for (let i = 0; i < warmUpRuns; i++) results = search(query).length;
  const samples = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    search(query);
    samples[i] = (performance.now() - start) * 1000;
  }
  samples.sort();
  return { median: samples[Math.floor(runs / 2)]!, p95: samples[Math.floor(runs * 0.95)]!, results };
}

const fieldSearch = (query: string) => lookups.searchEwc(query, SHOWN_OPTIONS + 1);
const fullSearch = (query: string) => lookups.searchEwc(query, Number.POSITIVE_INFINITY);

const us = (value: number) => value.toFixed(1).padStart(8);
console.log(`EWC search over ${entries.length} codes, ${runs} runs per query after ${warmUpRuns} warm-up runs (Node ${process.version})`);
console.log('times in µs per search: median / p95');
console.log(`${'query'.padEnd(20)}${'field (≤21)'.padStart(22)}${'all matches'.padStart(22)}${'naive filter'.padStart(22)}${'field ÷ naive'.padStart(15)}`);
let worstP95 = 0;
for (const query of QUERIES) {
  const field = time(fieldSearch, query);
  const full = time(fullSearch, query);
  const naive = time(naiveSearch, query);
  worstP95 = Math.max(worstP95, field.p95, full.p95);
  console.log(
    `${JSON.stringify(query).padEnd(20)}` +
      `${us(field.median)} /${us(field.p95)} (${String(field.results).padStart(2)})` +
      `${us(full.median)} /${us(full.p95)} (${String(full.results).padStart(3)})`.padStart(22) +
      `${us(naive.median)} /${us(naive.p95)}`.padStart(22) +
      `${(field.median / naive.median).toFixed(2).padStart(14)}×`,
  );
}
console.log(`worst p95 of any search: ${worstP95.toFixed(1)} µs (a frame at 60 Hz is 16 667 µs)`);
