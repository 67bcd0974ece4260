// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for the readers of user files: IDX data, HDF5 checkpoints and archives, YAML experiments.
// A package of its own so that the fuzzing flags (`-sanitize=fuzzer`) never touch the main build;
// scripts/fuzz.sh builds and runs them, Tests/README.md says how.
let package = Package(
    name: "LatentFuzz",
    dependencies: [
        .package(name: "Latent", path: "..")
    ],
    targets: [
        .target(name: "FuzzSupport"),
        // Each fuzzer is an executable whose `main` comes from libFuzzer, so it builds only with the fuzzing flags.
        .executableTarget(
            name: "fuzz-idx",
            dependencies: [
                "FuzzSupport", .product(name: "LatentData", package: "Latent"),
            ]),
        .executableTarget(
            name: "fuzz-hdf5",
            dependencies: [
                "FuzzSupport", .product(name: "LatentStorage", package: "Latent"),
                .product(name: "LatentNN", package: "Latent"), .product(name: "LatentModels", package: "Latent"),
            ]),
        .executableTarget(
            name: "fuzz-yaml",
            dependencies: [
                "FuzzSupport", .product(name: "LatentExperiments", package: "Latent"),
            ]),
        // Writes the seed corpora under corpus/ (an ordinary build: `swift run make-seeds`).
        .executableTarget(
            name: "make-seeds",
            dependencies: [
                .product(name: "LatentNN", package: "Latent"), .product(name: "LatentStorage", package: "Latent"),
                .product(name: "LatentModels", package: "Latent"),
            ]),
    ]
)
