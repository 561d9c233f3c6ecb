"""Load one page in headless Chromium and say what a test needs to know.

usage: browser.py CHROMIUM URL WIDTH HEIGHT SCREENSHOT.png [mobile]

Chromium is driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: JSON messages ended by NUL on fds 3 and 4), so
nothing but Python's standard library is needed.  Prints one JSON object:

  console   console errors, uncaught exceptions and error log entries
  fetches   requests for anything but file: and data: URLs
  timelines one {protocol, marks: {kind: count}} per timeline SVG
  overflow  true when the page scrolls sideways at this width
  title     the document's title

and writes a full-page PNG screenshot.  Exits 2 on a protocol failure.
"""
import base64
import fcntl
import json
import os
import select
import subprocess
import sys
import tempfile
import time

TIMEOUT = 60

PROBE = r"""(() => {
	const svgs = [...document.querySelectorAll('svg[data-protocol]')];
	return {
		title: document.title,
		overflow: document.documentElement.scrollWidth >
		    window.innerWidth + 1,
		timelines: svgs.map(s => {
			const marks = {};
			s.querySelectorAll('[data-kind]').forEach(m => {
				const k = m.dataset.kind;
				marks[k] = (marks[k] || 0) + 1;
			});
			return {protocol: s.dataset.protocol, marks: marks};
		}),
	};
})()"""


class Browser:
    def __init__(self, exe, profile):
        to_chrome_r, self.w = os.pipe()
        self.r, from_chrome_w = os.pipe()
        # Out of the way of 3 and 4, which the child must end up with.
        a = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
        b = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
        os.close(to_chrome_r)
        os.close(from_chrome_w)

        def child():
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [exe, '--headless', '--no-sandbox', '--disable-gpu',
             '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update',
             '--disable-sync', '--disable-extensions',
             '--user-data-dir=' + profile, '--remote-debugging-pipe',
             'about:blank'],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, preexec_fn=child, pass_fds=(3, 4))
        os.close(a)
        os.close(b)
        self.buf = b''
        self.next_id = 0
        self.events = []

    def _read(self, deadline):
        while b'\0' not in self.buf:
            left = deadline - time.time()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.r], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.r, 65536)
            if not chunk:
                raise RuntimeError('chromium closed the pipe')
            self.buf += chunk
        msg, self.buf = self.buf.split(b'\0', 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {'id': self.next_id, 'method': method, 'params': params or {}}
        if session:
            msg['sessionId'] = session
        os.write(self.w, json.dumps(msg).encode() + b'\0')
        deadline = time.time() + TIMEOUT
        while True:
            m = self._read(deadline)
            if m is None:
                raise RuntimeError(method + ': no answer')
            if m.get('id') == self.next_id:
                if 'error' in m:
                    raise RuntimeError(method + ': ' + json.dumps(m['error']))
                return m.get('result', {})
            self.events.append(m)

    def wait_event(self, method, seconds):
        deadline = time.time() + seconds
        while True:
            if any(e.get('method') == method for e in self.events):
                return True
            m = self._read(deadline)
            if m is None:
                return False
            self.events.append(m)

    def drain(self, seconds):
        deadline = time.time() + seconds
        while True:
            m = self._read(deadline)
            if m is None:
                return
            self.events.append(m)

    def close(self):
        try:
            self.send('Browser.close')
        except Exception:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def problems(events):
    console, fetches = [], []
    for e in events:
        m, p = e.get('method'), e.get('params', {})
        if m == 'Runtime.consoleAPICalled' and p.get('type') in (
                'error', 'assert'):
            console.append(' '.join(str(a.get('value', a.get(
                'description', ''))) for a in p.get('args', [])))
        elif m == 'Runtime.exceptionThrown':
            console.append(p['exceptionDetails'].get('text', 'exception'))
        elif m == 'Log.entryAdded' and p['entry'].get('level') == 'error':
            console.append(p['entry'].get('text', ''))
        elif m == 'Network.requestWillBeSent':
            url = p['request']['url']
            if not url.startswith(('file:', 'data:')):
                fetches.append(url)
    return console, fetches


def visit(browser, url, width, height, shot, mobile):
    target = browser.send('Target.createTarget', {'url': 'about:blank'})
    s = browser.send('Target.attachToTarget', {
        'targetId': target['targetId'], 'flatten': True})['sessionId']
    for domain in ('Runtime', 'Log', 'Page', 'Network'):
        browser.send(domain + '.enable', session=s)
    browser.send('Emulation.setDeviceMetricsOverride', {
        'width': width, 'height': height, 'deviceScaleFactor': 1,
        'mobile': mobile}, session=s)
    browser.send('Page.navigate', {'url': url}, session=s)
    if not browser.wait_event('Page.loadEventFired', TIMEOUT):
        raise RuntimeError('the page did not load')
    browser.drain(0.5)
    probe = browser.send('Runtime.evaluate', {
        'expression': PROBE, 'returnByValue': True}, session=s)
    result = probe['result']['value']
    size = browser.send('Page.getLayoutMetrics', session=s)['cssContentSize']
    png = browser.send('Page.captureScreenshot', {
        'format': 'png', 'captureBeyondViewport': True,
        'clip': {'x': 0, 'y': 0, 'width': width,
                 'height': max(height, int(size['height'])), 'scale': 1}},
        session=s)
    with open(shot, 'wb') as f:
        f.write(base64.b64decode(png['data']))
    result['console'], result['fetches'] = problems(browser.events)
    return result


def main(argv):
    if len(argv) not in (6, 7):
        sys.stderr.write(__doc__)
        return 2
    exe, url, width, height, shot = argv[1:6]
    mobile = len(argv) == 7 and argv[6] == 'mobile'
    with tempfile.TemporaryDirectory(prefix='pvbot-chromium.') as profile:
        browser = Browser(exe, profile)
        try:
            result = visit(browser, url, int(width), int(height), shot,
                           mobile)
        except (RuntimeError, KeyError) as e:
            sys.stderr.write('browser.py: %s\n' % e)
            return 2
        finally:
            browser.close()
    json.dump(result, sys.stdout, sort_keys=True)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
