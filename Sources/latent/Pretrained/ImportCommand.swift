import ArgumentParser

/// `latent import ...`: networks trained elsewhere, as Latent checkpoints (datasets are `latent data import`).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import a network trained by another framework as a Latent checkpoint.",
        subcommands: [ImportTorchvision.self])
}
