// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Latent",
    products: [
        .library(name: "LatentCore", targets: ["LatentCore"]),
        // For the fuzzers in Fuzz/, a separate package that reads files through these modules.
        .library(name: "LatentNN", targets: ["LatentNN"]),
        .library(name: "LatentData", targets: ["LatentData"]),
        .library(name: "LatentStorage", targets: ["LatentStorage"]),
        .library(name: "LatentExperiments", targets: ["LatentExperiments"]),
        .executable(name: "latent", targets: ["latent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // System libraries from Debian's packages, found through pkg-config.
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLAPACKE", pkgConfig: "lapacke",
                       providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5",
                       providers: [.apt(["libhdf5-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),

        // engine <- nn <- data / linear algebra / retrieval / storage <- CLI
        .target(name: "LatentCore", dependencies: ["COpenBLAS"]),
        .target(name: "LatentNN", dependencies: ["LatentCore"]),
        .target(name: "LatentLinalg", dependencies: ["LatentCore", "COpenBLAS", "CLAPACKE"]),
        .target(name: "LatentRetrieval", dependencies: ["LatentCore"]),
        .target(name: "LatentPictures", dependencies: ["LatentCore", "CZlib"]),
        .target(name: "LatentStorage", dependencies: ["LatentCore", "LatentNN", "CHDF5"]),
        .target(name: "LatentData", dependencies: [
            "LatentCore", "CZlib", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "LatentModels", dependencies: ["LatentCore", "LatentNN", "LatentData", "LatentStorage", "LatentLinalg", "LatentRetrieval", "LatentPictures"]),
        .target(name: "LatentExperiments", dependencies: [
            "LatentCore", "LatentNN", "LatentData", "LatentStorage", "LatentLinalg", "LatentRetrieval", "LatentPictures",
            "LatentModels", .product(name: "Yams", package: "Yams"),
        ]),
        .executableTarget(name: "latent", dependencies: [
            "LatentCore", "LatentNN", "LatentData", "LatentStorage", "LatentModels", "LatentLinalg", "LatentRetrieval", "LatentPictures", "LatentExperiments",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .target(name: "LatentTestSupport", dependencies: ["LatentCore", "LatentData"],
                path: "Tests/LatentTestSupport"),
        .testTarget(name: "LatentCoreTests", dependencies: ["LatentCore", "LatentTestSupport"]),
        .testTarget(name: "LatentNNTests", dependencies: ["LatentNN", "LatentTestSupport"]),
        .testTarget(name: "LatentStorageTests", dependencies: ["LatentStorage", "LatentTestSupport"]),
        .testTarget(name: "LatentModelsTests", dependencies: ["LatentModels", "LatentTestSupport"]),
        .testTarget(name: "LatentLinalgTests", dependencies: ["LatentLinalg", "LatentTestSupport"]),
        .testTarget(name: "LatentRetrievalTests", dependencies: ["LatentRetrieval", "LatentTestSupport"]),
        .testTarget(name: "LatentPicturesTests", dependencies: ["LatentPictures", "LatentTestSupport"]),
        .testTarget(name: "LatentExperimentsTests", dependencies: ["LatentExperiments", "LatentTestSupport"]),
        .testTarget(name: "LatentDataTests", dependencies: ["LatentData", "LatentTestSupport"]),
    ]
)

