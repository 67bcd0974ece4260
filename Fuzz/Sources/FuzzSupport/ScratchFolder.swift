import Foundation

/// A private folder in which a fuzzer writes each input as the file a command would read.
///
/// The readers under test take paths, not bytes, so every input goes through a real file: that is how
/// `latent` meets it. The folder lives under the temporary directory (scripts/fuzz.sh points `TMPDIR`
/// into Fuzz/.build and removes it afterwards, since libFuzzer ends a crashing run without cleaning up);
/// a normal exit removes it here.
public final class ScratchFolder: Sendable {
    public let path: String

    /// Creates the folder.
    public init(named name: String) {
        path = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("latent-fuzz-\(name)-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            // The fuzzer cannot run without somewhere to write; this is the harness's failure, not a finding.
            preconditionFailure("cannot prepare the scratch folder \(path): \(error)")
        }
        ScratchFolder.removeAtExit(path)
    }

    /// Writes `bytes` as `file` in the folder, replacing the previous input's, and returns its path.
    @discardableResult
    public func write(_ bytes: UnsafeRawBufferPointer, as file: String) -> String {
        do {
            try Data(bytes).write(to: url(of: file))
        } catch {
            preconditionFailure("cannot write \(file) in the scratch folder \(path): \(error)")
        }
        return url(of: file).path
    }

    private func url(of file: String) -> URL { URL(fileURLWithPath: path).appendingPathComponent(file) }

    /// The folders to remove when the process exits normally (libFuzzer's `-runs=N`, or replaying an input).
    nonisolated(unsafe) private static var foldersToRemove: [String] = []

    private static func removeAtExit(_ folder: String) {
        if foldersToRemove.isEmpty {
            atexit {
                for folder in ScratchFolder.foldersToRemove { try? FileManager.default.removeItem(atPath: folder) }
            }
        }
        foldersToRemove.append(folder)
    }
}
