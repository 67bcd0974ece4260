import ArgumentParser

/// `latent index ...`: build a searchable index of images.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index", abstract: "Build an image index for `latent search` and `latent serve`.",
        subcommands: [IndexBuild.self, IndexInfo.self])
}
