#!/usr/bin/python3
"""Dataplane probes (stdlib only; run inside a host namespace by the dataplane suite).

listen TCP_PORTS UDP_PORTS: accepts TCP connections and echoes UDP datagrams on every address, both families.
probe TIMEOUT: reads probes as JSON lines on stdin ({id, src, target, family, protocol, port}) and prints one
JSON line per probe: {id, verdict: allow|deny|error, detail}. TCP: connected or refused = the packet
reached the host (allow); timeout = dropped (deny). UDP: an echo (or a port-unreachable) = allow. ICMP: ping.
"""
import json, selectors, socket, struct, subprocess, sys
from concurrent.futures import ThreadPoolExecutor


IP_PKTINFO = getattr(socket, "IP_PKTINFO", 8)


def listen(tcp_ports, udp_ports):
    sel = selectors.DefaultSelector()
    for port in tcp_ports:
        s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        s.bind(("::", port))
        s.listen(128)
        sel.register(s, selectors.EVENT_READ, "tcp")
    # UDP answers from the address the datagram was sent to (a host may hold many addresses; an answer
    # from another one would not be the reply of the connection): one socket per family with pktinfo.
    for port in udp_ports:
        s4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s4.setsockopt(socket.SOL_IP, IP_PKTINFO, 1)
        s4.bind(("0.0.0.0", port))
        sel.register(s4, selectors.EVENT_READ, "udp4")
        s6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        s6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        s6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)
        s6.bind(("::", port))
        sel.register(s6, selectors.EVENT_READ, "udp6")
    print("ready", flush=True)
    while True:
        for key, _ in sel.select():
            s = key.fileobj
            try:
                if key.data == "tcp":
                    c, _ = s.accept()
                    c.close()
                else:
                    data, anc, _, peer = s.recvmsg(2048, 256)
                    reply = []
                    for level, kind, value in anc:
                        if key.data == "udp4" and level == socket.SOL_IP and kind == IP_PKTINFO:
                            _, _, dst = struct.unpack("i4s4s", value[:12])
                            reply = [(socket.SOL_IP, IP_PKTINFO, struct.pack("i4s4s", 0, dst, b"\0" * 4))]
                        if key.data == "udp6" and level == socket.IPPROTO_IPV6 and kind == socket.IPV6_PKTINFO:
                            reply = [(socket.IPPROTO_IPV6, socket.IPV6_PKTINFO, struct.pack("16sI", value[:16], 0))]
                    s.sendmsg([data], reply, 0, peer)
            except OSError:
                pass


def one(p, timeout):
    fam = socket.AF_INET if p["family"] == "ipv4" else socket.AF_INET6
    try:
        if p["protocol"] == "icmp":
            args = ["ping", "-4" if fam == socket.AF_INET else "-6", "-c", "1", "-W", str(max(1, int(timeout))), "-I", p["src"], p["target"]]
            r = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout + 5)
            return ("allow", "echo reply") if r.returncode == 0 else ("deny", "no echo reply")
        kind = socket.SOCK_STREAM if p["protocol"] == "tcp" else socket.SOCK_DGRAM
        with socket.socket(fam, kind) as s:
            s.settimeout(timeout)
            s.bind((p["src"], 0))
            if kind == socket.SOCK_STREAM:
                try:
                    s.connect((p["target"], p["port"]))
                    return ("allow", "connected")
                except ConnectionRefusedError:
                    return ("allow", "refused by the host (reached it)")
            s.connect((p["target"], p["port"]))
            s.send(b"probe %d" % p["id"])
            try:
                s.recv(2048)
                return ("allow", "echo")
            except ConnectionRefusedError:
                return ("allow", "port unreachable from the host (reached it)")
    except socket.timeout:
        return ("deny", "timeout")
    except OSError as e:
        return ("error", "%s: %s" % (type(e).__name__, e))


def probe(timeout):
    probes = [json.loads(line) for line in sys.stdin if line.strip()]
    with ThreadPoolExecutor(max_workers=32) as ex:
        results = list(ex.map(lambda p: (p["id"], one(p, timeout)), probes))
    for pid, (verdict, detail) in results:
        print(json.dumps({"id": pid, "verdict": verdict, "detail": detail}), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "listen":
        ports = lambda a: [int(x) for x in a.split(",") if x]
        listen(ports(sys.argv[2]), ports(sys.argv[3]))
    else:
        probe(float(sys.argv[2]))
