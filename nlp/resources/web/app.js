// Check-before-you-send: analyse the draft as it is typed and show what the API found.
// Plain browser JavaScript, no build step and no network beyond this server.
"use strict";

const DEBOUNCE_MS = 250;
const TAG_GAP_PX = 4;
const WORDS = JSON.parse(document.getElementById("words").textContent);

const draft = document.getElementById("draft");
const highlights = document.getElementById("highlights");
const tagLayer = document.getElementById("tags");
const statusLine = document.getElementById("status");
const errorLine = document.getElementById("error");
const cueList = document.getElementById("cue-list");
const rewritePanel = document.getElementById("rewrite-panel");
const rewriteText = document.getElementById("rewrite-text");
const useRewrite = document.getElementById("use-rewrite");
const antidotesPanel = document.getElementById("antidotes-panel");
const antidoteList = document.getElementById("antidotes");
const positivesPanel = document.getElementById("positives-panel");
const positiveList = document.getElementById("positives");
const sensitivity = document.getElementById("sensitivity");

let timer = null;
let latestRequest = 0; // answers to older requests are dropped: the draft has changed since
let shown = { text: "", spans: [] }; // what the backdrop marks now, in UTF-16 offsets
let operatingPoints = {}; // sensitivity -> thresholds, from /v1/model

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function patternName(pattern) {
  return WORDS.patterns[pattern] || pattern;
}

// The API counts characters as Python does (code points); JavaScript strings count UTF-16 units.
function utf16Offsets(text) {
  const offsets = [0];
  let position = 0;
  for (const character of text) {
    position += character.length;
    offsets.push(position);
  }
  return offsets;
}

// Spans for the backdrop, in UTF-16 offsets: the highlights the API sends, then healthy moves where no flag is.
function markedSpans(text, flagged, positives) {
  const offsets = utf16Offsets(text);
  const spans = flagged.map((span) => ({ start: span.start, end: span.end, pattern: span.pattern }));
  for (const positive of positives) {
    if (!spans.some((span) => positive.start < span.end && span.start < positive.end)) {
      spans.push({ start: positive.start, end: positive.end, pattern: null });
    }
  }
  return spans
    .map((span) => ({ ...span, start: offsets[span.start], end: offsets[span.end] }))
    .sort((a, b) => a.start - b.start);
}

function renderHighlights(text, spans) {
  shown = { text, spans };
  highlights.replaceChildren();
  let position = 0;
  for (const span of spans) {
    highlights.append(text.slice(position, span.start));
    const mark = element("mark", span.pattern ? `cue ${span.pattern}` : "positive", text.slice(span.start, span.end));
    if (span.pattern) mark.dataset.pattern = span.pattern;
    highlights.append(mark);
    position = span.end;
  }
  // A trailing newline would otherwise collapse and the backdrop would lose its last line.
  highlights.append(text.slice(position) + "\n");
  renderTags();
}

// Each flagged run gets its pattern's name just above it, in a layer of its own so that the
// text under the draft never moves; a name that would run into the previous one is left out
// (the list under the box still names every flag).
function renderTags() {
  tagLayer.replaceChildren();
  const origin = tagLayer.getBoundingClientRect();
  let previous = null;
  for (const mark of highlights.querySelectorAll("mark.cue")) {
    const box = mark.getClientRects()[0];
    if (!box) continue;
    const tag = element("span", `tag ${mark.dataset.pattern}`, patternName(mark.dataset.pattern));
    tag.style.left = `${box.left - origin.left}px`;
    tag.style.top = `${box.top - origin.top}px`;
    tagLayer.append(tag);
    const placed = tag.getBoundingClientRect();
    if (previous && placed.top < previous.bottom && placed.left < previous.right + TAG_GAP_PX) {
      tag.remove();
      continue;
    }
    previous = placed;
  }
}

function renderMeters(patterns) {
  for (const meter of document.querySelectorAll(".meter")) {
    const score = patterns[meter.dataset.pattern];
    const percent = score ? Math.round(score.score * 100) : 0;
    const flagged = Boolean(score && score.flagged);
    const bar = meter.querySelector(".bar");
    meter.classList.toggle("flagged", flagged);
    meter.querySelector(".fill").style.width = `${percent}%`;
    meter.querySelector(".meter-value").textContent = `${percent}%`;
    bar.setAttribute("aria-valuenow", String(percent));
    bar.setAttribute("aria-valuetext", `${percent}%${flagged ? ", flagged" : ""}`);
  }
}

function renderCueList(cues) {
  cueList.replaceChildren(
    ...cues.map((cue) => {
      const item = element("li", `cue-item ${cue.pattern}`);
      item.append(element("span", "cue-words", `“${cue.text}”`), " ", element("span", "cue-pattern", patternName(cue.pattern)));
      return item;
    }),
  );
}

function renderRewrite(rewrite) {
  rewritePanel.hidden = !rewrite;
  rewriteText.textContent = rewrite || "";
}

function renderAntidotes(antidotes) {
  antidotesPanel.hidden = antidotes.length === 0;
  antidoteList.replaceChildren(
    ...antidotes.map((antidote) => {
      const item = element("li", `antidote ${antidote.pattern}`);
      item.append(element("strong", "antidote-pattern", `${patternName(antidote.pattern)}: `), antidote.advice);
      if (antidote.example) item.append(element("span", "antidote-example", ` For example: “${antidote.example}”`));
      return item;
    }),
  );
}

function renderPositives(positives) {
  const kinds = [...new Set(positives.map((positive) => positive.kind))];
  positivesPanel.hidden = kinds.length === 0;
  positiveList.replaceChildren(
    ...kinds.map((kind) => {
      const words = positives.filter((positive) => positive.kind === kind).map((positive) => `“${positive.text}”`);
      const praise = WORDS.positives[kind] || `${WORDS.positive_fallback} ${kind.replaceAll("_", " ")}`;
      return element("li", "positive-item", `${praise}: ${words.join(", ")}`);
    }),
  );
}

function renderStatus(patterns) {
  const flagged = Object.entries(patterns).filter(([, score]) => score.flagged).map(([pattern]) => patternName(pattern));
  statusLine.textContent = flagged.length ? `${WORDS.status.flagged} ${flagged.join(", ")}.` : WORDS.status.clear;
  statusLine.classList.toggle("flagged", flagged.length > 0);
}

function render(analysis) {
  errorLine.hidden = true;
  renderHighlights(analysis.text, markedSpans(analysis.text, analysis.highlights, analysis.positives));
  renderMeters(analysis.patterns);
  renderCueList(analysis.highlights);
  renderRewrite(analysis.rewrite);
  renderAntidotes(analysis.antidotes);
  renderPositives(analysis.positives);
  renderStatus(analysis.patterns);
}

function showEmpty() {
  render({ text: draft.value, patterns: {}, highlights: [], positives: [], rewrite: null, antidotes: [] });
  statusLine.textContent = WORDS.status.empty;
}

function showError(message) {
  statusLine.textContent = "";
  errorLine.textContent = message;
  errorLine.hidden = false;
}

async function analyse() {
  const text = draft.value;
  const request = ++latestRequest;
  if (!text.trim()) {
    showEmpty();
    return;
  }
  try {
    const response = await fetch("/v1/analyze", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text, sensitivity: sensitivity.value }),
    });
    const body = await response.json();
    if (request !== latestRequest) return;
    if (response.ok) render(body);
    else showError(body.error ? body.error.message : `The server answered ${response.status}.`);
  } catch (failure) {
    if (request === latestRequest) showError(WORDS.status.unreachable);
  }
}

function fitHeight() {
  draft.style.height = "auto";
  draft.style.height = `${draft.scrollHeight}px`;
}

function commonPrefixLength(a, b) {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length += 1;
  return length;
}

function onInput() {
  fitHeight();
  // Until the new answer arrives, keep only the marks the edit did not move.
  const unchanged = commonPrefixLength(shown.text, draft.value);
  renderHighlights(draft.value, shown.spans.filter((span) => span.end <= unchanged));
  clearTimeout(timer);
  timer = setTimeout(analyse, DEBOUNCE_MS);
}

function showThresholds() {
  const thresholds = operatingPoints[sensitivity.value];
  if (!thresholds) return;
  for (const meter of document.querySelectorAll(".meter")) {
    const threshold = thresholds[meter.dataset.pattern];
    if (threshold !== undefined) meter.querySelector(".threshold").style.left = `${threshold * 100}%`;
  }
}

async function loadModelInfo() {
  try {
    const response = await fetch("/v1/model");
    if (!response.ok) return;
    const info = await response.json();
    draft.maxLength = info.limits.max_text_chars;
    operatingPoints = info.operating_points;
    showThresholds();
  } catch (failure) {
    // Thresholds are a nicety: the page works without them.
  }
}

useRewrite.addEventListener("click", async () => {
  draft.value = rewriteText.textContent;
  fitHeight();
  clearTimeout(timer);
  draft.focus();
  await analyse();
  statusLine.textContent = `${WORDS.status.replaced} ${statusLine.textContent}`;
});

draft.addEventListener("input", onInput);
sensitivity.addEventListener("change", () => {
  showThresholds();
  analyse();
});
window.addEventListener("resize", () => {
  fitHeight();
  renderTags();
});
loadModelInfo();
fitHeight();
if (draft.value.trim()) analyse();
