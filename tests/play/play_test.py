#!/usr/bin/python3
"""`gol play` in a real browser: starts the playground on a free port, drives headless
Chromium through Selenium (Debian's chromium, chromium-driver and python3-selenium; make
setup installs them), picks a lesson, runs it at MAXPROCS 2, and checks the output (the
lesson's .out, which comes from real Go) and the timeline (2 P lanes, the lesson's
goroutines). Also: a second run from the same page while one is going is refused, Stop
ends a run that would not end, a page whose server went away says so, the server answers
only on the loopback address, and (a second server, through its HTTP API, with small
limits) runs that exceed the CPU, wall time, memory or output limits are killed and say so.
Saves screenshots beside the build (ARTIFACTS, default: the current folder).

    play_test.py GOL_BINARY EXAMPLES_DIR [ARTIFACTS]
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

gol, examples = sys.argv[1], sys.argv[2]
artifacts = sys.argv[3] if len(sys.argv) > 3 else os.getcwd()
failures = []


def check(ok, what):
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures.append(what)


def wait(driver, cond, what, seconds=60):
    try:
        return WebDriverWait(driver, seconds, poll_frequency=0.1).until(lambda d: cond(d))
    except Exception:
        check(False, "timed out waiting for " + what)
        driver.save_screenshot(os.path.join(artifacts, "play-timeout.png"))
        raise


server = subprocess.Popen([gol, "play", "--port", "0"], stdout=subprocess.PIPE, text=True)
tmp = tempfile.mkdtemp(prefix="gol-play-test-")
driver = None
try:
    line = server.stdout.readline()
    check(line.startswith("Gol playground: http://127.0.0.1:"), "prints its URL: " + line.strip())
    url = line.split(": ", 1)[1].strip()
    port = int(url.rsplit(":", 1)[1].strip("/"))

    # Only the loopback address answers.
    try:
        addrs = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
    except OSError:
        addrs = []
    for addr in addrs:
        if ":" in addr or addr.startswith("127."):
            continue
        try:
            urllib.request.urlopen("http://%s:%d/lessons" % (addr, port), timeout=2)
            check(False, "not listening on " + addr)
        except OSError:
            check(True, "not listening on " + addr)
        break

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1200,1400", "--user-data-dir=" + os.path.join(tmp, "profile")):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or
                                              "/usr/bin/chromedriver"), options=options)
    driver.get(url)
    wait(driver, lambda d: d.find_element(By.ID, "lesson").get_attribute("data-loaded"),
         "the lessons menu")
    lessons = [o.get_attribute("value") for o in
               Select(driver.find_element(By.ID, "lesson")).options if o.get_attribute("value")]
    expected_lessons = sorted(f[:-4] for f in os.listdir(examples) if f.endswith(".gol"))
    check(lessons == expected_lessons, "the menu lists the %d lessons" % len(expected_lessons))

    lesson = "07-range-over-channel"
    Select(driver.find_element(By.ID, "lesson")).select_by_value(lesson)
    source = open(os.path.join(examples, lesson + ".gol")).read()
    wait(driver, lambda d: d.execute_script(
        "return document.querySelector('.CodeMirror').CodeMirror.getValue()") == source,
         "the lesson in the editor")
    Select(driver.find_element(By.ID, "procs")).select_by_visible_text("2")
    driver.find_element(By.ID, "run").click()
    wait(driver, lambda d: d.find_element(By.ID, "run").get_attribute("data-done"),
         "the run to end")
    output = driver.find_element(By.ID, "output").text
    want = open(os.path.join(examples, lesson + ".out")).read()
    check(output.startswith(want.rstrip("\n")), "the output is the lesson's: %r" % output)
    check(output.rstrip().endswith("Program exited."), "the exit status is shown")

    timeline = driver.find_element(By.ID, "timeline")
    wait(driver, lambda d: timeline.is_displayed() and timeline.get_attribute("src"),
         "the timeline")
    driver.switch_to.frame(timeline)
    summary = wait(driver, lambda d: d.find_element(By.ID, "summary").text, "the timeline's summary")
    data = driver.execute_script("return {procs: DATA.procs, goroutines: DATA.totalGoroutines}")
    check(data["procs"] == 2, "the timeline has 2 P lanes (%s)" % summary)
    check(data["goroutines"] == 2, "the timeline has the lesson's 2 goroutines (%s)" % summary)
    driver.switch_to.default_content()
    shot = os.path.join(artifacts, "play-lesson.png")
    driver.save_screenshot(shot)
    print("screenshot: " + shot)

    # A program that never ends: a second run from the page is refused, Stop ends it.
    driver.execute_script("document.querySelector('.CodeMirror').CodeMirror.setValue("
                          "'package main\\n\\nfunc main() {\\n\\tfor {\\n\\t}\\n}\\n')")
    driver.find_element(By.ID, "run").click()
    wait(driver, lambda d: d.find_element(By.ID, "stop").is_enabled(), "the endless run to start")
    page_id = driver.execute_script("return page")
    req = urllib.request.Request("%srun?page=%s&maxprocs=1" % (url, page_id), data=b"package main",
                                 method="POST")
    try:
        urllib.request.urlopen(req, timeout=5)
        check(False, "a second run from the same page is refused")
    except urllib.error.HTTPError as e:
        check(e.code == 409, "a second run from the same page is refused: %s" %
              json.loads(e.read()).get("error"))
    driver.find_element(By.ID, "stop").click()
    wait(driver, lambda d: "Program stopped." in d.find_element(By.ID, "output").text,
         "the stopped run's status", 20)
    check(True, "Stop ends a run")
    driver.save_screenshot(os.path.join(artifacts, "play-stopped.png"))

    # The server goes away during a run: the page says so and can run again.
    driver.find_element(By.ID, "run").click()
    wait(driver, lambda d: d.find_element(By.ID, "stop").is_enabled(), "the endless run to restart")
    server.terminate()
    server.wait(timeout=10)
    wait(driver, lambda d: "The playground does not answer" in d.find_element(By.ID, "output").text,
         "the page to notice that the server is gone", 20)
    check(driver.find_element(By.ID, "run").is_enabled() and
          not driver.find_element(By.ID, "stop").is_enabled(),
          "after the server went away, Run is enabled and Stop is not")
finally:
    if driver:
        driver.quit()
    server.terminate()
    server.wait(timeout=10)
    shutil.rmtree(tmp, ignore_errors=True)


def run_to_end(base, source, seconds=30):
    req = urllib.request.Request(base + "run?page=limits&maxprocs=1", data=source.encode(),
                                 method="POST")
    run_id = json.loads(urllib.request.urlopen(req, timeout=5).read())["id"]
    text, start = "", 0
    deadline = time.time() + seconds
    while time.time() < deadline:
        o = json.loads(urllib.request.urlopen("%soutput?id=%d&from=%d" % (base, run_id, start),
                                              timeout=5).read())
        text += o["text"]
        start = o["next"]
        if o["done"]:
            return text, o["status"]
        time.sleep(0.1)
    return text, "still running after %d s" % seconds


# The CPU limit leaves the memory case room to reach its limit on a loaded machine (each
# page it touches costs a fault); the wall limit is five times the CPU limit, so that the
# endless loop reaches the CPU limit first while it gets a fifth of a core.
limited = subprocess.Popen([gol, "play", "--port", "0", "--cpu", "2", "--wall", "10",
                            "--memory", "200", "--output", "64"], stdout=subprocess.PIPE, text=True)
try:
    base = limited.stdout.readline().split(": ", 1)[1].strip()
    cases = [
        ("CPU time", "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n",
         "Program killed: CPU time limit."),
        ("wall time", "package main\n\nimport \"time\"\n\nfunc main() {\n\ttime.Sleep(time.Hour)\n}\n",
         "Program killed: wall time limit."),
        ("memory", "package main\n\nimport \"time\"\n\nfunc main() {\n\ts := make([]int, 50_000_000)\n"
         "\tfor i := range s {\n\t\ts[i] = i\n\t}\n\ttime.Sleep(time.Hour)\n\tprintln(s[7])\n}\n",
         "Program killed: memory limit."),
        ("output", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor {\n\t\tfmt.Println(\"spam\")\n\t}\n}\n",
         "Program killed: output limit."),
    ]
    for what, source, want in cases:
        text, status = run_to_end(base, source)
        check(status == want, "over the %s limit: %s" % (what, status))
    check(len(text) <= 64 << 10 and text.startswith("spam\n"),
          "the output stops at the limit (%d bytes)" % len(text))
finally:
    limited.terminate()
    limited.wait(timeout=10)

print("%d failures" % len(failures))
sys.exit(1 if failures else 0)
