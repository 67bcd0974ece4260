// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Latent",
    products: [
        .library(name: "LatentCore", targets: ["LatentCore"]),
        .library(name: "LatentImages", targets: ["LatentImages"]),
        // For the fuzzers in Fuzz/, a separate package that reads files through these modules.
        .library(name: "LatentNN", targets: ["LatentNN"]),
        .library(name: "LatentData", targets: ["LatentData"]),
        .library(name: "LatentStorage", targets: ["LatentStorage"]),
        .library(name: "LatentModels", targets: ["LatentModels"]),
        .library(name: "LatentExperiments", targets: ["LatentExperiments"]),
        .executable(name: "latent", targets: ["latent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.0"),
        // `swift package generate-documentation` (`make docs`): only a command plugin, no module links it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // System libraries from Debian's packages, found through pkg-config.
        .systemLibrary(
            name: "COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CLAPACKE", pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(
            name: "CHDF5", pkgConfig: "hdf5",
            providers: [.apt(["libhdf5-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CTurboJPEG", pkgConfig: "libturbojpeg",
            providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(
            name: "CPNG", pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]),
        // BMP through Leptonica, whose reader checks the pixel data against the file's length (stb_image does not
        // and fills a truncated file with zeros); GIF through giflib, which reads the first frame alone.
        .systemLibrary(
            name: "CLeptonica", pkgConfig: "lept",
            providers: [.apt(["libleptonica-dev"])]),
        .systemLibrary(
            name: "CGIF", pkgConfig: "libgif",
            providers: [.apt(["libgif-dev"])]),
        .systemLibrary(
            name: "CTIFF", pkgConfig: "libtiff-4",
            providers: [.apt(["libtiff-dev"])]),
        .systemLibrary(
            name: "CWebP", pkgConfig: "libwebp",
            providers: [.apt(["libwebp-dev"])]),
        .systemLibrary(
            name: "CExif", pkgConfig: "libexif",
            providers: [.apt(["libexif-dev"])]),
        .systemLibrary(
            name: "CMPI", pkgConfig: "ompi-c",
            providers: [.apt(["libopenmpi-dev"])]),

        // engine <- nn <- data / linalg / retrieval / storage <- models <- search <- experiments / server <- CLI
        .target(name: "LatentCore", dependencies: ["COpenBLAS"]),
        .target(name: "LatentNN", dependencies: ["LatentCore"]),
        .target(name: "LatentLinalg", dependencies: ["LatentCore", "COpenBLAS", "CLAPACKE"]),
        .target(name: "LatentRetrieval", dependencies: ["LatentCore", "CHNSW"]),
        // Several processes under `mpirun`: data-parallel training and sharded search.
        .target(
            name: "LatentDistributed", dependencies: ["CMPI", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "CHDF5Extras", dependencies: ["CHDF5"]),
        // HNSW graphs for approximate search: hnswlib (Debian's libhnswlib-dev, header-only C++) behind C functions.
        .target(name: "CHNSW"),
        .target(
            name: "LatentImages", dependencies: ["CTurboJPEG", "CPNG", "CLeptonica", "CGIF", "CTIFF", "CWebP", "CExif"]),
        .target(name: "LatentPictures", dependencies: ["LatentCore", "CZlib"]),
        // HDF5 files and archives of tensors; what is stored with models (checkpoints) or indexes lives above.
        .target(name: "LatentStorage", dependencies: ["LatentCore", "CHDF5", "CHDF5Extras"]),
        .target(
            name: "LatentData",
            dependencies: [
                "LatentCore", "CZlib", .product(name: "Crypto", package: "swift-crypto"), "LatentImages",
                "LatentStorage",
                "LatentPictures",
            ]),
        .target(
            name: "LatentModels",
            dependencies: [
                "LatentCore", "LatentNN", "LatentData", "LatentStorage", "LatentLinalg", "LatentRetrieval",
                "LatentPictures",
                "LatentDistributed",
            ]),
        .target(
            name: "LatentExperiments",
            dependencies: [
                "LatentCore", "LatentNN", "LatentData", "LatentStorage", "LatentLinalg", "LatentRetrieval",
                "LatentPictures",
                "LatentModels", "LatentImages", "LatentSearch", .product(name: "Yams", package: "Yams"),
            ]),
        // Image search: building an index of image files, saving and loading it, answering a query image. No HTTP,
        // so that the experiments (and the fuzzers that read experiment files) do not link a server.
        .target(
            name: "LatentSearch",
            dependencies: [
                "LatentCore", "LatentNN", "LatentData", "LatentStorage", "LatentLinalg", "LatentRetrieval",
                "LatentPictures",
                "LatentModels", "LatentImages",
            ]),
        // The search page and JSON API over HTTP (`latent serve`), on an index that LatentSearch loaded.
        .target(
            name: "LatentServer",
            dependencies: [
                "LatentCore", "LatentImages", "LatentRetrieval", "LatentPictures", "LatentSearch",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                // HTTP/1's request heads, which still carry the version: an HTTP/1.0 connection closes by default.
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "latent",
            dependencies: [
                "LatentCore", "LatentNN", "LatentData", "LatentStorage", "LatentModels", "LatentLinalg",
                "LatentRetrieval", "LatentPictures", "LatentExperiments",
                "LatentSearch", "LatentServer", "LatentDistributed",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .target(
            name: "LatentTestSupport", dependencies: ["LatentCore", "LatentData"],
            path: "Tests/LatentTestSupport"),
        .testTarget(name: "LatentCoreTests", dependencies: ["LatentCore", "LatentTestSupport"]),
        .testTarget(name: "LatentNNTests", dependencies: ["LatentNN", "LatentTestSupport"]),
        .testTarget(name: "LatentStorageTests", dependencies: ["LatentStorage", "LatentTestSupport"]),
        .testTarget(name: "LatentModelsTests", dependencies: ["LatentModels", "LatentTestSupport"]),
        .testTarget(name: "LatentLinalgTests", dependencies: ["LatentLinalg", "LatentTestSupport"]),
        .testTarget(name: "LatentRetrievalTests", dependencies: ["LatentRetrieval", "LatentTestSupport"]),
        .testTarget(name: "LatentPicturesTests", dependencies: ["LatentPictures", "LatentTestSupport"]),
        .testTarget(name: "LatentExperimentsTests", dependencies: ["LatentExperiments", "LatentTestSupport"]),
        .testTarget(
            name: "LatentImagesTests",
            dependencies: [
                "LatentImages", "LatentData", "LatentTestSupport", "CTurboJPEG", "CZlib",
            ]),
        .testTarget(name: "LatentDataTests", dependencies: ["LatentData", "LatentTestSupport"]),
        // The agreement's verdicts and messages; running the job itself is Tests/Distributed/run.py's, under mpirun.
        .testTarget(name: "LatentDistributedTests", dependencies: ["LatentDistributed"]),
        // The fixtures (a random index source, queries as raw pixels) that the search and server tests share.
        .target(
            name: "LatentSearchTestSupport",
            dependencies: ["LatentCore", "LatentRetrieval", "LatentSearch", "LatentTestSupport"],
            path: "Tests/LatentSearchTestSupport"),
        .testTarget(
            name: "LatentSearchTests",
            dependencies: [
                "LatentSearch", "LatentRetrieval", "LatentStorage", "LatentNN", "LatentModels", "LatentTestSupport",
                "LatentSearchTestSupport", "LatentData", "LatentImages", "LatentLinalg", "LatentPictures",
            ]),
        // The command line against the library: every flag of a job is a key of its settings (`SettingName` tables).
        .testTarget(
            name: "LatentCLITests",
            dependencies: [
                "latent", "LatentExperiments", "LatentModels", "LatentNN", "LatentLinalg", "LatentPictures",
                "LatentSearch", "LatentTestSupport", "LatentSearchTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(
            name: "LatentServerTests",
            dependencies: [
                "LatentServer", "LatentSearch", "LatentRetrieval", "LatentPictures", "LatentTestSupport",
                "LatentSearchTestSupport",
            ]),
    ]
)
