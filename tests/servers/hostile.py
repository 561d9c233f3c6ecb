#!/usr/bin/python3
"""A hostile NNTP or IMAP server, for faults no real server produces.

usage: hostile.py nntp|imap MODE PORTFILE [MAX]

Speaks just enough of the protocol for pvbot's poll: three messages,
h1, h2 and h3 (h2 announced as 100 bytes); MODE says how it misbehaves:

  greeting-flood  a greeting line that never ends
  list-flood      XOVER / the UID FETCH listing never ends
  over-line       an XOVER answer of one endless line (NNTP)
  endless         h2's body never ends
  large           h2 is 1.5 x MAX bytes and ends properly
  drip            h2's body comes one byte a second
  bad-greeting    a greeting with a BADCHARSET code (IMAP)
  bad-flags       EXAMINE answers a broken PERMANENTFLAGS code (IMAP)
  bad-idle        IDLE's go-ahead has a BADCHARSET code (IMAP)
  none            behaves

"Never ends" stops at STOP bytes (512 MiB), where the old code would
have finished, so that a pvbot without limits fails the test's bounds
instead of hanging it.  Each connection is served in its own thread (pvbot
reconnects after cutting an answer off); the port is written to PORTFILE
once listening.  Standard library only.
"""

import os
import socket
import sys
import threading
import time

STOP = 512 * 1024 * 1024
CHUNK = 1024 * 1024


def message(n, size=0):
    head = ("From: Hostile <h@hostile.test>\r\n"
            "To: xen-devel@lists.xenproject.org\r\n"
            "Subject: [PATCH] hostile %d\r\n"
            "Date: Mon, 2 Nov 2026 10:00:00 +0000\r\n"
            "Message-ID: <h%d@hostile.test>\r\n\r\n" % (n, n)).encode()
    body = b"Body of h%d.\r\n" % n
    if size > len(head) + len(body):
        line = b"x" * 70 + b"\r\n"
        need = size - len(head) - len(body)
        body += line * (need // len(line))
    return head + body


class Conn:
    def __init__(self, sock, proto, mode, maxsize):
        self.s = sock
        self.f = sock.makefile("rb")
        self.proto = proto
        self.mode = mode
        self.max = maxsize

    def send(self, data):
        self.s.sendall(data)

    def flood(self, unit, end=b""):
        """unit repeated up to STOP bytes, then end."""
        block = unit * max(1, CHUNK // len(unit))
        sent = 0
        while sent < STOP:
            self.send(block)
            sent += len(block)
        self.send(end)

    def drip(self, data):
        for i in range(len(data)):
            self.send(data[i:i + 1])
            time.sleep(1)

    def body(self, n):
        """h2's body as the mode has it: True if it was sent whole."""
        if n != 2 or self.mode not in ("endless", "large", "drip"):
            return False
        if self.mode == "endless":
            self.flood(b"y" * 70 + b"\r\n")
        elif self.mode == "large":
            self.send(message(2, self.max * 3 // 2))
        else:
            self.drip(message(2) * 100)
        return True

    # --- NNTP ---------------------------------------------------------
    def nntp(self):
        if self.mode == "greeting-flood":
            self.flood(b"A", b"\r\n")
            return
        self.send(b"200 hostile NNTP ready\r\n")
        for line in self.f:
            words = line.decode("latin-1").split()
            cmd = words[0].upper() if words else ""
            if cmd == "MODE":
                self.send(b"200 reader\r\n")
            elif cmd == "GROUP":
                self.send(b"211 3 1 3 %s\r\n" % words[1].encode())
            elif cmd == "XOVER":
                self.xover(words[1])
            elif cmd == "ARTICLE":
                self.article(int(words[1]))
            elif cmd == "QUIT":
                self.send(b"205 bye\r\n")
                return
            else:
                self.send(b"500 what?\r\n")

    def xover(self, arg):
        lo, _, hi = arg.partition("-")
        lo, hi = int(lo), int(hi or lo)
        self.send(b"224 overview\r\n")
        if self.mode == "list-flood":
            self.flood(b"1\tx\tx\tx\t<h1@hostile.test>\t\t100\t1\r\n",
                       b".\r\n")
            return
        if self.mode == "over-line":
            self.flood(b"1\t" + b"x" * 1000, b"\r\n.\r\n")
            return
        for n in range(max(lo, 1), min(hi, 3) + 1):
            size = 100 if n == 2 else len(message(n))
            self.send(b"%d\t[PATCH] hostile %d\th@hostile.test\t"
                      b"Mon, 2 Nov 2026 10:00:00 +0000\t<h%d@hostile.test>"
                      b"\t\t%d\t3\r\n" % (n, n, n, size))
        self.send(b".\r\n")

    def article(self, n):
        if n < 1 or n > 3:
            self.send(b"423 no such article\r\n")
            return
        self.send(b"220 %d <h%d@hostile.test>\r\n" % (n, n))
        if not self.body(n):
            self.send(message(n))
        self.send(b".\r\n")

    # --- IMAP ---------------------------------------------------------
    def imap(self):
        if self.mode == "greeting-flood":
            self.flood(b"A", b"\r\n")
            return
        if self.mode == "bad-greeting":
            self.send(b"* OK [BADCHARSET (x)] hostile IMAP ready\r\n")
        else:
            self.send(b"* OK [CAPABILITY IMAP4rev1 IDLE] hostile IMAP "
                      b"ready\r\n")
        for line in self.f:
            words = line.decode("latin-1").split()
            if len(words) < 2:
                continue
            tag, cmd = words[0].encode(), words[1].upper()
            if cmd == "UID" and len(words) > 3:
                self.fetch(tag, words[3], line)
                continue
            if cmd == "CAPABILITY":
                self.send(b"* CAPABILITY IMAP4rev1 IDLE\r\n")
            elif cmd == "IDLE":
                self.send(b"+ [BADCHARSET (x)] idling\r\n"
                          if self.mode == "bad-idle" else b"+ idling\r\n")
                self.f.readline()   # DONE
            elif cmd == "EXAMINE":
                if self.mode == "bad-flags":
                    self.send(os.environ.get("HOSTILE_FLAGS",
                              "* OK [PERMANENTFLAGS (\r\n").encode())
                self.send(b"* 3 EXISTS\r\n* 0 RECENT\r\n"
                          b"* OK [UIDVALIDITY 42] ok\r\n"
                          b"* OK [UIDNEXT 4] ok\r\n* FLAGS (\\Seen)\r\n")
                self.send(tag + b" OK [READ-ONLY] done\r\n")
                continue
            elif cmd == "LOGOUT":
                self.send(b"* BYE\r\n" + tag + b" OK bye\r\n")
                return
            self.send(tag + b" OK done\r\n")

    def uids(self, spec):
        out = []
        for part in spec.split(","):
            lo, _, hi = part.partition(":")
            hi = "3" if hi == "*" else (hi or lo)
            out += range(int(lo), min(int(hi), 3) + 1)
        return out

    def fetch(self, tag, spec, line):
        if b"HEADER.FIELDS" in line:
            if self.mode == "list-flood":
                self.flood(b"* 1 FETCH (UID 1 RFC822.SIZE 100 BODY[HEADER"
                           b".FIELDS (MESSAGE-ID)] {0}\r\n)\r\n")
            for n in self.uids(spec):
                hdr = b"Message-ID: <h%d@hostile.test>\r\n\r\n" % n
                size = 100 if n == 2 else len(message(n))
                self.send(b"* %d FETCH (UID %d RFC822.SIZE %d BODY[HEADER"
                          b".FIELDS (MESSAGE-ID)] {%d}\r\n%s)\r\n"
                          % (n, n, size, len(hdr), hdr))
        else:
            for n in self.uids(spec):
                self.body_fetch(n)
        self.send(tag + b" OK done\r\n")

    def body_fetch(self, n):
        if n == 2 and self.mode == "endless":
            self.send(b"* 2 FETCH (UID 2 BODY[] {%d}\r\n" % STOP)
            self.flood(b"y" * 70 + b"\r\n", b")\r\n")
            return
        data = message(n)
        if n == 2 and self.mode == "large":
            data = message(2, self.max * 3 // 2)
        self.send(b"* %d FETCH (UID %d BODY[] {%d}\r\n" % (n, n, len(data)))
        if n == 2 and self.mode == "drip":
            self.drip(data)
        else:
            self.send(data)
        self.send(b")\r\n")


def serve(sock, proto, mode, maxsize):
    c = Conn(sock, proto, mode, maxsize)
    try:
        c.nntp() if proto == "nntp" else c.imap()
    except OSError:
        pass    # pvbot hung up: what it is meant to do
    finally:
        sock.close()


def main():
    proto, mode, portfile = sys.argv[1:4]
    maxsize = int(sys.argv[4]) if len(sys.argv) > 4 else 1024 * 1024
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", 0))
    ls.listen(8)
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % ls.getsockname()[1])
    os.rename(portfile + ".tmp", portfile)
    while True:
        sock, _ = ls.accept()
        threading.Thread(target=serve, args=(sock, proto, mode, maxsize),
                         daemon=True).start()


if __name__ == "__main__":
    main()
