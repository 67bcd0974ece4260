import Foundation
import Synchronization

/// Standard output and standard error for progress, logs and results, written so that a stream that cannot take
/// them (closed, a full disk, a reader that went away) costs those lines and never the run.
///
/// `FileHandle.write` traps on EPIPE, ENOSPC or EBADF, and a closed pipe's SIGPIPE ends the process: either would
/// lose a training run to a log line. Here a line that cannot be written is dropped and counted; `finish()` says
/// at the end, on whichever stream still works, what was lost.
public enum Console {
    /// One of the two standard streams.
    public enum Stream: Int32, Sendable {
        /// Standard output (file descriptor 1): results, and lines scripts read.
        case output = 1
        /// Standard error (file descriptor 2): progress, logs and messages.
        case error = 2

        var name: String { self == .output ? "standard output" : "standard error" }
    }

    /// Why each stream lost lines, and how many: the first failure's reason is the one reported.
    private struct Losses {
        var reasons: [Stream: String] = [:]
        var counts: [Stream: Int] = [:]
    }

    private static let losses = Mutex(Losses())

    /// Ignores SIGPIPE (a write to a closed pipe then fails with EPIPE instead of ending the process) and puts
    /// /dev/null where a standard stream was closed, so that the next file opened does not become standard output
    /// and take the progress lines meant for it. Call once, first thing.
    public static func prepare() {
        signal(SIGPIPE, SIG_IGN)
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) < 0 {
            let null = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
            if let stream = Stream(rawValue: descriptor) {
                record(stream, reason: "it was closed when latent started", counted: false)
            }
        }
    }

    /// Writes `text` whole to `stream`, or drops it and remembers why.
    ///
    /// - Parameters:
    ///   - text: What to write, newline included when one is meant.
    ///   - stream: Standard output or standard error.
    public static func write(_ text: String, to stream: Stream) {
        // Keeps the order with what `print` has buffered for standard output.
        // (`fflush(nil)` flushes every stream: Swift 6 refuses a reference to the C global `stdout`.)
        if stream == .output { fflush(nil) }
        if let failure = writeWhole(text, to: stream.rawValue) {
            record(stream, reason: String(cString: strerror(failure)))
        }
    }

    /// Flushes what `print` buffered and, when lines were dropped, says so on a stream that still works (standard
    /// error first); says nothing when neither does. Call when the command's work is done.
    public static func finish() {
        // A failed write leaves its bytes in stdio's buffer, so this last flush fails too when `print` lost lines;
        // it does not say how many, only that some were.
        if fflush(nil) != 0 {
            record(.output, reason: String(cString: strerror(errno)), counted: false)
        }
        for notice in notices() {
            for stream in [Stream.error, .output] where losses.withLock({ $0.reasons[stream] == nil }) {
                if writeWhole(notice, to: stream.rawValue) == nil { break }
            }
        }
    }

    /// One line per stream that lost output, e.g. `latent: 12 writes for standard error dropped (No space left on
    /// device)`.
    private static func notices() -> [String] {
        losses.withLock { losses in
            [Stream.output, .error].compactMap { stream in
                guard let reason = losses.reasons[stream] else { return nil }
                let count = losses.counts[stream, default: 0]
                let what = count == 0 ? "output" : "\(count) write\(count == 1 ? "" : "s")"
                return "latent: \(what) for \(stream.name) dropped (\(reason))\n"
            }
        }
    }

    private static func record(_ stream: Stream, reason: String, counted: Bool = true) {
        losses.withLock { losses in
            if losses.reasons[stream] == nil { losses.reasons[stream] = reason }
            if counted { losses.counts[stream, default: 0] += 1 }
        }
    }

    /// Writes every byte of `text`, retrying after a signal; returns the `errno` of a write that failed.
    static func writeWhole(_ text: String, to descriptor: Int32) -> Int32? {
        Array(text.utf8).withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return written < 0 ? errno : ENOSPC }
                offset += written
            }
            return nil
        }
    }
}
