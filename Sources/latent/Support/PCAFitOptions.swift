import ArgumentParser
import LatentCore
import LatentLinalg

/// `--solver` and `--fit-sample`, on every command that fits PCA.
struct PCAFitOptions: ParsableArguments {
    /// `--solver`'s values: the library's solvers, and `auto` for its choice by shape.
    enum SolverChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, covariance, svd

        var solver: PCA.Solver? {
            switch self {
            case .auto: nil
            case .covariance: .covariance
            case .svd: .svd
            }
        }
    }

    @Option(
        help: ArgumentHelp(
            "PCA solver: auto, covariance or svd.",
            discussion: "covariance streams the rows in chunks into a D x D covariance (12 bytes an entry) and never "
                + "copies the data: best when there are more images than values per image. svd copies the centred "
                + "images and decomposes them: best for fewer images than values. auto takes covariance when the "
                + "images fitted outnumber their \(PCA.largestCovarianceFeatures)-or-fewer values, svd otherwise."))
    var solver: SolverChoice = .auto

    @Option(
        parsing: .unconditional,
        help: "Fit PCA on a random sample of this many images (then code every image); without it, on all.")
    var fitSample: Int?

    @Option(help: "The seed of --fit-sample's draw.")
    var fitSeed: UInt64 = 0

    var fitting: PCA.Fitting { PCA.Fitting(solver: solver.solver, sample: fitSample, seed: fitSeed) }

    /// The checks that need no data; `componentsOption` names the option that sets the component count.
    func validate(components: Int?, _ componentsOption: String) throws {
        if let fitSample {
            try OptionChecks.require(fitSample, in: 2...OptionChecks.largestCount, "--fit-sample")
            if let components, fitSample < components {
                throw ValidationError(
                    "--fit-sample \(fitSample) is fewer images than the \(components) components \(componentsOption) "
                        + "asks for")
            }
        }
    }

    /// The check that needs the data's shape, before any work: the covariance of too many features is refused (exit
    /// status 1, as the data is at fault as much as the option) with the options that avoid it.
    func check(images: Int, features: Int) throws {
        let fitted = min(images, fitSample ?? images)
        guard fitting.solver(rows: images, features: features) == .svd || features <= PCA.largestCovarianceFeatures
        else {
            throw LatentError(
                "--solver covariance: images of \(features) features would need a \(features) x \(features) "
                    + "covariance, more than the \(PCA.largestCovarianceFeatures) values it is formed for; use "
                    + "--solver svd (with --fit-sample N to bound its memory: it copies the \(fitted) images fitted)")
        }
    }
}
