#!/usr/bin/env python3
"""A real SMTP server (aiosmtpd) for SafeCity's reporter-notice tests.

Each message received is parsed with Python's `email` package (strict policy) and written as JSON
to DIR/<n>.json: envelope sender and recipients, decoded headers, the decoded body and any defects
the parser found. Options: --port (0 picks a free one), --auth USER:PASS (AUTH required),
--reject ADDRESS (RCPT TO that address gets 550). Prints "READY <port>" when listening.
"""
import argparse, email, email.policy, json, os, signal, socket, sys, threading, time
from email.header import decode_header, make_header

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Handler:
    def __init__(self, directory, reject):
        self.directory, self.reject, self.count, self.lock = directory, set(reject), 0, threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        strict = email.message_from_bytes(raw, policy=email.policy.strict)
        lenient = email.message_from_bytes(raw, policy=email.policy.default)
        headers = {name: str(make_header(decode_header(value))) for name, value in lenient.items()}
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": headers,
            "header_names": [name for name, _ in lenient.items()],
            "raw_subject": lenient.get("Subject", ""),
            "body": lenient.get_content() if not lenient.is_multipart() else None,
            "content_type": lenient.get_content_type(),
            "charset": lenient.get_content_charset(),
            "defects": [type(d).__name__ for d in strict.defects] + [type(d).__name__ for part in strict.walk() for d in part.defects],
            "date_parsed": email.utils.parsedate_to_datetime(lenient["Date"]).isoformat() if lenient["Date"] else None,
            "auth": session.authenticated,
            "raw_lines_max": max((len(line) for line in raw.split(b"\r\n")), default=0),
        }
        with self.lock:
            self.count += 1
            name = "%05d-%d" % (self.count, os.getpid())
        path = os.path.join(self.directory, name + ".json")
        with open(path + ".tmp", "w") as out:
            json.dump(record, out)
        os.rename(path + ".tmp", path)
        return "250 Message accepted"


def main():
    # A child of a Swift test process may inherit a mask that blocks SIGTERM; take it back so that terminate works.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--auth")
    parser.add_argument("--reject", action="append", default=[])
    args = parser.parse_args()
    port = args.port
    if port == 0:
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
    options = {}
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = getattr(auth_data, "login", None) == user.encode() and getattr(auth_data, "password", None) == password.encode()
            return AuthResult(success=ok)

        options = dict(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    controller = Controller(Handler(args.dir, args.reject), hostname="127.0.0.1", port=port, **options)
    controller.start()
    print("READY %d" % port, flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
