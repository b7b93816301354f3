// The manager's charts as plain inline SVG (no chart library): tonnes received per week by EWC chapter
// (stacked bars) and loads by status (labelled bars). Each chart is one image with a text alternative;
// the key names each series and shows its pattern as well as its colour; the figures are in a table.
import Link from 'next/link';
import type { RecordCharts } from '@/lib/records/service';
import { recordStatusLabels } from '@/lib/records/schema';
import { chapterLabel, formatCount, formatShortDate, formatTonnes, formatUkDate } from './format';

/** Colours with at least 3:1 against white (WCAG 1.4.11); segments are also told apart by pattern. */
const SERIES_COLOURS = ['#12624b', '#1d4ed8', '#b45309', '#7e22ce', '#be123c', '#334155'];
const MAX_SERIES = SERIES_COLOURS.length;

function Pattern({ id, index }: { id: string; index: number }) {
  const colour = SERIES_COLOURS[index % MAX_SERIES]!;
  const white = { stroke: '#fff', strokeWidth: 1.5 };
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="8" height="8">
      <rect width="8" height="8" fill={colour} />
      {index === 1 && <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" {...white} />}
      {index === 2 && <circle cx="4" cy="4" r="1.5" fill="#fff" />}
      {index === 3 && <path d="M0,4 h8" {...white} />}
      {index === 4 && <path d="M0,0 l8,8 M8,0 l-8,8" {...white} strokeWidth={1} />}
      {index === 5 && <path d="M4,0 v8" {...white} />}
    </pattern>
  );
}

/** A round number at or above `max`, for the top of the axis. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

interface Series {
  label: string;
  tonnes: number[];
  total: number;
}

/** The largest chapters, then the rest together, so the key stays short. */
export function chartSeries(charts: RecordCharts): Series[] {
  const chapters = charts.tonnesByChapter;
  if (chapters.length <= MAX_SERIES) return chapters.map((c) => ({ label: chapterLabel(c.chapter), tonnes: c.tonnes, total: c.total }));
  const top = chapters.slice(0, MAX_SERIES - 1);
  const rest = chapters.slice(MAX_SERIES - 1);
  return [
    ...top.map((c) => ({ label: chapterLabel(c.chapter), tonnes: c.tonnes, total: c.total })),
    {
      label: `Other chapters (${rest.map((c) => c.chapter).join(', ')})`,
      tonnes: charts.weeks.map((_, i) => rest.reduce((sum, c) => sum + (c.tonnes[i] ?? 0), 0)),
      total: rest.reduce((sum, c) => sum + c.total, 0),
    },
  ];
}

function TonnesChart({ charts }: { charts: RecordCharts }) {
  const series = chartSeries(charts);
  const weekTotals = charts.weeks.map((_, i) => series.reduce((sum, s) => sum + (s.tonnes[i] ?? 0), 0));
  const total = weekTotals.reduce((a, b) => a + b, 0);
  const top = niceMax(Math.max(0, ...weekTotals));
  const [W, H, left, right, topPad, bottom] = [720, 280, 60, 10, 12, 44];
  const plotW = W - left - right;
  const plotH = H - topPad - bottom;
  const band = plotW / charts.weeks.length;
  const y = (t: number) => topPad + plotH - (t / top) * plotH;
  const busiest = weekTotals.indexOf(Math.max(...weekTotals));
  const description =
    total === 0
      ? `No tonnage recorded in the ${charts.weeks.length} weeks from ${formatUkDate(charts.weeks[0]!)}.`
      : `${formatTonnes(total)} tonnes received in the ${charts.weeks.length} weeks from the week of ${formatUkDate(charts.weeks[0]!)}. ` +
        `The busiest week was that of ${formatUkDate(charts.weeks[busiest]!)}, with ${formatTonnes(weekTotals[busiest]!)} tonnes. ` +
        `By chapter: ${series.map((s) => `${s.label}, ${formatTonnes(s.total)} tonnes`).join('; ')}.`;
  return (
    <figure className="mb-6">
      <h3 className="mb-2 text-lg font-bold" id="chart-tonnes-title">
        Tonnes received per week, by EWC chapter
      </h3>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-tonnes-title chart-tonnes-desc" className="h-auto w-full max-w-3xl">
        <desc id="chart-tonnes-desc">{description}</desc>
        <defs>
          {series.map((_, i) => (
            <Pattern key={i} id={`chart-tonnes-pattern-${i}`} index={i} />
          ))}
        </defs>
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <g key={f}>
            <line x1={left} x2={W - right} y1={y(top * f)} y2={y(top * f)} stroke={f === 0 ? '#334155' : '#cbd5e1'} />
            <text x={left - 6} y={y(top * f) + 4} textAnchor="end" fontSize="12" fill="#334155">
              {formatTonnes(top * f)}
            </text>
          </g>
        ))}
        <text x={14} y={topPad + plotH / 2} fontSize="12" fill="#334155" textAnchor="middle" transform={`rotate(-90 14 ${topPad + plotH / 2})`}>
          Tonnes
        </text>
        {charts.weeks.map((week, i) => {
          let base = 0;
          const x = left + i * band + band * 0.15;
          return (
            <g key={week}>
              {series.map((s, si) => {
                const t = s.tonnes[i] ?? 0;
                if (t <= 0) return null;
                const rect = (
                  <rect
                    key={si}
                    x={x}
                    width={band * 0.7}
                    y={y(base + t)}
                    height={Math.max(0, y(base) - y(base + t))}
                    fill={`url(#chart-tonnes-pattern-${si})`}
                    stroke="#fff"
                    strokeWidth={1}
                  />
                );
                base += t;
                return rect;
              })}
              {i % 2 === charts.weeks.length % 2 && (
                <text x={x + band * 0.35} y={H - bottom + 18} fontSize="12" fill="#334155" textAnchor="middle">
                  {formatShortDate(week)}
                </text>
              )}
            </g>
          );
        })}
        <text x={left + plotW / 2} y={H - 6} fontSize="12" fill="#334155" textAnchor="middle">
          Week beginning (Monday)
        </text>
      </svg>
      {series.length > 0 && (
        <figcaption className="mt-2">
          <p className="font-semibold">Key, from the bottom of each bar:</p>
          <ul className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
            {series.map((s, i) => (
              <li key={s.label} className="flex items-center gap-2">
                <svg width="28" height="16" aria-hidden="true" focusable="false">
                  <rect width="28" height="16" fill={`url(#chart-tonnes-pattern-${i})`} stroke="#334155" />
                </svg>
                {s.label}
              </li>
            ))}
          </ul>
        </figcaption>
      )}
      <details className="mt-3">
        <summary className="cursor-pointer font-semibold text-brand-700 underline">Show the figures: tonnes per week</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="border-collapse bg-white text-left text-sm">
            <caption className="sr-only">Tonnes received per week by EWC chapter</caption>
            <thead>
              <tr className="border-b-2 border-slate-700">
                <th scope="col" className="p-2">
                  Week beginning
                </th>
                {series.map((s) => (
                  <th key={s.label} scope="col" className="p-2 text-right">
                    {s.label}
                  </th>
                ))}
                <th scope="col" className="p-2 text-right">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {charts.weeks.map((week, i) => (
                <tr key={week} className="border-b border-slate-300">
                  <th scope="row" className="p-2 font-normal whitespace-nowrap">
                    {formatUkDate(week)}
                  </th>
                  {series.map((s) => (
                    <td key={s.label} className="p-2 text-right">
                      {formatTonnes(s.tonnes[i] ?? 0)}
                    </td>
                  ))}
                  <td className="p-2 text-right font-semibold">{formatTonnes(weekTotals[i]!)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function StatusChart({ charts }: { charts: RecordCharts }) {
  const rows = charts.loadsByStatus;
  const max = Math.max(1, ...rows.map((r) => r.loads));
  const [W, rowH, labelW, valueW] = [720, 30, 170, 80];
  const H = rows.length * rowH + 8;
  const barW = W - labelW - valueW;
  return (
    <figure>
      <h3 className="mb-2 text-lg font-bold" id="chart-status-title">
        Loads by status
      </h3>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-status-title chart-status-desc" className="h-auto w-full max-w-3xl">
        <desc id="chart-status-desc">{rows.map((r) => `${recordStatusLabels[r.status]}: ${formatCount(r.loads)}`).join('; ')}.</desc>
        {rows.map((r, i) => (
          <g key={r.status} transform={`translate(0 ${i * rowH + 4})`}>
            <text x={labelW - 8} y={rowH / 2 + 4} fontSize="13" fill="#1e293b" textAnchor="end">
              {recordStatusLabels[r.status]}
            </text>
            <rect x={labelW} y={4} height={rowH - 10} width={r.loads > 0 ? Math.max(2, (r.loads / max) * (barW - 10)) : 0} fill="#12624b" />
            <text x={labelW + (r.loads / max) * (barW - 10) + 6} y={rowH / 2 + 4} fontSize="13" fill="#1e293b">
              {formatCount(r.loads)}
            </text>
          </g>
        ))}
      </svg>
      <details className="mt-3">
        <summary className="cursor-pointer font-semibold text-brand-700 underline">Show the figures: loads by status</summary>
        <table className="mt-2 border-collapse bg-white text-left text-sm">
          <caption className="sr-only">Loads by status, all time</caption>
          <thead>
            <tr className="border-b-2 border-slate-700">
              <th scope="col" className="p-2">
                Status
              </th>
              <th scope="col" className="p-2 text-right">
                Loads
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.status} className="border-b border-slate-300">
                <th scope="row" className="p-2 font-normal">
                  <Link href={`/loads?status=${r.status}`} className="text-brand-700 underline">
                    {recordStatusLabels[r.status]}
                  </Link>
                </th>
                <td className="p-2 text-right">{formatCount(r.loads)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export function RecordChartsView({ charts }: { charts: RecordCharts }) {
  return (
    <>
      <p className="mb-4 text-slate-700">
        Weights are each waste item’s, by the chapter of its first EWC code; drafts are left out. Weeks are UK weeks, Monday to Sunday.
      </p>
      <TonnesChart charts={charts} />
      <StatusChart charts={charts} />
    </>
  );
}
