# Sourced by scripts/bench: the terminal UI's first frame, from process start until the screen
# shows its tab bar, in a pseudo-terminal (80x24); median of $runs starts.
first_frame=$(python3 - "$bin" "$runs" <<'PY'
import os, pty, select, signal, statistics, struct, sys, fcntl, termios, time

bin, runs = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(runs + 3):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execv(bin, [bin])
    seen = b""
    while b"Today" not in seen:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            sys.exit("no first frame within 5 s")
        try:
            seen += os.read(fd, 65536)
        except OSError:
            sys.exit("myolog ended before drawing: " + seen.decode(errors="replace"))
    times.append(time.perf_counter() - start)
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    os.close(fd)
print(statistics.median(times[3:]))
PY
)
echo "| \`myolog\` (the UI), first frame | $(ms "$first_frame") ms | — | — | — | under 30 ms |"
