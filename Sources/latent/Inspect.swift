import ArgumentParser
import LatentStorage

/// `latent inspect FILE.h5`: the datasets of an HDF5 file with their element types and shapes.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the tree of an HDF5 file (checkpoint or codes) with types and shapes.")

    @Argument(help: "The HDF5 file.")
    var file: String

    func run() throws { print(try HDF5Listing.describe(file)) }
}
