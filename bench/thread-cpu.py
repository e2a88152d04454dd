#!/usr/bin/env python3
"""Where one decant command's CPU goes: runs bin/decant with the arguments given and, every 50 ms while it
runs, reads the CPU seconds (user + system) of each of its threads and of every PostgreSQL process from /proc.
At the end it prints the wall seconds and the CPU seconds per group: the JIT compiler threads, the VM thread
(where the serial collector runs), decant's own threads by name (the table readers, the COPY writer, verify's
workers, main), the rest of the JVM, PostgreSQL's connection backends (COPY, CREATE INDEX, verify's reads) and
its background processes (WAL writer, checkpointer); parallel workers (of CREATE INDEX) apart. Backends are counted only for the
databases that the arguments' postgres:// URLs name; background processes are the server's, whoever else uses it. Each figure is a lower bound: a thread's
or process's last 50 ms before it ends may be missed.

    bench/thread-cpu.py [-n RUNS] [-d DB] -- decant-arguments...
    bench/thread-cpu.py -n 3 -d tc_whole -- migrate --from sqlite:/tmp/d1.db \\
        --to postgres://postgres@127.0.0.1:5432/tc_whole --create-schema

-d DB: a PostgreSQL database dropped and created before each run (psql, PGHOST/PGPORT/PGUSER or their
defaults), and dropped at the end: a migrate's target. DECANT_JAR and DECANT_JAVA_OPTS reach bin/decant.
Linux only (/proc).
"""
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DECANT = os.path.join(HERE, "..", "bin", "decant")
HZ = os.sysconf("SC_CLK_TCK")


def stat(path):
    """(name, cpu ticks) of a /proc stat file, or None when it is gone."""
    try:
        with open(path) as f:
            line = f.read()
    except OSError:
        return None
    name = line[line.index("(") + 1:line.rindex(")")]
    fields = line[line.rindex(")") + 2:].split()
    return name, int(fields[11]) + int(fields[12])


def databases(args):
    """The names of the PostgreSQL databases the arguments name (postgres://.../NAME), to count only their backends."""
    out = set()
    for a in args:
        if a.startswith(("postgres://", "postgresql://")):
            out.add(a.split("?")[0].rstrip("/").rsplit("/", 1)[-1])
    return out


def postgres_processes(dbs):
    """
    pid -> (kind, ticks) of every PostgreSQL process: a backend of a connection to one of dbs (every connection's
    when dbs is empty; other clients' backends are left out), or a background process (shared by all).
    """
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        s = stat("/proc/%s/stat" % pid)
        if s is None or not s[0].startswith("postgres"):
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                cmd = f.read().decode("utf-8", "replace")
        except OSError:
            continue
        if "parallel worker" in cmd:
            out[pid] = ("postgres parallel workers", s[1])  # of an index build (any client's)
            continue
        backend = "(" in cmd and ("127.0.0.1" in cmd or "[local]" in cmd or "::1" in cmd)
        if backend and dbs and not any((" %s " % d) in cmd.replace("\0", " ") for d in dbs):
            continue
        out[pid] = ("postgres backends" if backend else "postgres background", s[1])
    return out


def group(thread):
    if thread.startswith(("C1 CompilerThre", "C2 CompilerThre")):
        return "jvm: JIT compilers"
    if thread == "VM Thread":
        return "jvm: VM thread (serial GC)"
    if thread.startswith("GC Thread") or thread.startswith("G1"):
        return "jvm: GC threads"
    if thread.startswith("decant-read"):
        return "decant: table readers"
    if thread.startswith("decant-load"):
        return "decant: COPY writers"
    if thread.startswith("decant-verify"):
        return "decant: verify workers"
    if thread == "java" or thread == "main":
        return "decant: main"
    if thread.startswith(("ForkJoinPool", "pool-", "Thread-")):
        return "decant: other worker threads"
    return "jvm: other"


def run_once(args, db):
    if db:
        for sql in ('DROP DATABASE IF EXISTS "%s"' % db, 'CREATE DATABASE "%s"' % db):
            subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c", sql], check=True)
    dbs = databases(args)
    before = postgres_processes(dbs)
    threads = {}
    pg = {}
    start = time.monotonic()
    p = subprocess.Popen([DECANT] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while p.poll() is None:
        try:
            tids = os.listdir("/proc/%d/task" % p.pid)
        except OSError:
            tids = []
        for tid in tids:
            s = stat("/proc/%d/task/%s/stat" % (p.pid, tid))
            if s is not None:
                threads[tid] = s
        for pid, (kind, ticks) in postgres_processes(dbs).items():
            # a backend's title names its database only once it has one: once a backend, always one
            pg[pid] = (pg[pid][0] if pid in pg and pg[pid][0] != "postgres background" else kind, ticks)
        time.sleep(0.05)
    wall = time.monotonic() - start
    err = p.stderr.read().decode("utf-8", "replace")
    if p.returncode != 0:
        sys.exit("bench: decant exited %d:\n%s" % (p.returncode, err))
    groups = {}
    for name, ticks in threads.values():
        g = group(name)
        groups[g] = groups.get(g, 0) + ticks
    for pid, (kind, ticks) in pg.items():
        used = ticks - (before[pid][1] if pid in before else 0)
        groups[kind] = groups.get(kind, 0) + used
    return wall, {g: t / HZ for g, t in groups.items()}


def main():
    argv = sys.argv[1:]
    runs, db = 3, None
    while argv and argv[0] != "--":
        if argv[0] == "-n":
            runs = int(argv[1])
            argv = argv[2:]
        elif argv[0] == "-d":
            db = argv[1]
            argv = argv[2:]
        else:
            sys.exit(__doc__)
    args = argv[1:]
    if not args:
        sys.exit(__doc__)
    print("decant " + " ".join(args))
    print("%s UTC, %d cores, load %s" % (time.strftime("%Y-%m-%d %H:%M", time.gmtime()), os.cpu_count(),
                                          open("/proc/loadavg").read().split()[0]))
    results = []
    try:
        for r in range(runs):
            wall, groups = run_once(args, db)
            results.append((wall, groups))
            print("run %d: wall %.2f s, CPU %.2f s (decant's JVM %.2f, PostgreSQL %.2f)" % (
                r + 1, wall, sum(groups.values()), sum(v for k, v in groups.items() if not k.startswith("postgres")),
                sum(v for k, v in groups.items() if k.startswith("postgres"))))
    finally:
        if db:
            subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c", 'DROP DATABASE IF EXISTS "%s"' % db])
    names = sorted({g for _, gs in results for g in gs})
    print("\nCPU seconds per group, median of %d runs (all runs in brackets)" % runs)
    for g in names:
        vals = sorted(gs.get(g, 0.0) for _, gs in results)
        print("  %-32s %6.2f   [%s]" % (g, vals[len(vals) // 2], " ".join("%.2f" % gs.get(g, 0.0) for _, gs in results)))
    walls = sorted(w for w, _ in results)
    print("  %-32s %6.2f   [%s]" % ("wall", walls[len(walls) // 2], " ".join("%.2f" % w for w, _ in results)))


if __name__ == "__main__":
    main()
