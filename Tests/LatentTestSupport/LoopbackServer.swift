import Foundation

/// Python's http.server serving one directory on 127.0.0.1 at a port the system picks; stopped on deinit.
public final class LoopbackServer {
    public let baseURL: URL
    private let process = Process()

    public init(serving directory: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", directory]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line says "Serving HTTP on 127.0.0.1 port NNNN (...)".
        var line = ""
        while !line.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line += String(decoding: chunk, as: UTF8.self)
        }
        guard let portText = line.split(separator: " ").drop(while: { $0 != "port" }).dropFirst().first,
              let port = Int(portText) else {
            process.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "http.server said: \(line)"])
        }
        baseURL = URL(string: "http://127.0.0.1:\(port)/")!
    }

    // No waitUntilExit: it spins a run loop that can starve Swift Testing's cooperative threads.
    deinit { process.terminate() }
}
