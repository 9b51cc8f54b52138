// The playground's page (page.h). The script keeps one run at a time: Run posts the
// editor's text, then fetches the output from where the last fetch ended every 150 ms
// until the run is done; then it shows the exit status and, if the run left one, its
// timeline below (the page of `gol run --trace`, in a frame). The page's id (random, per
// load) lets the server refuse a second run from the same page while one is going.
#include "interpreter/play/page.h"

namespace gol::play {

std::string playPage() {
  return R"PAGE(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Gol playground</title>
<link rel="stylesheet" href="/codemirror/codemirror.css">
<script src="/codemirror/codemirror.js"></script>
<script src="/codemirror/go.js"></script>
<style>
body { font: 14px system-ui, sans-serif; margin: 0; color: #222; }
header { display: flex; gap: 10px; align-items: center; padding: 8px 12px;
         border-bottom: 1px solid #ddd; background: #f6f8fa; flex-wrap: wrap; }
h1 { font-size: 16px; margin: 0 12px 0 0; }
button { font: inherit; padding: 3px 14px; }
#status { color: #555; }
.CodeMirror { height: 46vh; border-bottom: 1px solid #ddd; font-size: 13px; }
#output { margin: 0; padding: 8px 12px; min-height: 4em; max-height: 30vh; overflow: auto;
          background: #fcfcfc; border-bottom: 1px solid #ddd; font-size: 13px; }
#exit { color: #666; font-style: italic; }
#timeline { width: 100%; height: 70vh; border: 0; display: none; }
#notrace { padding: 8px 12px; color: #666; display: none; }
</style>
</head>
<body>
<header>
<h1>Gol playground</h1>
<label>Lesson <select id="lesson"><option value="">(your program)</option></select></label>
<label>MAXPROCS <select id="procs"><option>1</option><option selected>2</option>
<option>4</option><option>8</option></select></label>
<button id="run">Run</button>
<button id="stop" disabled>Stop</button>
<span id="status"></span>
</header>
<textarea id="source">package main

import "fmt"

func main() {
	fmt.Println("hello, world")
}
</textarea>
<pre id="output"></pre>
<div id="notrace">No timeline: the run left none.</div>
<iframe id="timeline" title="timeline of the run"></iframe>
<script>
const page = Math.random().toString(36).slice(2) + Date.now().toString(36);
const editor = CodeMirror.fromTextArea(document.getElementById('source'),
    {mode: 'go', lineNumbers: true, indentUnit: 4, indentWithTabs: true, tabSize: 4});
const $ = id => document.getElementById(id);
let runId = 0;

function setRunning(running) {
  $('run').disabled = running;
  $('stop').disabled = !running;
  $('status').textContent = running ? 'running…' : '';
}

function appendOutput(text, cls) {
  const span = document.createElement('span');
  if (cls) span.className = cls;
  span.textContent = text;
  $('output').appendChild(span);
  $('output').scrollTop = $('output').scrollHeight;
}

// A request's JSON answer; when the server does not answer (gol play was stopped), an
// error that says so, so that the page does not wait for ever.
async function request(url, options) {
  try {
    const r = await fetch(url, options);
    return await r.json();
  } catch (e) {
    return {error: 'The playground does not answer: was gol play stopped?'};
  }
}

async function poll(id, from) {
  const o = await request('/output?id=' + id + '&from=' + from);
  if (o.error) { appendOutput(o.error + '\n', 'exit'); setRunning(false); return; }
  if (o.text) appendOutput(o.text);
  if (!o.done) { setTimeout(() => poll(id, o.next), 150); return; }
  appendOutput('\n' + o.status + '\n', 'exit');
  setRunning(false);
  $('run').dataset.done = String(id);
  if (o.trace) {
    $('timeline').src = '/trace/' + id;
    $('timeline').style.display = 'block';
  } else {
    $('notrace').style.display = 'block';
  }
}

async function run() {
  $('output').textContent = '';
  $('timeline').style.display = 'none';
  $('timeline').removeAttribute('src');
  $('notrace').style.display = 'none';
  setRunning(true);
  const o = await request('/run?page=' + page + '&maxprocs=' + $('procs').value,
                          {method: 'POST', body: editor.getValue()});
  if (o.error) { appendOutput(o.error + '\n', 'exit'); setRunning(false); return; }
  runId = o.id;
  poll(o.id, 0);
}

$('run').onclick = run;
$('stop').onclick = () => request('/stop?id=' + runId, {method: 'POST'});
$('lesson').onchange = async () => {
  const name = $('lesson').value;
  if (!name) return;
  const r = await fetch('/lessons/' + name + '.gol');
  editor.setValue(await r.text());
};
fetch('/lessons').then(r => r.json()).then(lessons => {
  for (const l of lessons) {
    const o = document.createElement('option');
    o.value = l.name;
    o.textContent = l.title;
    $('lesson').appendChild(o);
  }
  $('lesson').dataset.loaded = String(lessons.length);
});
document.addEventListener('keydown', e => {
  if (e.key == 'Enter' && (e.ctrlKey || e.metaKey) && !$('run').disabled) run();
});
</script>
</body>
</html>
)PAGE";
}

}  // namespace gol::play
