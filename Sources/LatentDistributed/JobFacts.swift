import Crypto
import Foundation

/// What one process of an `mpirun` job is about to run, as named facts in a fixed order (`--epochs`: `3`, the dataset:
/// `200 train and 100 test images of 1x28x28`): every process must hold the same before the job's first collective
/// call, or the calls no longer match and the job hangs or crashes inside MPI.
public struct JobFacts: Sendable, Equatable, Codable {
    /// One thing the processes must agree on: what it is (`--epochs`, `the dataset`), its value as a message shows it,
    /// and whether the command line gave it (a difference there is in the options, elsewhere in the files).
    public struct Fact: Sendable, Equatable, Codable {
        /// What the fact is about, as a message names it.
        public let name: String
        /// Its value, as a message shows it.
        public let value: String
        /// Whether the command line gave it.
        public let isOption: Bool
    }

    /// Where two processes' facts first differ: the fact's name and each one's value, `nil` where it has none.
    public struct Difference: Sendable, Equatable {
        /// The fact's name.
        public let name: String
        /// Its value in the facts compared from, `nil` where they lack it.
        public let value: String?
        /// Its value in the other facts, `nil` where they lack it.
        public let otherValue: String?
        /// Whether the fact is one of the command line's.
        public let isOption: Bool
    }

    /// The facts in the order they were added.
    public private(set) var facts: [Fact] = []

    /// No facts yet.
    public init() {}

    /// The facts of a command line's words, without the program's path (which may differ from machine to machine):
    /// the leading words as `the command` (`train ae`), then each option (`--epochs`, or `--epochs=3`) with the words
    /// that follow it up to the next option.
    ///
    /// - Parameter words: the words after the program's path.
    public init(commandLine words: [String]) {
        let command = words.prefix { !JobFacts.isOptionName($0) }
        append("the command", command.joined(separator: " "), isOption: true)
        var option: (name: String, values: [String])?
        for word in words.dropFirst(command.count) {
            guard JobFacts.isOptionName(word) else {
                option?.values.append(word)
                continue
            }
            if let option { append(option.name, option.values.joined(separator: " "), isOption: true) }
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            option = (parts[0], Array(parts.dropFirst()))
        }
        if let option { append(option.name, option.values.joined(separator: " "), isOption: true) }
    }

    /// Adds a fact; a name given again (an option repeated) joins its values.
    ///
    /// - Parameters:
    ///   - name: what the fact is about, as a message names it (`the dataset`).
    ///   - value: its value as a message shows it.
    ///   - isOption: whether the command line gave it.
    public mutating func append(_ name: String, _ value: String, isOption: Bool = false) {
        if let index = facts.firstIndex(where: { $0.name == name }) {
            facts[index] = Fact(name: name, value: facts[index].value + ", " + value, isOption: isOption)
        } else {
            facts.append(Fact(name: name, value: value, isOption: isOption))
        }
    }

    /// These facts followed by `other`'s.
    ///
    /// - Parameter other: the facts to add after these.
    public func appending(_ other: JobFacts) -> JobFacts {
        var joined = self
        for fact in other.facts { joined.append(fact.name, fact.value, isOption: fact.isOption) }
        return joined
    }

    /// The first fact, in these facts' order and then in `other`'s, whose value differs in `other`; `nil` when none.
    ///
    /// - Parameter other: another process's facts.
    public func firstDifference(from other: JobFacts) -> Difference? {
        let names = facts.map(\.name) + other.facts.map(\.name).filter { name in !facts.contains { $0.name == name } }
        for name in names {
            let mine = facts.first { $0.name == name }
            let theirs = other.facts.first { $0.name == name }
            if mine?.value != theirs?.value {
                return Difference(
                    name: name, value: mine?.value, otherValue: theirs?.value,
                    isOption: mine?.isOption ?? theirs?.isOption ?? false)
            }
        }
        return nil
    }

    /// A short digest of `bytes` (the first 16 hexadecimal digits of their SHA-256), for a fact whose value is too
    /// long to compare whole: a file's contents, a model's layout.
    ///
    /// - Parameter bytes: the bytes to digest.
    public static func digest(of bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// `--name` or `-n`, but not a negative number, which is an option's value.
    private static func isOptionName(_ word: String) -> Bool {
        word.hasPrefix("-") && word.count > 1 && Double(word) == nil
    }
}
