#!/usr/bin/env python3
"""Runs the bad-input catalogue (Tests/BadInput/cases/*.toml) through the real `latent` binary.

Each case is data: the arguments, the expected exit status, the words its message must contain, and
what must survive the run. The format is described in Tests/README.md. The closing line counts
passed, failed and skipped cases; the exit status is 1 when any case failed.
"""
import argparse
import hashlib
import http.server
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent.parent
FASHION = Path("/usr/share/datasets/fashion-mnist")
MNIST = (REPOSITORY.parent / "shared" / "data" / "mnist").resolve()

# Signs of a crash or of an error message that leaks a framework's internals instead of naming the problem.
FORBIDDEN = ["Fatal error", "Stack dump", "backtrace", "Error Domain=", "NSCocoaErrorDomain", "NSURLErrorDomain"]


class LoopbackHandler(http.server.BaseHTTPRequestHandler):
    """Serves the MNIST files whole, slowly, truncated or altered, so fetch cases need no network."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        parts = self.path.strip("/").split("/")
        source = MNIST / parts[-1] if len(parts) == 2 else None
        if source is None or parts[0] not in ("mnist", "slow", "truncated", "wrong") or not source.is_file():
            self.send_error(404)
            return
        body = source.read_bytes()
        if parts[0] == "wrong":
            body = bytes(reversed(body))
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            if parts[0] == "slow":
                for byte in body[:120]:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(1)
            elif parts[0] == "truncated":
                self.wfile.write(body[: len(body) // 2])
            else:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


class Case:
    def __init__(self, table, source):
        self.table = table
        self.source = source
        self.name = table["name"]

    def expand(self, value, places):
        if isinstance(value, str):
            for key, place in places.items():
                value = value.replace("{" + key + "}", place)
            return value
        if isinstance(value, list):
            return [self.expand(item, places) for item in value]
        if isinstance(value, dict):
            return {key: self.expand(item, places) for key, item in value.items()}
        return value

    def missing_needs(self):
        checks = {
            "root": os.geteuid() == 0,
            "nonroot": os.geteuid() != 0,
            "mnist": MNIST.is_dir(),
            "fashion-mnist": FASHION.is_dir(),
        }
        return [need for need in self.table.get("needs", []) if not checks.get(need, False)]


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def streams(stdout, stderr):
    """Popen's stdout, stderr and preexec_fn for a case's `stdout`/`stderr` ("closed" or "full"); the output read
    back is the other stream's."""
    closed = [number for number, how in ((1, stdout), (2, stderr)) if how == "closed"]
    def target(how):
        return open("/dev/full", "wb") if how == "full" else subprocess.DEVNULL
    if stdout is None and stderr is None:
        return subprocess.PIPE, subprocess.STDOUT, None
    if stdout is not None:
        return target(stdout), subprocess.PIPE, lambda: [os.close(number) for number in closed]
    return subprocess.PIPE, target(stderr), lambda: [os.close(number) for number in closed]


def run_latent(latent, args, env, cwd, timeout, kill_after=None, stdout=None, stderr=None, interrupt_after=None):
    """Runs latent in its own process group; returns (status, output, peak RSS in MB, timed out)."""
    out, err, closing = streams(stdout, stderr)
    process = subprocess.Popen([latent] + args, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=cwd,
                               start_new_session=True, preexec_fn=closing)
    read_back = process.stdout if process.stdout is not None else process.stderr
    output = []
    reader = threading.Thread(target=lambda: output.append(read_back.read()))
    reader.start()
    result = {}
    waiter = threading.Thread(target=lambda: result.update(wait=os.wait4(process.pid, 0)))
    waiter.start()
    if interrupt_after is not None:
        waiter.join(interrupt_after)
        if waiter.is_alive():
            os.kill(process.pid, signal.SIGINT)
    if kill_after is not None:
        waiter.join(kill_after)
        if waiter.is_alive():
            os.killpg(process.pid, signal.SIGKILL)
    waiter.join(timeout)
    timed_out = waiter.is_alive()
    if timed_out:
        os.killpg(process.pid, signal.SIGKILL)
        waiter.join()
    reader.join()
    process.returncode = 0  # reaped by wait4 above; keeps Popen from waiting again
    _, status, usage = result["wait"]
    code = os.waitstatus_to_exitcode(status)
    return code, output[0].decode("utf-8", "replace"), usage.ru_maxrss / 1024, timed_out


def prepare(step, places, latent, env, mounts):
    action, *rest = step
    if action == "mkdir":
        Path(rest[0]).mkdir(parents=True, exist_ok=True)
    elif action == "write":
        Path(rest[0]).parent.mkdir(parents=True, exist_ok=True)
        Path(rest[0]).write_text(rest[1])
    elif action == "bytes":
        Path(rest[0]).parent.mkdir(parents=True, exist_ok=True)
        Path(rest[0]).write_bytes(bytes.fromhex(rest[1]))
    elif action == "copy":
        if Path(rest[0]).is_dir():
            shutil.copytree(rest[0], rest[1])
        else:
            Path(rest[1]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(rest[0], rest[1])
    elif action == "fifo":
        os.mkfifo(rest[0])
    elif action == "symlink":
        Path(rest[1]).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(rest[0], rest[1])
    elif action == "chmod":
        os.chmod(rest[0], int(rest[1], 8))
    elif action == "gzip":
        subprocess.run(["gzip", "-c", rest[0]], stdout=open(rest[1], "wb"), check=True)
    elif action == "tmpfs":
        Path(rest[0]).mkdir(parents=True, exist_ok=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={rest[1]}", "tmpfs", rest[0]], check=True)
        mounts.append(rest[0])
    elif action == "fill":
        # Unbuffered, so that the write that finds the disk full is the last one, not a close that fails.
        filler = os.open(rest[0], os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while os.write(filler, b"\0" * 4096) > 0:
                pass
        except OSError:
            pass
        finally:
            os.close(filler)
    elif action == "latent":
        code, output, _, _ = run_latent(latent, rest, env, places["tmp"], timeout=300)
        if code != 0:
            raise RuntimeError(f"prepare step latent {' '.join(rest)} exited {code}: {output[-500:]}")
    elif action == "python":
        subprocess.run([sys.executable] + rest, check=True, env=env, cwd=places["tmp"])
    else:
        raise RuntimeError(f"unknown prepare step {action}")


def run_case(case, latent, server):
    """Returns None when the case passed, else the reasons it failed."""
    scratch = tempfile.mkdtemp(prefix="latent-catalogue-")
    places = {"tmp": scratch, "files": str(HERE / "files"), "fashion": str(FASHION), "mnist": str(MNIST),
              "server": server}
    table = case.expand(case.table, places)
    env = dict(os.environ, **table.get("env", {}))
    mounts = []
    problems = []
    try:
        for step in table.get("prepare", []):
            prepare(step, places, latent, env, mounts)
        kept = {path: digest(path) for path in table.get("keeps", [])}
        code, output, rss, timed_out = run_latent(latent, table["args"], env, scratch, table.get("timeout", 60),
                                                  table.get("kill_after"), table.get("stdout"), table.get("stderr"),
                                                  table.get("interrupt_after"))
        if timed_out:
            problems.append(f"still running after {table.get('timeout', 60)} s")
        elif "kill_after" not in table:
            if code < 0 or code >= 128:
                problems.append(f"died with status {code}")
            elif code != table["exit"]:
                problems.append(f"exit {code}, expected {table['exit']}")
        problems += [f"output contains {word!r}" for word in FORBIDDEN if word.lower() in output.lower()]
        problems += [f"message lacks {word!r}" for word in table.get("message", []) if word.lower() not in output.lower()]
        if rss > table.get("max_rss_mb", float("inf")):
            problems.append(f"peak memory {rss:.0f} MB over {table['max_rss_mb']} MB")
        for path, before in kept.items():
            if not Path(path).is_file():
                problems.append(f"{path} is gone")
            elif digest(path) != before:
                problems.append(f"{path} changed")
        problems += [f"{path} exists" for path in table.get("absent", []) if os.path.lexists(path)]
        for path in table.get("loads", []):
            status, listing, _, _ = run_latent(latent, ["inspect", path], env, scratch, 60)
            if status != 0:
                problems.append(f"{path} does not load: {listing.strip()[-200:]}")
        if problems:
            problems.append("output: " + output.strip()[-600:])
    except Exception as error:  # a broken case is a failed case, not a stopped run
        problems.append(f"case could not run: {error}")
    finally:
        for mount in reversed(mounts):
            subprocess.run(["umount", "-l", mount], check=False)
        for folder, _, _ in os.walk(scratch):
            os.chmod(folder, 0o700)
        shutil.rmtree(scratch, ignore_errors=True)
    return problems or None


def load_cases(only):
    cases = []
    for source in sorted((HERE / "cases").glob("*.toml")):
        with open(source, "rb") as handle:
            cases += [Case(table, source.name) for table in tomllib.load(handle).get("case", [])]
    names = [case.name for case in cases]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        sys.exit(f"catalogue: duplicate case names: {', '.join(duplicates)}")
    return [case for case in cases if only is None or case.name.startswith(only)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latent", default=str(REPOSITORY / ".build" / "debug" / "latent"))
    parser.add_argument("--only", help="run only the cases whose name starts with this")
    options = parser.parse_args()
    latent = str(Path(options.latent).resolve())
    if not os.access(latent, os.X_OK):
        sys.exit(f"catalogue: no latent binary at {latent} (swift build first)")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), LoopbackHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    passed, failed, skipped = 0, [], 0
    try:
        for case in load_cases(options.only):
            missing = case.missing_needs()
            if missing:
                skipped += 1
                print(f"skip {case.name} (needs {', '.join(missing)})", flush=True)
                continue
            started = time.monotonic()
            problems = run_case(case, latent, base)
            took = time.monotonic() - started
            if problems:
                failed.append(case.name)
                print(f"FAIL {case.name} ({case.source}, {took:.1f} s)", flush=True)
                for problem in problems:
                    print("     " + problem.replace("\n", "\n     "), flush=True)
            else:
                passed += 1
                print(f"ok   {case.name} ({took:.1f} s)", flush=True)
    finally:
        server.shutdown()
        server.server_close()
    if failed:
        print("failed: " + ", ".join(failed))
    print(f"catalogue: {passed} passed, {len(failed)} failed, {skipped} skipped")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
