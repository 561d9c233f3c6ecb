"""SMTP sink for pvbot's integration tests (run with /usr/bin/python3).

usage: smtp_sink.py [--fail-file FILE] [--auth USER:PASS] PORT MAILDIR [LIST_ADDR]

Mail for LIST_ADDR goes into public-inbox through public-inbox-mda (PI_CONFIG
and PI_EMERGENCY come from the environment), like a list server would; every
other recipient gets its own copy in MAILDIR, headed by X-MailFrom and
X-RcptTo so tests can see the envelope.

With --auth the sink requires AUTH (PLAIN or LOGIN, without TLS: it is a
test) with that user and password, and logs "auth ok USER" (never the
password) when a client logs in.

FILE scripts failures, so tests can check how pvbot handles them.  It is read
on every command, so tests change it while the sink runs.  Each line is
    STAGE CODE [ADDRESS] [TEXT]
STAGE is mail, rcpt or data (data: the answer at the end of DATA); CODE is
the reply code (451, 550, ...).  With ADDRESS (a word with an @) the line
applies only to that sender (mail) or recipient (rcpt, data: any recipient
of the message).  TEXT is what follows the code in the reply, as a real
server words it ("5.7.1 Refused: message looks like spam"); a literal \n in
it starts another line of a multi-line reply.  Without TEXT the reply is
"CODE X.0.0 scripted STAGE failure (pvbot test sink)".
"""
import asyncio
import mailbox
import os
import subprocess
import sys

from aiosmtpd.controller import Controller


def parse_args(argv):
    fail_file = auth = None
    while len(argv) > 1 and argv[0] in ("--fail-file", "--auth"):
        if argv[0] == "--fail-file":
            fail_file = argv[1]
        else:
            auth = argv[1]
        argv = argv[2:]
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    return fail_file, auth, int(argv[0]), argv[1], (argv[2].lower() if len(argv) == 3 else None)


def authenticator(want):
    """An aiosmtpd authenticator accepting only USER:PASS."""
    from aiosmtpd.smtp import AuthResult, LoginPassword
    user, _, password = want.partition(":")

    def check(server, session, envelope, mechanism, data):
        if (isinstance(data, LoginPassword) and data.login.decode() == user
                and data.password.decode() == password):
            print(f"auth ok {user}", flush=True)
            return AuthResult(success=True)
        print("auth failed", flush=True)
        return AuthResult(success=False, handled=False)
    return check


def scripted(fail_file, stage, addrs):
    """The reply a test asked for at STAGE for one of ADDRS, else None."""
    if not fail_file or not os.path.exists(fail_file):
        return None
    with open(fail_file) as f:
        for line in f:
            w = line.split(None, 2)
            if len(w) < 2 or w[0].lower() != stage:
                continue
            rest = w[2].strip() if len(w) > 2 else ""
            addr, _, text = rest.partition(" ")
            if "@" in addr and not addr.startswith("<"):
                if addr.lower() not in (a.lower() for a in addrs):
                    continue
                rest = text.strip()
            return reply(w[1], rest or f"{w[1][0]}.0.0 scripted {stage} "
                         "failure (pvbot test sink)")
    return None


def reply(code, text):
    """CODE and TEXT as an SMTP reply, multi-line where TEXT has \\n."""
    lines = text.split("\\n")
    return "\r\n".join(f"{code}{'-' if i < len(lines) - 1 else ' '}{t.strip()}"
                       for i, t in enumerate(lines))


class Handler:
    def __init__(self, fail_file, maildir, list_addr):
        self.fail_file, self.list_addr = fail_file, list_addr
        self.box = mailbox.Maildir(maildir, create=True)

    async def handle_MAIL(self, server, session, envelope, address, options):
        err = scripted(self.fail_file, "mail", [address])
        if err:
            return err
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        err = scripted(self.fail_file, "rcpt", [address])
        if err:
            return err
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        err = scripted(self.fail_file, "data", envelope.rcpt_tos)
        if err:
            return err
        # SMTP carries CRLF; store what a local MTA would: LF line ends.
        data = envelope.original_content.replace(b"\r\n", b"\n")
        for rcpt in envelope.rcpt_tos:
            print(f"from={envelope.mail_from} rcpt={rcpt}", flush=True)
            if self.list_addr and rcpt.lower() == self.list_addr:
                env = dict(os.environ, ORIGINAL_RECIPIENT=rcpt)
                r = subprocess.run(["public-inbox-mda"], input=data, env=env)
                if r.returncode != 0:
                    return f"451 4.3.0 public-inbox-mda exit {r.returncode}"
            else:
                head = f"X-MailFrom: {envelope.mail_from}\nX-RcptTo: {rcpt}\n"
                self.box.add(head.encode() + data)
        return "250 OK"


def main():
    fail_file, auth, port, maildir, list_addr = parse_args(sys.argv[1:])
    extra = {}
    if auth:
        extra = dict(auth_required=True, auth_require_tls=False,
                     authenticator=authenticator(auth))
    ctl = Controller(Handler(fail_file, maildir, list_addr),
                     hostname="127.0.0.1", port=port, **extra)
    ctl.start()
    print(f"listening 127.0.0.1:{port}", flush=True)
    try:
        asyncio.new_event_loop().run_forever()
    finally:
        ctl.stop()


if __name__ == "__main__":
    main()
