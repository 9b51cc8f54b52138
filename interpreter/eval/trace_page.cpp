// The trace page (trace_page.h). The script draws, for the visible time range: a lane per
// P with the goroutine that ran on it; below, a lane per goroutine (the first kMaxLanes)
// with when it ran, waited to run, or was blocked; arrows for channel hand-offs. What is
// narrower than a pixel is merged into one pixel of its lane, so that a trace of any size
// draws in one pass over what is visible. Wheel: zoom at the pointer; drag: pan;
// double-click: everything; hover: what is under the pointer.
#include "interpreter/eval/trace_page.h"

namespace gol::eval {

std::string tracePage() {
  return R"PAGE(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Gol trace</title>
<style>
body { font: 13px system-ui, sans-serif; margin: 0; color: #222; }
header { padding: 8px 12px; border-bottom: 1px solid #ddd; }
h1 { font-size: 15px; margin: 0 0 4px 0; }
.legend span { display: inline-block; margin-right: 14px; }
.swatch { display: inline-block; width: 12px; height: 10px; margin-right: 4px;
          vertical-align: middle; border: 1px solid #0002; }
#tip { position: fixed; pointer-events: none; background: #fffff0; border: 1px solid #999;
       padding: 3px 6px; display: none; white-space: pre; font-size: 12px; }
canvas { display: block; cursor: grab; }
</style>
</head>
<body>
<header>
<h1 id="title">Gol trace</h1>
<div class="legend">
<span><i class="swatch" style="background:hsl(200,60%,55%)"></i>running (a colour per goroutine)</span>
<span><i class="swatch" style="background:#d9d9d9"></i>runnable, waiting for a P</span>
<span><i class="swatch" style="background:#f0a35e"></i>blocked (channel, lock, sleep...)</span>
<span><i class="swatch" style="background:#888"></i>too short to show: merged</span>
<span>&#8595; channel hand-off</span>
<span>wheel: zoom &middot; drag: pan &middot; double-click: all</span>
</div>
<div id="summary"></div>
</header>
<canvas id="c"></canvas>
<div id="tip"></div>
<script>
const DATA = /*TRACE_DATA*/;
const kMaxLanes = 400 /* as trace_export.cpp's kPageLanes */, kPLane = 26, kGLane = 14, kAxis = 22, kGap = 16, kLabel = 150;
const canvas = document.getElementById('c'), ctx = canvas.getContext('2d');
const tip = document.getElementById('tip');
document.getElementById('title').textContent = 'Gol trace of ' + DATA.file;
const gIndex = new Map();  // goroutine id -> lane
DATA.goroutines.forEach((g, i) => gIndex.set(g[0], i));
const lanes = Math.min(DATA.goroutines.length, kMaxLanes);
document.getElementById('summary').textContent =
    DATA.procs + (DATA.procs == 1 ? ' P, ' : ' Ps, ') + DATA.totalGoroutines +
    ' goroutines, ' + fmt(DATA.end) +
    (DATA.totalGoroutines > lanes ? '; the lanes show the first ' + lanes +
     ' goroutines (the JSON file has them all)' : '');
// Per P and per goroutine lane, its pieces in time order.
const pSlices = Array.from({length: DATA.procs}, () => []);
for (const s of DATA.slices) pSlices[s[0]].push(s);
const gIntervals = Array.from({length: lanes}, () => []);
for (const iv of DATA.intervals) {
  const lane = gIndex.get(iv[0]);
  if (lane < lanes) gIntervals[lane].push(iv);
}
for (const l of pSlices) l.sort((a, b) => a[2] - b[2]);
for (const l of gIntervals) l.sort((a, b) => a[2] - b[2]);
let t0 = 0, t1 = Math.max(DATA.end, 1);

function fmt(ns) {
  if (ns < 1e3) return ns.toFixed(0) + 'ns';
  if (ns < 1e6) return (ns / 1e3).toFixed(1) + 'µs';
  if (ns < 1e9) return (ns / 1e6).toFixed(2) + 'ms';
  return (ns / 1e9).toFixed(3) + 's';
}
function colour(g) { return 'hsl(' + ((g * 47) % 360) + ',60%,55%)'; }
function pTop(p) { return kAxis + p * kPLane; }
function gTop(lane) { return kAxis + DATA.procs * kPLane + kGap + lane * kGLane; }
function width() { return canvas.clientWidth - kLabel; }
function x(t) { return kLabel + (t - t0) / (t1 - t0) * width(); }
function timeAt(px) { return t0 + (px - kLabel) / width() * (t1 - t0); }

function resize() {
  const dpr = window.devicePixelRatio || 1;
  const h = gTop(lanes) + 10;
  canvas.style.width = '100%';
  canvas.style.height = h + 'px';
  canvas.width = canvas.clientWidth * dpr;
  canvas.height = h * dpr;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  draw();
}

// Draws the pieces of one lane; pieces under a pixel wide are merged into grey pixels.
function drawLane(pieces, top, height, fill) {
  let merged = -1;
  for (const p of pieces) {
    if (p[3] < t0 || p[2] > t1) continue;
    const a = Math.max(x(p[2]), kLabel), b = Math.min(x(p[3]), kLabel + width());
    if (b - a < 1) {
      const px = Math.floor(a);
      if (px != merged) {
        ctx.fillStyle = '#888';
        ctx.fillRect(px, top, 1, height);
        merged = px;
      }
      continue;
    }
    ctx.fillStyle = fill(p);
    ctx.fillRect(a, top, b - a, height);
  }
}

function draw() {
  const w = canvas.clientWidth, h = gTop(lanes) + 10;
  ctx.clearRect(0, 0, w, h);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  // Time axis.
  ctx.fillStyle = '#555';
  const step = Math.pow(10, Math.floor(Math.log10((t1 - t0) / 8)));
  const ticks = (t1 - t0) / step > 16 ? step * 5 : (t1 - t0) / step > 8 ? step * 2 : step;
  for (let t = Math.ceil(t0 / ticks) * ticks; t <= t1; t += ticks) {
    ctx.fillRect(x(t), kAxis - 6, 1, 6);
    ctx.fillText(fmt(t), x(t) + 2, 8);
  }
  // P lanes.
  for (let p = 0; p < DATA.procs; p++) {
    ctx.fillStyle = '#f4f4f4';
    ctx.fillRect(kLabel, pTop(p) + 2, width(), kPLane - 4);
    ctx.fillStyle = '#222';
    ctx.fillText('P' + p, 6, pTop(p) + kPLane / 2);
    drawLane(pSlices[p], pTop(p) + 2, kPLane - 4, s => s[1] == 0 ? '#888' : colour(s[1]));
    ctx.fillStyle = '#000';
    for (const s of pSlices[p]) {
      if (s[1] == 0 || s[3] < t0 || s[2] > t1 || x(s[3]) - x(s[2]) < 28) continue;
      ctx.fillText('G' + s[1], Math.max(x(s[2]), kLabel) + 3, pTop(p) + kPLane / 2);
    }
  }
  // Goroutine lanes.
  for (let lane = 0; lane < lanes; lane++) {
    const g = DATA.goroutines[lane], top = gTop(lane);
    ctx.fillStyle = '#222';
    ctx.fillText(g[3].length > 24 ? g[3].slice(0, 23) + '…' : g[3], 6, top + kGLane / 2);
    drawLane(gIntervals[lane], top + 2, kGLane - 4,
             iv => iv[1] == 0 ? colour(iv[0]) : iv[1] == 1 ? '#d9d9d9' : iv[1] == 2 ? '#f0a35e' : '#888');
  }
  // Hand-offs: an arrow from the waking goroutine's lane to the woken one's.
  ctx.strokeStyle = '#333';
  ctx.fillStyle = '#333';
  const lastArrow = new Map();  // at most one arrow every 4 pixels between two lanes
  for (const f of DATA.flows) {
    if (f[2] < t0 || f[2] > t1) continue;
    const a = gIndex.get(f[0]), b = gIndex.get(f[1]);
    if (a === undefined || b === undefined || a >= lanes || b >= lanes) continue;
    const px = x(f[2]), y0 = gTop(a) + kGLane / 2, y1 = gTop(b) + kGLane / 2;
    const pair = a * 100000 + b, last = lastArrow.get(pair);
    if (last !== undefined && px - last < 4) continue;
    lastArrow.set(pair, px);
    ctx.beginPath();
    ctx.moveTo(px, y0);
    ctx.lineTo(px, y1);
    ctx.stroke();
    const d = y1 > y0 ? -4 : 4;
    ctx.beginPath();
    ctx.moveTo(px, y1);
    ctx.lineTo(px - 3, y1 + d);
    ctx.lineTo(px + 3, y1 + d);
    ctx.fill();
  }
}

// What is under the pointer, as text.
function describe(px, py) {
  const t = timeAt(px);
  const find = pieces => pieces.find(p => p[2] <= t && t <= p[3]);
  for (let p = 0; p < DATA.procs; p++) {
    if (py >= pTop(p) && py < pTop(p) + kPLane) {
      const s = find(pSlices[p]);
      if (!s) return 'P' + p + ' idle at ' + fmt(t);
      return (s[1] == 0 ? 'P' + p + ' ran many goroutines briefly (the JSON has each)'
                        : 'P' + p + ' runs G' + s[1]) +
             '\n' + fmt(s[2]) + ' to ' + fmt(s[3]) + ' (' + fmt(s[3] - s[2]) + ')';
    }
  }
  for (let lane = 0; lane < lanes; lane++) {
    if (py >= gTop(lane) && py < gTop(lane) + kGLane) {
      const iv = find(gIntervals[lane]);
      const g = DATA.goroutines[lane];
      return g[3] + '\n' + (iv ? iv[4] + ', ' + fmt(iv[2]) + ' to ' + fmt(iv[3]) +
                                     ' (' + fmt(iv[3] - iv[2]) + ')'
                               : (g[2] >= 0 && t > g[2] ? 'ended at ' + fmt(g[2])
                                                          : 'not started at ' + fmt(t)));
    }
  }
  return '';
}

let dragging = null;
canvas.addEventListener('wheel', e => {
  e.preventDefault();
  const at = timeAt(e.offsetX), k = e.deltaY > 0 ? 1.25 : 0.8;
  const span = Math.max((t1 - t0) * k, 1000);
  t0 = Math.max(0, at - (at - t0) / (t1 - t0) * span);
  t1 = t0 + span;
  draw();
}, {passive: false});
canvas.addEventListener('mousedown', e => { dragging = {x: e.clientX, t0, t1}; });
window.addEventListener('mouseup', () => { dragging = null; });
canvas.addEventListener('mousemove', e => {
  if (dragging) {
    const dt = (e.clientX - dragging.x) / width() * (dragging.t1 - dragging.t0);
    t0 = dragging.t0 - dt;
    t1 = dragging.t1 - dt;
    draw();
  }
  const text = describe(e.offsetX, e.offsetY);
  tip.style.display = text ? 'block' : 'none';
  tip.textContent = text;
  tip.style.left = (e.clientX + 12) + 'px';
  tip.style.top = (e.clientY + 12) + 'px';
});
canvas.addEventListener('mouseleave', () => { tip.style.display = 'none'; });
canvas.addEventListener('dblclick', () => { t0 = 0; t1 = Math.max(DATA.end, 1); draw(); });
window.addEventListener('resize', resize);
resize();
document.body.dataset.drawn = 'yes';  // (the tests look for it: the script ran to the end)
</script>
</body>
</html>
)PAGE";
}

}  // namespace gol::eval
