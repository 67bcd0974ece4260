import Foundation
import LatentCore

/// Reads an experiment file's text, refusing what is not a short UTF-8 text file before any parser sees it.
enum ExperimentFile {
    /// Experiment files are a screenful of keys; anything larger is not one.
    static let maximumBytes = 1 << 20

    static func readText(at path: String) throws -> String {
        guard !path.isEmpty else { throw LatentError("the experiment file's path is empty") }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw LatentError(
                errno == ENOENT
                    ? "\(path): no such experiment file"
                    : "\(path): cannot read: \(systemMessage())")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw LatentError("\(path): is a directory, not an experiment file")
        default: throw LatentError("\(path): is not a regular file (a device, FIFO or socket), not an experiment file")
        }
        guard status.st_size <= maximumBytes else {
            throw LatentError(
                "\(path): \(status.st_size) bytes is too large for an experiment file "
                    + "(at most \(maximumBytes))")
        }
        let bytes = try contents(of: path)
        guard bytes.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            throw LatentError("\(path): the experiment file is empty")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw LatentError("\(path): is UTF-16 text; save the experiment file as UTF-8")
        }
        if let zero = bytes.firstIndex(of: 0) {
            throw LatentError("\(path): is a binary file, not YAML text (byte \(zero) is zero)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LatentError("\(path): is not UTF-8 text (invalid byte at offset \(firstInvalidUTF8Offset(bytes)))")
        }
        return text
    }

    /// The file's bytes, read through one descriptor so that a file that grows meanwhile is still bounded.
    private static func contents(of path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw LatentError("\(path): cannot read: \(systemMessage())") }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: maximumBytes + 1)
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw LatentError("\(path): cannot read: \(systemMessage())") }
            if count == 0 { break }
            filled += count
        }
        guard filled <= maximumBytes else {
            throw LatentError("\(path): is too large for an experiment file (over \(maximumBytes) bytes)")
        }
        return Array(bytes.prefix(filled))
    }

    private static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }

    private static func systemMessage() -> String { String(cString: strerror(errno)) }
}
