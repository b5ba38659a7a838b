"""The check-before-you-send page in a real browser: Debian's Chromium driven by Playwright.

A real ``horsemen serve`` runs on a free loopback port; any request the page
makes anywhere else is blocked and fails the test. Screenshots are saved in
test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import base64
import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # see README: the quick subset leaves these out

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CRITICAL = "You never help with the dishes"
START_TIMEOUT_S = 90  # covers building the default model on a fresh checkout

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)", allow_module_level=True)


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def get_json(url: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    log = (tmp_path_factory.mktemp("serve") / "serve.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "nlp", "serve", "--host", "127.0.0.1", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            get_json(f"{base}/healthz")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log.seek(0)
                pytest.fail(f"horsemen serve did not start:\n{log.read()}")
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A page that may reach the test server only; outside requests and script errors fail the test."""
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    outside, errors = [], []

    def only_the_server(route):
        if route.request.url.startswith(server + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_server)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if is_unexpected_error(message) else None)
    page.goto(server + "/")
    yield page
    context.close()
    assert outside == [], "the page tried to reach beyond its server"
    assert errors == [], "the page logged errors"


def is_unexpected_error(message) -> bool:
    """Console errors, except the browser's note on a 422, which is the API refusing a draft on purpose."""
    return message.type == "error" and "status of 422" not in message.text


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(300)  # let the meters finish their transition
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def type_draft(page, text: str):
    draft = page.get_by_role("textbox", name="Your draft")
    draft.click()
    draft.press_sequentially(text, delay=5)
    return draft


def test_typing_a_critical_message_highlights_it_in_place(page, server):
    type_draft(page, CRITICAL)
    # The rule cue "You never", shown with the verb it quantifies ("You never help"), not the topic.
    playwright_api.expect(page.locator("#highlights mark.cue.criticism").first).to_have_text(re.compile(r"^You never"))
    playwright_api.expect(page.locator("#tags .tag.criticism").first).to_have_text("criticism")
    playwright_api.expect(page.get_by_role("status")).to_have_text("Flagged: criticism.")
    playwright_api.expect(page.locator("#cue-list")).to_contain_text("“You never")
    meter = page.get_by_role("meter", name="Criticism")
    assert int(meter.get_attribute("aria-valuenow")) >= 50
    assert "flagged" in meter.get_attribute("aria-valuetext")
    assert page.get_by_role("meter", name="Contempt").get_attribute("aria-valuetext").endswith("%")
    rewrite = get_json(f"{server}/v1/analyze", {"text": CRITICAL})["rewrite"]
    if rewrite:
        playwright_api.expect(page.locator("#rewrite-text")).to_have_text(rewrite)
    else:
        playwright_api.expect(page.locator("#rewrite-panel")).to_be_hidden()
    screenshot(page, "browser-critical-draft")


def test_use_this_replaces_the_draft_and_clears_the_flags(page, server):
    rewrite = get_json(f"{server}/v1/analyze", {"text": CRITICAL})["rewrite"]
    if not rewrite:
        pytest.skip("the API returns no rewrite for the test text yet, so there is nothing to use")
    draft = type_draft(page, CRITICAL)
    playwright_api.expect(page.locator("#highlights mark.cue").first).to_be_visible()
    playwright_api.expect(page.locator("#rewrite-text")).to_have_text(rewrite)
    page.keyboard.press("Tab")  # by keyboard alone: the next stop after the draft is the suggestion's button
    playwright_api.expect(page.get_by_role("button", name="Use this")).to_be_focused()
    page.keyboard.press("Enter")
    playwright_api.expect(draft).to_have_value(rewrite)
    playwright_api.expect(page.locator("#highlights mark.cue")).to_have_count(0)
    playwright_api.expect(page.get_by_role("status")).to_contain_text("No horsemen spotted")
    playwright_api.expect(page.locator("#rewrite-panel")).to_be_hidden()
    screenshot(page, "browser-after-use-this")


def test_healthy_moves_are_acknowledged(page):
    type_draft(page, "I feel tired tonight. Thank you for cooking")
    positives = page.get_by_role("region", name="What's working")
    playwright_api.expect(positives).to_contain_text("Nice I-statement: “I feel”")
    playwright_api.expect(positives).to_contain_text("Nice appreciation")
    playwright_api.expect(page.get_by_role("status")).to_have_text("No horsemen spotted. Looks good to send.")
    playwright_api.expect(page.locator("#highlights mark.positive")).to_have_count(2)


def test_phone_width_has_one_column_and_no_sideways_scroll(page):
    page.set_viewport_size({"width": 375, "height": 740})
    type_draft(page, "Whatever. It's not my fault you never listen, I feel hurt")
    playwright_api.expect(page.locator("#highlights mark.cue").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    draft_box = page.get_by_role("textbox", name="Your draft").bounding_box()
    meters_box = page.locator("#meters").bounding_box()
    assert meters_box["y"] > draft_box["y"] + draft_box["height"]  # advice stacks under the draft
    screenshot(page, "browser-phone-width")


# Paint only one of the two text layers, in the same colour, with no mark backgrounds or tags.
SHOW_ONLY = """layer => {
    const backdrop = document.getElementById('highlights'), draft = document.getElementById('draft');
    document.getElementById('tags').style.visibility = 'hidden';
    draft.style.caretColor = 'transparent';
    draft.style.color = layer === 'draft' ? '#000' : 'transparent';
    backdrop.style.color = layer === 'backdrop' ? '#000' : 'transparent';
    for (const mark of backdrop.querySelectorAll('mark')) {
        mark.style.color = 'inherit'; mark.style.background = 'none'; mark.style.boxShadow = 'none';
    }
}"""
# The largest difference of any colour channel between two PNGs, computed by the page itself.
LARGEST_PIXEL_DIFFERENCE = """async ([first, second]) => {
    const load = (data) => new Promise((resolve, reject) => {
        const image = new Image();
        image.onload = () => resolve(image);
        image.onerror = reject;
        image.src = 'data:image/png;base64,' + data;
    });
    const pixels = (await Promise.all([load(first), load(second)])).map((image) => {
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d');
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, image.width, image.height).data;
    });
    let largest = 0;
    for (let i = 0; i < pixels[0].length; i += 1) largest = Math.max(largest, Math.abs(pixels[0][i] - pixels[1][i]));
    return largest;
}"""
# Anti-aliasing differs a little between the two layers (sub-pixel glyph positions); a glyph
# a pixel or more off, or a line wrapped differently, differs by far more than this.
SAME_GLYPHS = 128


@pytest.mark.parametrize("width", [1200, 375])
def test_marks_sit_exactly_under_the_typed_words(page, width):
    """The marks are painted by a layer behind the textarea: both must lay out the text identically."""
    page.set_viewport_size({"width": width, "height": 800})
    type_draft(page, "😀 ok so " + CRITICAL + " again and again. Whatever, it's not my fault you never listen, like always")
    playwright_api.expect(page.locator("#highlights mark.cue").first).to_be_visible()
    page.wait_for_timeout(100)
    editor = page.locator(".editor")
    page.evaluate(SHOW_ONLY, "draft")
    typed = base64.b64encode(editor.screenshot()).decode()
    page.evaluate(SHOW_ONLY, "backdrop")
    painted = base64.b64encode(editor.screenshot()).decode()
    assert page.evaluate(LARGEST_PIXEL_DIFFERENCE, [typed, painted]) < SAME_GLYPHS, "marks do not line up with the text"
    # A name tag stands right above the start of one of its pattern's marks (a tag that
    # would collide with the previous one is left out, so not necessarily the first mark).
    tag_box = page.locator("#tags .tag.criticism").first.bounding_box()
    marks = page.locator("#highlights mark.cue.criticism")
    mark_boxes = [marks.nth(i).bounding_box() for i in range(marks.count())]
    assert any(abs(tag_box["x"] - box["x"]) < 1 and tag_box["y"] < box["y"] for box in mark_boxes)


def test_the_draft_limit_comes_from_the_server_and_refusals_are_shown(page):
    # /v1/model has loaded. Waiting through a locator, not wait_for_function: the page's
    # Content-Security-Policy forbids the eval that a string predicate needs.
    playwright_api.expect(page.locator(".threshold").first).to_have_attribute("style", re.compile(r"left:"))
    draft = page.get_by_role("textbox", name="Your draft")
    assert draft.evaluate("box => box.maxLength") == 10_000
    draft.evaluate("box => { box.maxLength = 20000; }")  # as an older page might: the server must still refuse
    draft.fill("a" * 10_001)
    playwright_api.expect(page.get_by_role("alert")).to_contain_text("at most 10000 characters")
