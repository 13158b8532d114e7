#!/usr/bin/env python3
"""The SMTP sink's own ceiling: one smtplib connection sending N messages of SIZE bytes, as fast as it can.
usage: smtp-peer.py HOST PORT N [SIZE] [RCPT]   prints 'PEER smtplib: N messages in S s = R msg/s'"""
import smtplib, sys, time
host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
size = int(sys.argv[4]) if len(sys.argv) > 4 else 2500
rcpt = sys.argv[5] if len(sys.argv) > 5 else "peer@customer.example"
body = ("x" * 76 + "\r\n") * (size // 78)
with smtplib.SMTP(host, port) as s:
    s.ehlo("peer.example")
    t0 = time.perf_counter()
    for i in range(n):
        msg = ("From: peer@bench.example\r\nTo: %s\r\nSubject: peer %d\r\nMessage-ID: <peer-%d-%f@bench.example>\r\n\r\n%s"
               % (rcpt, i, i, t0, body))
        s.sendmail("peer@bench.example", [rcpt], msg)
    dt = time.perf_counter() - t0
print("PEER smtplib: %d messages in %.2f s = %.0f msg/s" % (n, dt, n / dt))
