import Foundation
import LatentCore
import LatentExperiments
import Testing

/// Files that are not short UTF-8 YAML texts, or that nest deeply enough to overflow the parser's stack,
/// are refused with a one-line message before any parser sees them.
@Suite struct ExperimentFileReadingTests {
    let scratch: ExperimentScratch
    init() throws { scratch = try ExperimentScratch() }

    func expectRefusal(_ path: String, _ words: String...) {
        #expect {
            try Experiment.load(from: path)
        } throws: { error in
            let message = "\(error)"
            return error is LatentError && message.hasPrefix(path) && !message.contains("\n")
                && words.allSatisfy(message.contains)
        }
    }

    func writeBytes(_ bytes: [UInt8], to name: String) throws -> String {
        try Data(bytes).write(to: URL(fileURLWithPath: scratch.path(name)))
        return scratch.path(name)
    }

    @Test func missingDirectoryAndDevice() throws {
        expectRefusal(scratch.path("absent.yaml"), "no such experiment file")
        expectRefusal(scratch.folder, "is a directory, not an experiment file")
        expectRefusal("/dev/zero", "not a regular file")
        #expect(mkfifo(scratch.path("fifo"), 0o600) == 0)
        expectRefusal(scratch.path("fifo"), "not a regular file")
        #expect(throws: LatentError("the experiment file's path is empty")) { try Experiment.load(from: "") }
    }

    @Test func emptyBinaryAndOtherEncodings() throws {
        expectRefusal(try scratch.write("", to: "empty.yaml"), "the experiment file is empty")
        expectRefusal(try scratch.write(" \n\t\n", to: "blank.yaml"), "the experiment file is empty")
        expectRefusal(try scratch.write("# nothing but a comment\n", to: "comment.yaml"), "holds no keys")
        expectRefusal(try writeBytes([0x6E, 0x61, 0x00, 0x01], to: "binary.yaml"), "binary file", "byte 2 is zero")
        expectRefusal(
            try writeBytes(Array("name: ".utf8) + [0xE9, 0x74, 0xE9], to: "latin1.yaml"), "not UTF-8", "offset 6")
        expectRefusal(try writeBytes([0xFF, 0xFE, 0x6E, 0x00], to: "utf16.yaml"), "UTF-16")
    }

    @Test func tooLarge() throws {
        let path = try scratch.write(String(repeating: "#", count: (1 << 20) + 1), to: "large.yaml")
        expectRefusal(path, "1048577 bytes is too large", "at most 1048576")
    }

    /// Each of these crashed the process (stack overflow in Yams) before the shape check.
    @Test func deepNestingIsRefusedBeforeParsing() throws {
        let header = "name: x\nquestion: q\nkind: autoencoder\ndataset: mnist\nseed: 0\n"
        expectRefusal(
            try scratch.write(
                header + "model: " + String(repeating: "[", count: 20_000)
                    + String(repeating: "]", count: 20_000), to: "brackets.yaml"),
            "nested too deeply: 20000 '[' and '{' brackets, at most 64")
        expectRefusal(
            try scratch.write(header + String(repeating: "- ", count: 40) + "x\n", to: "dashes.yaml"),
            "dashes.yaml:6: nested more than 32 levels deep")
        expectRefusal(
            try scratch.write(
                header.replacingOccurrences(of: "\n", with: "\r\n") + String(repeating: "- ", count: 40)
                    + "x\r\n", to: "crlf.yaml"), "crlf.yaml:6: nested more than 32 levels deep")
        let indented = (1...40).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
        expectRefusal(
            try scratch.write(header + "model:\n" + indented, to: "indented.yaml"), "nested more than 32 levels deep")
        let chain = "a0: &a0 [1]\n" + (1...20).map { "a\($0): &a\($0) [*a\($0 - 1)]" }.joined(separator: "\n")
        expectRefusal(try scratch.write(header + chain, to: "aliases.yaml"), "21 YAML anchors", "at most 16")
    }

    @Test func bracketsInsideQuotesStillCount() throws {
        // Counting every bracket, quoted or not, is what keeps quoting tricks from hiding real nesting.
        let path = try scratch.write(
            validExperiment.replacingOccurrences(
                of: "question: Does it run?", with: "question: \"" + String(repeating: "[", count: 70) + "\""))
        expectRefusal(path, "74 '[' and '{' brackets")
    }
}
