import Foundation

/// An HTTP server on 127.0.0.1 (Python's http.server, at a port the system picks) serving the files of one directory.
///
/// Routes: `/NAME` serves the file whole, `/truncated/NAME` announces the full length and sends half,
/// `/stall/NAME` announces the full length, sends the first `stalledBytes` bytes with the headers and then nothing
/// until the client hangs up (or a minute has passed, when it closes: a client without a deadline sees a truncated
/// body, not a timeout); anything else is a 404. Stop it with `stop()` or use `LoopbackServer.serving(_:_:)`;
/// deinit stops it too, and the server exits by itself when the test process is gone.
public final class LoopbackServer {
    public let baseURL: URL
    /// How many body bytes `/stall/NAME` sends before it stops.
    public static let stalledBytes = 3
    private let process = Process()

    /// The server's process, to check that it is gone.
    public var processIdentifier: Int32 { process.processIdentifier }

    public init(serving directory: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", LoopbackServer.script, directory, String(LoopbackServer.stalledBytes)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line says "port NNNN".
        var line = ""
        while !line.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line += String(decoding: chunk, as: UTF8.self)
        }
        guard let portText = line.split(whereSeparator: \.isWhitespace).dropFirst().first, let port = Int(portText),
            let url = URL(string: "http://127.0.0.1:\(port)/")
        else {
            baseURL = URL(fileURLWithPath: "/")
            stop()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the server said: \(line)"])
        }
        baseURL = url
    }

    /// Runs `body` with a server for `directory`, stopping it however `body` ends.
    public static func serving<T>(_ directory: String, _ body: (LoopbackServer) async throws -> T) async throws -> T {
        let server = try LoopbackServer(serving: directory)
        defer { server.stop() }
        return try await body(server)
    }

    /// Ends the server and waits until it is gone: SIGTERM, then SIGKILL after two seconds.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        if !waitForExit(seconds: 2) {
            kill(process.processIdentifier, SIGKILL)
            _ = waitForExit(seconds: 2)
        }
    }

    deinit { stop() }

    // Polls rather than calling waitUntilExit, which spins a run loop that can starve Swift Testing's threads.
    private func waitForExit(seconds: Double) -> Bool {
        let end = Date(timeIntervalSinceNow: seconds)
        while process.isRunning, Date() < end { usleep(20_000) }
        return !process.isRunning
    }

    /// The server. Swift Testing's threads block SIGTERM and a child inherits that mask, which is why servers
    /// used to outlive the tests: the script unblocks every signal first, then watches for its parent's end.
    private static let script = """
        import http.server, os, signal, sys, threading, time
        from pathlib import Path

        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        root, stalled, parent = Path(sys.argv[1]), int(sys.argv[2]), os.getppid()

        def watch_parent():
            while os.getppid() == parent:
                time.sleep(0.2)
            os._exit(0)

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                route, _, name = self.path.strip("/").rpartition("/")
                source = root / name
                if route not in ("", "stall", "truncated") or not name or not source.is_file():
                    self.send_error(404)
                    return
                body = source.read_bytes()
                try:
                    if route == "stall":
                        # Headers and first bytes in one write, so that they arrive together; then wait for the
                        # client to hang up (its read ends) rather than for a time.
                        head = f"{self.protocol_version} 200 OK\\r\\nContent-Length: {len(body)}\\r\\n\\r\\n".encode()
                        self.wfile.write(head + body[:stalled])
                        self.connection.settimeout(60)
                        while self.rfile.read(1):
                            pass
                        return
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2] if route == "truncated" else body)
                except OSError:
                    pass

        threading.Thread(target=watch_parent, daemon=True).start()
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        print("port", server.server_address[1], flush=True)
        server.serve_forever()
        """
}
