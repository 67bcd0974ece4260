import Foundation
import LatentDistributed
import Testing

@Suite struct JobFactsTests {
    @Test func aCommandLineBecomesTheCommandAndItsOptions() {
        let words = ["train", "ae", "--epochs", "3", "--lr=0.5", "--queries", "-1", "2", "--force"]
        let facts = JobFacts(commandLine: words)
        #expect(facts.facts.map(\.name) == ["the command", "--epochs", "--lr", "--queries", "--force"])
        #expect(facts.facts.map(\.value) == ["train ae", "3", "0.5", "-1 2", ""])
        #expect(facts.facts.allSatisfy { $0.isOption })
    }

    @Test func aRepeatedOptionJoinsItsValues() {
        let facts = JobFacts(commandLine: ["search", "--k", "3", "--k", "4"])
        #expect(facts.facts.map(\.value) == ["search", "3, 4"])
    }

    @Test func theFirstDifferenceIsInTheFirstFactsOrder() throws {
        var root = JobFacts(commandLine: ["train", "ae", "--epochs", "3", "--seed", "7"])
        root.append("the dataset", "200 train and 100 test images of 1x28x28")
        var other = JobFacts(commandLine: ["train", "ae", "--seed", "8", "--epochs", "2"])
        other.append("the dataset", "199 train and 100 test images of 1x28x28")
        let difference = try #require(root.firstDifference(from: other))
        #expect(described(difference) == "--epochs: 3 / 2, option")
        #expect(root.firstDifference(from: root) == nil)
    }

    @Test func aFactOnlyOneSideHasIsADifference() throws {
        let root = JobFacts(commandLine: ["retrieve", "--k", "5"])
        let other = JobFacts(commandLine: ["retrieve", "--k", "5", "--pca", "16"])
        #expect(described(try #require(root.firstDifference(from: other))) == "--pca: nil / 16, option")
        #expect(described(try #require(other.firstDifference(from: root))) == "--pca: 16 / nil, option")
    }

    @Test func aFactOfTheFilesIsNoOption() throws {
        var root = JobFacts()
        root.append("the index", "md5 01")
        var other = JobFacts()
        other.append("the index", "md5 02")
        #expect(described(try #require(root.firstDifference(from: other))) == "the index: md5 01 / md5 02, file")
    }

    func described(_ difference: JobFacts.Difference) -> String {
        "\(difference.name): \(difference.value ?? "nil") / \(difference.otherValue ?? "nil"), "
            + (difference.isOption ? "option" : "file")
    }

    @Test func theDigestIsSHA256sFirstEightBytes() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        #expect(JobFacts.digest(of: Data("abc".utf8)) == "ba7816bf8f01cfea")
    }

    @Test func factsSurviveTheEncodingTheProcessesExchange() throws {
        var facts = JobFacts(commandLine: ["search", "--index", "a b.h5"])
        facts.append("the index", "md5 0123")
        let report = ProcessReport.ready(facts)
        let decoded = try JSONDecoder().decode(ProcessReport.self, from: JSONEncoder().encode(report))
        #expect(decoded == report)
    }
}
