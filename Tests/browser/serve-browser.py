#!/usr/bin/env python3
"""A real browser against `serve`: headless Chromium (Debian's chromium and chromium-driver,
driven by selenium from PyPI) opens a department head's link, votes with a reason, and the
room page (open in a second window) follows without a reload; then the head signs the letter
on the device (WebCrypto: Ed25519, which this Chromium has), the supervisor signs in a browser
made to refuse Ed25519 (the page falls back to ECDSA P-256), and `accord verify` names both
devices' keys with their algorithms.

    python3 Tests/browser/serve-browser.py [--bin .build/debug/accord] [--shots DIR]

Exits 0 when every check passes; prints `N passed, 0 failed`. Loopback only."""
import argparse, json, os, re, subprocess, sys, tempfile, threading, time

ap = argparse.ArgumentParser()
ap.add_argument("--bin", default=".build/debug/accord")
ap.add_argument("--shots", default=None)
a = ap.parse_args()
try:
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.chrome.service import Service
except ImportError:
    print("serve-browser: selenium is not installed (pip install selenium)"); sys.exit(2)

binary = os.path.abspath(a.bin)
d = tempfile.mkdtemp(prefix="accord-browser-")
env = dict(os.environ, ACCORD_NOW="2027-01-15T09:00:00Z", NO_COLOR="1", TZ="UTC", XDG_STATE_HOME=d + "/state", XDG_CONFIG_HOME=d + "/config")
setup = """title "Acme 2027"
period 2027
dept add Marketing --head "Dana Reyes" --supervisor "Chris Wong"
dept add Sales --head "Omar Haddad" --supervisor "Chris Wong"
goal add "Raise customer lifetime value" --metric cltv --baseline 12000 --target 14500 --unit USD --by 2027-12-31 --owner Sales
vote G1 Marketing agree
vote G1 Sales agree
goal adopt G1
map G1 revenue referral
contrib add G1 Marketing --stage referral --kpi "Referral signups" --metric referrals --target 300 --challenge 400 --floor 200 --unit signups --weight 100 --source HubSpot --cycle monthly
contrib add G1 Sales --stage revenue --kpi "Expansion revenue" --metric revenue --target 1200000 --challenge 1500000 --floor 900000 --unit USD --weight 100 --source Salesforce --cycle quarterly
goal add "Cut onboarding time" --metric activation --baseline 14 --target 10 --unit days --by 2027-12-31 --owner Marketing
step sign --force "straight to signing"
"""
open(d + "/setup.txt", "w").write(setup)
subprocess.run([binary, "s.json", "--script", "setup.txt"], cwd=d, env=env, check=True, capture_output=True)
p = subprocess.Popen([binary, "s.json"], cwd=d, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
out = []
threading.Thread(target=lambda: [out.append(l.decode()) for l in p.stdout], daemon=True).start()
def send(line): p.stdin.write((line + "\n").encode()); p.stdin.flush()
def wait(what, pred, t=20):
    end = time.time() + t
    while time.time() < end:
        try:
            if pred(): return
        except Exception: pass
        time.sleep(0.1)
    fail(f"timed out waiting for {what}")
passed = 0
def ok(what):
    global passed; passed += 1; print(f"ok {passed} - {what}")
def fail(why):
    print(f"serve-browser: FAIL: {why}\n--- accord's output ---\n" + "".join(out[-15:]))
    print(f"{passed} passed, 1 failed"); p.kill(); sys.exit(1)

send("serve start --port 0")
wait("the server", lambda: any("/room" in l for l in out))
base = re.search(r"http://127\.0\.0\.1:\d+", "".join(out)).group(0)
send("serve links")
wait("the links", lambda: any(l.startswith("Marketing · head") for l in out))
link = re.search(r"Marketing · head \(Dana Reyes\): (\S+)", "".join(out)).group(1)
slink = re.search(r"Marketing · supervisor \(Chris Wong\): (\S+)", "".join(out)).group(1)

opts = webdriver.ChromeOptions()
for o in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=420,1100"]: opts.add_argument(o)
opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(options=opts, service=Service(executable_path="/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else None)
try:
    driver.get(base + "/room")
    room = driver.current_window_handle
    driver.execute_script("window.__notReloaded = true")
    wait("the room page", lambda: "Cut onboarding time" in driver.find_element(By.TAG_NAME, "body").text)
    ok("the room page shows the goal under vote")
    driver.switch_to.new_window("window")
    phone = driver.current_window_handle
    driver.get(link)
    body = driver.find_element(By.TAG_NAME, "body").text
    if "You are Dana Reyes · head of Marketing." not in body: fail("the page does not say who: " + body[:200])
    ok("the participant's page says who they are")
    if "First revision (r1)" not in body: fail("the page does not say G2 is at its first revision: " + body[:400])
    ok("the participant's page says the goal under vote is at its first revision")
    if a.shots:
        driver.save_screenshot(os.path.join(a.shots, "participant-before.png"))
    form = driver.find_element(By.CSS_SELECTOR, "form[action$='/vote']")
    form.find_element(By.CSS_SELECTOR, "input[value=object]").click()
    form.find_element(By.NAME, "reason").send_keys("Needs a support headcount decision first")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait("the answer", lambda: "Recorded: object on G2 r1." in driver.find_element(By.TAG_NAME, "body").text)
    ok("a vote with a reason from the browser is recorded")
    wait("accord's line", lambda: any("Marketing: object on G2 r1 — from a device" in l for l in out))
    ok("accord prints the device's vote")
    driver.switch_to.window(room)
    wait("the room page to follow", lambda: "1 object" in driver.find_element(By.TAG_NAME, "body").text)
    if driver.execute_script("return window.__notReloaded") is not True: fail("the room page reloaded")
    ok("the room page follows the vote without a reload")
    grid = driver.find_element(By.ID, "grid").text
    if "X1 100 (G1)" not in grid or "X2 100 (G1)" not in grid or "100 ✓" not in grid: fail("the room's grid: " + grid)
    if "Not audited yet" not in driver.find_element(By.ID, "walls").text: fail("the room's walls: " + driver.find_element(By.ID, "walls").text)
    ok("the room page shows the grid and the walls")
    if a.shots:
        driver.set_window_size(1024, 800)
        driver.save_screenshot(os.path.join(a.shots, "room.png"))
    driver.switch_to.window(phone)
    driver.get(link)
    driver.execute_script("window.__errs=[];window.addEventListener('unhandledrejection',function(e){window.__errs.push(String(e.reason));});window.addEventListener('error',function(e){window.__errs.push(String(e.message));});")
    driver.find_element(By.CSS_SELECTOR, "form#sign button").click()
    try:
        wait("the signature", lambda: "Signed: Marketing's letter, as head." in driver.find_element(By.TAG_NAME, "body").text)
    except SystemExit:
        print(driver.execute_script("return [window.__errs, !!window.crypto, !!(window.crypto&&crypto.subtle), typeof indexedDB, location.href]")); print(driver.get_log("browser")); raise
    ok("the letter is signed on the device (WebCrypto)")
    wait("accord's line", lambda: any("Marketing: head Dana Reyes signed the letter — from a device" in l for l in out))
    line = next(l for l in out if "Marketing: head Dana Reyes signed the letter — from a device" in l)
    if "(key ed25519:" not in line: fail("this Chromium has Ed25519, the head's key should be one: " + line)
    ok("accord prints the device's signature, made with Ed25519: " + line.strip())
    if a.shots:
        driver.get(link); driver.save_screenshot(os.path.join(a.shots, "participant-signing.png"))
    # the fallback: a browser without Ed25519 (generateKey refuses it, as one that lacks it does)
    driver.get(slink)
    driver.execute_script("""var s=crypto.subtle,g=s.generateKey;window.__refused=0;
      s.generateKey=function(a){if(a&&(a==='Ed25519'||a.name==='Ed25519')){window.__refused++;return Promise.reject(new DOMException('Unrecognized name','NotSupportedError'));}return g.apply(s,arguments);};""")
    driver.find_element(By.CSS_SELECTOR, "form#sign button").click()
    wait("the supervisor's signature", lambda: "Signed: Marketing's letter, as supervisor." in driver.find_element(By.TAG_NAME, "body").text)
    wait("accord's line", lambda: any("Marketing: supervisor Chris Wong signed the letter — from a device" in l for l in out))
    line = next(l for l in out if "Marketing: supervisor Chris Wong signed the letter — from a device" in l)
    if "(key p256:" not in line: fail("without Ed25519 the page should fall back to P-256: " + line)
    ok("without Ed25519 the page falls back to P-256: " + line.strip())
finally:
    driver.quit()
send("quit"); p.wait(timeout=30)
s = json.load(open(d + "/s.json"))
votes = [e for e in s["events"] if e["kind"] == "vote" and e.get("via")]
if len(votes) != 1 or votes[0]["via"] != {"channel": "device", "dept": 1, "role": "head"}: fail("the journal's device vote: %r" % votes)
sigs = {x["role"]: x["device"] for x in s["state"]["signatures"] if x.get("device")}
if sorted(sigs) != ["head", "supervisor"]: fail("the file's device signatures: %r" % sigs)
if sigs["head"].get("alg") != "ed25519" or "alg" in sigs["supervisor"]: fail("the algorithms recorded: %r" % sigs)
ok("the file holds the device's vote and both signatures (head ed25519, supervisor P-256 without alg, as before)")
v = subprocess.run([binary, "verify", "s.json"], cwd=d, env=env, capture_output=True, text=True)
if v.returncode != 0: fail("verify fails:\n" + v.stdout + v.stderr)
if "signed on a device with key ed25519:" not in v.stdout or "signed on a device with key p256:" not in v.stdout:
    fail("verify does not name both keys:\n" + v.stdout)
ok("verify passes and names both devices' keys: " + "; ".join(l.strip() for l in v.stdout.splitlines() if "signed on a device" in l))
r = subprocess.run([binary, "replay", "s.json", "--verify"], cwd=d, env=env, capture_output=True, text=True)
if r.returncode != 0: fail("replay --verify: " + r.stdout + r.stderr)
ok("replay --verify passes")
print(f"{passed} passed, 0 failed")
