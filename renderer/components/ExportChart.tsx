// Exports per day and how they ended, as a stacked bar chart in plain SVG (colours from CSS).
import type { ExportStatus, ExportSummary } from '../../preload/api';

type Outcome = 'delivered' | 'waiting' | 'failed';
const OUTCOMES: Outcome[] = ['delivered', 'waiting', 'failed'];
const OUTCOME_LABELS: Record<Outcome, string> = { delivered: 'Acknowledged', waiting: 'Pending or accepted', failed: 'Failed' };

function outcomeOf(status: ExportStatus): Outcome {
  if (status === 'acknowledged') return 'delivered';
  if (status === 'pending' || status === 'accepted') return 'waiting';
  return 'failed';
}

const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const dayLabel = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' });

interface Day {
  key: string;
  counts: Record<Outcome, number>;
}

/** The last `days` days up to the newest export, each with its counts by outcome. */
export function bucketByDay(exports: ExportSummary[], days = 30): Day[] {
  const byDay = new Map<string, Record<Outcome, number>>();
  let newest = 0;
  for (const e of exports) {
    const t = Date.parse(e.createdAt);
    if (Number.isNaN(t)) continue;
    newest = Math.max(newest, t);
    const key = dayKey.format(t);
    const counts = byDay.get(key) ?? { delivered: 0, waiting: 0, failed: 0 };
    counts[outcomeOf(e.status)] += 1;
    byDay.set(key, counts);
  }
  if (!newest) return [];
  const end = Date.parse(`${dayKey.format(newest)}T12:00:00Z`);
  const result: Day[] = [];
  for (let i = days - 1; i >= 0; i -= 1) {
    const key = new Date(end - i * 86_400_000).toISOString().slice(0, 10);
    result.push({ key, counts: byDay.get(key) ?? { delivered: 0, waiting: 0, failed: 0 } });
  }
  return result;
}

const WIDTH = 720;
const HEIGHT = 200;
const PAD = { left: 32, right: 8, top: 10, bottom: 28 };

export function ExportChart({ exports }: { exports: ExportSummary[] }) {
  const days = bucketByDay(exports);
  if (days.length === 0) return null;
  const max = Math.max(1, ...days.map((d) => d.counts.delivered + d.counts.waiting + d.counts.failed));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / days.length;
  const barW = Math.max(2, slot * 0.7);
  const y = (n: number) => (n / max) * plotH;
  const totals = OUTCOMES.map((o) => `${days.reduce((sum, d) => sum + d.counts[o], 0)} ${OUTCOME_LABELS[o].toLowerCase()}`);
  const summary =
    `Exports over the ${days.length} days to ${dayLabel.format(Date.parse(`${days.at(-1)!.key}T12:00:00Z`))}: ` + `${totals.join(', ')}.`;

  return (
    <figure className="app-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} className="app-chart__svg">
        <line x1={PAD.left} y1={PAD.top + plotH} x2={WIDTH - PAD.right} y2={PAD.top + plotH} className="app-chart__axis" />
        <text x={PAD.left - 6} y={PAD.top + 4} className="app-chart__label" textAnchor="end">
          {max}
        </text>
        <text x={PAD.left - 6} y={PAD.top + plotH} className="app-chart__label" textAnchor="end">
          0
        </text>
        {days.map((day, i) => {
          const x = PAD.left + i * slot + (slot - barW) / 2;
          let base = PAD.top + plotH;
          return (
            <g key={day.key}>
              <title>
                {`${dayLabel.format(Date.parse(`${day.key}T12:00:00Z`))}: ` +
                  `${OUTCOMES.map((o) => `${day.counts[o]} ${OUTCOME_LABELS[o].toLowerCase()}`).join(', ')}`}
              </title>
              {OUTCOMES.map((o) => {
                const h = y(day.counts[o]);
                if (h <= 0) return null;
                base -= h;
                return <rect key={o} x={x} y={base} width={barW} height={h} className={`app-chart__bar app-chart__bar--${o}`} />;
              })}
              {i % 5 === days.length % 5 || i === days.length - 1 ? (
                <text x={x + barW / 2} y={HEIGHT - 8} className="app-chart__label" textAnchor="middle">
                  {dayLabel.format(Date.parse(`${day.key}T12:00:00Z`))}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="app-chart__legend">
        {OUTCOMES.map((o) => (
          <span key={o} className="app-chart__key">
            <svg viewBox="0 0 10 10" className="app-chart__swatch" aria-hidden="true">
              <rect width="10" height="10" className={`app-chart__bar app-chart__bar--${o}`} />
            </svg>
            {OUTCOME_LABELS[o]}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
