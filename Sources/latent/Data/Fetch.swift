import ArgumentParser
import Foundation
import LatentData

/// `latent data fetch NAME [--to DIR]`: download and verify a dataset's four files.
struct Fetch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Download a dataset's four files from its public mirror and verify their MD5.")

    @Argument(help: "Dataset: \(KnownDataset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dataset: KnownDataset

    @Option(
        help:
            "Destination directory (default: $LATENT_DATA/NAME, else ~/.cache/latent/NAME or $XDG_CACHE_HOME/latent/NAME, where every command looks)."
    )
    var to: String?

    @Option(help: "Fetch from this base URL (http or https) instead of the public mirror.")
    var mirror: String?

    @Option(help: "Give up on a file that has not fully arrived after this many seconds.")
    var timeout: Double = DatasetFetcher.defaultTimeout

    @Flag(help: "Download again even when a file with the right checksum is present.")
    var force = false

    func validate() throws {
        guard timeout > 0, timeout.isFinite else {
            throw ValidationError("--timeout must be a positive number of seconds, got \(timeout)")
        }
        if let mirror, mirrorURL(mirror) == nil {
            throw ValidationError("--mirror \(mirror) is not an http or https URL")
        }
    }

    func run() async throws {
        try await DatasetFetcher(dataset, baseURL: mirror.flatMap(mirrorURL), timeout: timeout)
            .fetch(into: to ?? dataset.fetchDirectory(), force: force, log: log)
    }

    private func mirrorURL(_ text: String) -> URL? {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased()), url.host != nil else {
            return nil
        }
        return url
    }
}
