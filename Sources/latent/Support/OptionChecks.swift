import ArgumentParser
import Foundation
import LatentCore

/// The checks every command runs on its options in `validate()`, before any data is read.
///
/// Each throws a `ValidationError` (exit status 64) whose message names the option and the value,
/// so that a typo costs a second, not a training run.
enum OptionChecks {
    /// Sizes past these are typos, not experiments; they keep size arithmetic far from overflow.
    static let largestSize = 1 << 20
    static let largestCount = 1 << 30

    /// `value` within `range`, e.g. `--epochs` in 1...largestCount.
    static func require(_ value: Int, in range: ClosedRange<Int>, _ option: String) throws {
        guard value >= range.lowerBound else {
            throw ValidationError("\(option) must be at least \(range.lowerBound), got \(value)")
        }
        guard value <= range.upperBound else {
            throw ValidationError("\(option) must be at most \(range.upperBound), got \(value)")
        }
    }

    /// A value the data limits, checked once the data is read and before any work: `--code 785 is more than
    /// the 784 pixels of a 28x28 image`.
    static func require(_ value: Int, atMost limit: Int, _ option: String, _ limitDescription: String) throws {
        guard value <= limit else { throw ValidationError("\(option) \(value) is more than \(limitDescription)") }
    }

    /// A positive, finite number, e.g. a learning rate.
    static func requirePositive(_ value: Float, _ option: String) throws {
        guard value > 0, value.isFinite else {
            throw ValidationError("\(option) must be a positive number, got \(value)")
        }
    }

    /// A finite number that is not negative, e.g. a penalty weight.
    static func requireNonNegative(_ value: Float, _ option: String) throws {
        guard value >= 0, value.isFinite else { throw ValidationError("\(option) must be zero or more, got \(value)") }
    }

    /// Runs a check the library states once (a settings type's) and reports what it refuses as a problem with the
    /// options (exit status 64); the library has already named the option.
    static func refusing(_ check: () throws(LatentError) -> Void) throws {
        do {
            try check()
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Comma-separated whole numbers, spaces allowed around them: `5, 6` is `[5, 6]`. An empty item (`5,,7`, `5,`)
    /// is refused: it is more likely a number lost in typing than a comma too many.
    static func integers(
        _ text: String, _ option: String, in range: ClosedRange<Int>, distinct: Bool = false
    ) throws -> [Int] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard items != [""] else { throw ValidationError("\(option) needs at least one number, got \"\(text)\"") }
        if let empty = items.firstIndex(of: "") {
            throw ValidationError(
                "\(option) \"\(text)\": item \(empty + 1) is empty; separate the numbers with single commas")
        }
        var seen = Set<Int>()
        return try items.map { item in
            guard let value = Int(item) else { throw ValidationError("\(option): \"\(item)\" is not a whole number") }
            try require(value, in: range, option)
            if distinct, !seen.insert(value).inserted { throw ValidationError("\(option) names \(value) twice") }
            return value
        }
    }

    /// Comma-separated names with the spaces around them removed; empty items dropped.
    static func names(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A file to write: not empty, not a folder, and no regular file where a parent folder must be.
    static func requireWritableFile(_ path: String, _ option: String) throws {
        guard !path.isEmpty else { throw ValidationError("\(option) needs a file name") }
        if isDirectory(path) { throw ValidationError("\(option) \(path) is a directory; give a file name") }
        try requireFolderPossible(AtomicFile.folder(of: path), option, for: path)
    }

    /// A folder to write into: not empty, and not a regular file or under one.
    static func requireWritableFolder(_ path: String, _ option: String) throws {
        guard !path.isEmpty else { throw ValidationError("\(option) needs a folder name") }
        try requireFolderPossible(path, option, for: path)
    }

    /// A file to read that exists and is not a folder.
    static func requireReadableFile(_ path: String, _ option: String) throws {
        guard !path.isEmpty else { throw ValidationError("\(option) needs a file name") }
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("\(option) \(path): no such file")
        }
        if isDirectory(path) { throw ValidationError("\(option) \(path) is a directory, not a file") }
    }

    /// A folder to read that exists and is not a file.
    static func requireReadableFolder(_ path: String, _ option: String) throws {
        guard !path.isEmpty else { throw ValidationError("\(option) needs a folder name") }
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("\(option) \(path): no such folder")
        }
        guard isDirectory(path) else { throw ValidationError("\(option) \(path) is a file, not a folder") }
    }

    /// Every existing ancestor of `folder` (and `folder` itself, when it exists) is a folder.
    private static func requireFolderPossible(_ folder: String, _ option: String, for path: String) throws {
        var ancestor = folder
        while !ancestor.isEmpty, ancestor != "/" {
            if FileManager.default.fileExists(atPath: ancestor) {
                guard isDirectory(ancestor) else {
                    throw ValidationError("\(option) \(path): \(ancestor) is a file, not a directory")
                }
                return
            }
            ancestor = AtomicFile.folder(of: ancestor)
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
