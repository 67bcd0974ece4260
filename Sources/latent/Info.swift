import ArgumentParser
import LatentCore

/// `latent info`: the version, the BLAS in use and its thread count.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the version, the BLAS in use and the thread count.")

    func run() {
        print("latent \(Latent.configuration.version)")
        print("blas: \(BLAS.configuration)")
        print("threads: \(BLAS.threads)")
    }
}
