#!/usr/bin/python3
"""Record what a real server sends, as a seed for fuzz-nntp or fuzz-imap.

usage: record-server.py HOST:PORT OUT [OPTION-BYTE]

Listens on a loopback port (printed on stdout), relays one connection to
HOST:PORT and writes OUT: the option byte (see tests/fuzz/fuzz-live.c;
default 0), then every byte the server sent.  Point a pvbot source at the
printed port and poll it once, with the settings the harness uses
(anonymous, group org.example.fuzz or mailbox INBOX).
"""

import socket
import sys
import threading


def pump(src, dst, log=None):
    while True:
        data = src.recv(65536)
        if not data:
            break
        if log is not None:
            log.write(data)
        dst.sendall(data)
    try:
        dst.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def main():
    host, port = sys.argv[1].rsplit(":", 1)
    opt = int(sys.argv[3], 0) if len(sys.argv) > 3 else 0
    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen(1)
    print(ls.getsockname()[1], flush=True)
    client, _ = ls.accept()
    server = socket.create_connection((host, int(port)))
    with open(sys.argv[2], "wb") as out:
        out.write(bytes([opt]))
        up = threading.Thread(target=pump, args=(client, server))
        up.start()
        pump(server, client, out)
        up.join()


if __name__ == "__main__":
    main()
