import ArgumentParser
import Foundation
import LatentData

/// `latent data fetch NAME --to DIR`: download and verify a dataset's four files.
struct Fetch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Download a dataset's four files from its public mirror and verify their MD5.")

    @Argument(help: "Dataset: \(KnownDataset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dataset: KnownDataset

    @Option(help: "Destination directory.")
    var to: String

    @Option(help: "Fetch from this base URL instead of the public mirror.")
    var mirror: String?

    @Flag(help: "Download again even when a file with the right checksum is present.")
    var force = false

    func run() async throws {
        let baseURL = try mirror.map { text -> URL in
            guard let url = URL(string: text) else { throw ValidationError("--mirror \(text) is not a URL") }
            return url
        }
        try await DatasetFetcher(dataset, baseURL: baseURL).fetch(into: to, force: force, log: log)
    }
}
