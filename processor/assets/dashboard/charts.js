// Inline SVG charts: status sparklines, line charts over windows, the reliability diagram.
import { s, tip } from './dom.js';
import { clock, has, num, pct, stateLabel } from './format.js';

/**
 * Evidence of drift relative to the threshold that was applied: 1 means "at the threshold",
 * above 1 means past it. For tests with a p-value the threshold applies to the p-value, so the
 * level is log(p)/log(threshold); for distances it is score/threshold.
 */
export function driftLevel(point) {
  if (!point) return null;
  const threshold = point.thresholdEffective;
  if (has(point.pValue) && has(threshold) && threshold > 0 && threshold < 1) {
    if (point.pValue <= 0) return 2;
    return Math.log(point.pValue) / Math.log(threshold);
  }
  if (has(point.score) && has(threshold) && threshold > 0) return point.score / threshold;
  return null;
}

/**
 * A sparkline of drift decisions: one bar per window, height = evidence relative to the
 * threshold (dashed line), colour = status. Empty windows show a dot.
 */
export function driftSparkline(history, windows, describe) {
  const barWidth = 7;
  const gap = 3;
  const height = 30;
  const top = 3;
  const width = history.length * (barWidth + gap) + gap;
  const scale = (level) => Math.min(height - top, (Math.min(level, 2) / 2) * (height - top));
  const svg = s('svg', {
    class: 'sparkline',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': 'drift over recent windows',
  });
  const thresholdY = height - scale(1);
  svg.append(s('line', { class: 'threshold', x1: 0, x2: width, y1: thresholdY, y2: thresholdY }));
  history.forEach((point, index) => {
    const x = gap + index * (barWidth + gap);
    const when = windows[index] ? clock(windows[index].endUnixMillis) : '';
    if (!point) {
      svg.append(
        s(
          'circle',
          { class: 'none', cx: x + barWidth / 2, cy: height - 2, r: 1.5 },
          tip(`${when}: not evaluated`),
        ),
      );
      return;
    }
    const level = driftLevel(point);
    const barHeight = level === null ? 3 : Math.max(2, scale(level));
    svg.append(
      s(
        'rect',
        {
          class: `bar status-${point.status}`,
          x,
          y: height - barHeight,
          width: barWidth,
          height: barHeight,
          rx: 1.5,
        },
        tip(describe(point, when)),
      ),
    );
  });
  return svg;
}

/**
 * A round step for about four intervals over [min, max]: 1, 2 or 5 × 10^k (whole numbers at
 * least 1 for counts), so grid labels read 0/50/100/150 rather than 0/63/125/188.
 */
export function axisStep(min, max, integer) {
  const raw = (max - min || 1) / 4;
  const exp = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * exp).find((candidate) => raw <= candidate * (1 + 1e-9));
  return integer ? Math.max(1, Math.round(step)) : step;
}

/** The multiples of `step` within [min, max], without floating-point dust. */
export function axisTicks(min, max, step) {
  const ticks = [];
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k += 1) {
    ticks.push(Number((k * step).toFixed(digits)));
  }
  return ticks;
}

/**
 * A line chart over the history windows. series: [{ name, className, values, format }].
 * options: { yMin, yMax, height, format, area }.
 */
export function lineChart(windows, series, options = {}) {
  const width = 560;
  const height = options.height ?? 180;
  const pad = { left: 44, right: 12, top: 12, bottom: 24 };
  const all = series.flatMap((item) => item.values.filter(has));
  const low = options.yMin ?? Math.min(0, ...all);
  // Counts get at least 4 so the grid labels are distinct whole numbers.
  let high = options.yMax ?? Math.max(...all, options.integer ? 4 : 0);
  if (!(high > low)) high = low + 1;
  const step = axisStep(low, high, options.integer);
  const yMin = options.yMin ?? Math.floor(low / step + 1e-9) * step;
  const yMax = options.yMax ?? Math.ceil(high / step - 1e-9) * step;
  const fmt = options.format ?? num;
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const n = Math.max(windows.length, 1);
  const x = (i) => pad.left + (n === 1 ? innerW / 2 : (i / (n - 1)) * innerW);
  const y = (v) => pad.top + innerH - ((v - yMin) / (yMax - yMin || 1)) * innerH;
  const svg = s('svg', {
    class: 'chart',
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': options.label ?? 'chart',
  });
  for (const v of axisTicks(yMin, yMax, step)) {
    svg.append(
      s('line', { class: 'grid', x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v) }),
      s('text', { class: 'axis', x: pad.left - 6, y: y(v) + 3.5, 'text-anchor': 'end' }, fmt(v)),
    );
  }
  // Time labels: evenly spaced, the last one always shown (right-aligned so it is not clipped),
  // and a regular one dropped when it would collide with it.
  const labelEvery = Math.max(1, Math.ceil(n / 5));
  windows.forEach((w, i) => {
    const last = i === n - 1;
    if (!last && (i % labelEvery !== 0 || n - 1 - i < labelEvery * 0.75)) return;
    const anchor = last && n > 1 ? 'end' : i === 0 && n > 1 ? 'start' : 'middle';
    svg.append(
      s(
        'text',
        { class: 'axis', x: x(i), y: height - 6, 'text-anchor': anchor },
        clock(w.endUnixMillis),
      ),
    );
  });
  for (const item of series) {
    let path = '';
    let area = '';
    let open = false;
    let segmentStart = 0;
    item.values.forEach((v, i) => {
      if (!has(v)) {
        if (open && options.area) area += `L${x(i - 1)},${y(yMin)}L${x(segmentStart)},${y(yMin)}Z`;
        open = false;
        return;
      }
      path += `${open ? 'L' : 'M'}${x(i)},${y(v)}`;
      if (options.area) area += `${open ? 'L' : 'M'}${x(i)},${y(v)}`;
      if (!open) segmentStart = i;
      open = true;
    });
    if (open && options.area)
      area += `L${x(item.values.length - 1)},${y(yMin)}L${x(segmentStart)},${y(yMin)}Z`;
    if (options.area && area) svg.append(s('path', { class: `area ${item.className}`, d: area }));
    svg.append(s('path', { class: `line ${item.className}`, d: path }));
    item.values.forEach((v, i) => {
      if (!has(v)) return;
      svg.append(
        s(
          'circle',
          { class: `dot ${item.className}`, cx: x(i), cy: y(v), r: 2.6 },
          tip(
            `${item.name} ${(item.format ?? fmt)(v)} · window ending ${clock(windows[i].endUnixMillis)}`,
          ),
        ),
      );
    });
  }
  if (options.reference !== undefined) {
    const ry = y(options.reference.value);
    svg.append(
      s('line', { class: 'reference', x1: pad.left, x2: width - pad.right, y1: ry, y2: ry }),
      s(
        'text',
        {
          class: 'axis reference-label',
          x: width - pad.right - 2,
          y: ry - 4,
          'text-anchor': 'end',
        },
        options.reference.label,
      ),
    );
  }
  return svg;
}

/**
 * The reliability diagram: observed positive share against mean score per bin, the diagonal of
 * perfect calibration, the gap shaded, and the bin counts as a histogram along the bottom.
 */
export function reliabilityDiagram(bins, describeBin) {
  const size = 300;
  const pad = { left: 40, right: 12, top: 12, bottom: 34 };
  const inner = size - pad.left - pad.right;
  const plotH = size - pad.top - pad.bottom;
  const x = (v) => pad.left + v * inner;
  const y = (v) => pad.top + plotH - v * plotH;
  const svg = s('svg', {
    class: 'chart reliability',
    viewBox: `0 0 ${size} ${size}`,
    role: 'img',
    'aria-label': 'reliability diagram',
  });
  for (let t = 0; t <= 5; t += 1) {
    const v = t / 5;
    svg.append(
      s('line', { class: 'grid', x1: x(0), x2: x(1), y1: y(v), y2: y(v) }),
      s('line', { class: 'grid', x1: x(v), x2: x(v), y1: y(0), y2: y(1) }),
      s(
        'text',
        { class: 'axis', x: pad.left - 6, y: y(v) + 3.5, 'text-anchor': 'end' },
        v.toFixed(1),
      ),
      s('text', { class: 'axis', x: x(v), y: y(0) + 14, 'text-anchor': 'middle' }, v.toFixed(1)),
    );
  }
  svg.append(
    s(
      'text',
      { class: 'axis-title', x: x(0.5), y: size - 4, 'text-anchor': 'middle' },
      'mean predicted score',
    ),
    s(
      'text',
      {
        class: 'axis-title',
        x: 11,
        y: y(0.5),
        'text-anchor': 'middle',
        transform: `rotate(-90 11 ${y(0.5)})`,
      },
      'observed positive share',
    ),
  );
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const histH = plotH * 0.22;
  bins.forEach((bin, i) => {
    const lower = i === 0 ? 0 : bins[i - 1].upperEdge;
    const barH = (bin.count / maxCount) * histH;
    svg.append(
      s(
        'rect',
        {
          class: 'hist',
          x: x(lower) + 1,
          y: y(0) - barH,
          width: Math.max(1, x(bin.upperEdge) - x(lower) - 2),
          height: barH,
        },
        tip(`${describeBin(bin)}`),
      ),
    );
  });
  svg.append(s('line', { class: 'diagonal', x1: x(0), y1: y(0), x2: x(1), y2: y(1) }));
  const filled = bins.filter((b) => b.count > 0 && has(b.meanConfidence) && has(b.accuracy));
  for (const bin of filled) {
    svg.append(
      s('line', {
        class: 'gap',
        x1: x(bin.meanConfidence),
        x2: x(bin.meanConfidence),
        y1: y(bin.meanConfidence),
        y2: y(bin.accuracy),
      }),
    );
  }
  if (filled.length > 0) {
    svg.append(
      s('path', {
        class: 'line observed',
        d: filled.map((b, i) => `${i ? 'L' : 'M'}${x(b.meanConfidence)},${y(b.accuracy)}`).join(''),
      }),
    );
  }
  for (const bin of filled) {
    svg.append(
      s(
        'circle',
        { class: 'dot observed', cx: x(bin.meanConfidence), cy: y(bin.accuracy), r: 3.6 },
        tip(
          `${describeBin(bin)}\nmean score ${num(bin.meanConfidence)} · positive share ${pct(bin.accuracy)}`,
        ),
      ),
    );
  }
  return svg;
}

/** A small inline status pill for a drift/alert state. */
export function statusClass(state) {
  return `status-${state}`;
}

export { stateLabel };
