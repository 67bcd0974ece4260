// swift-tools-version:6.0
import PackageDescription

// Latent used as a library by a package of its own: a layer and a loss that Latent does not have, trained, saved
// and loaded back. `make test` builds and runs it.
let package = Package(
    name: "CustomAutoencoder",
    dependencies: [
        .package(name: "Latent", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "CustomAutoencoder",
            dependencies: [
                .product(name: "LatentCore", package: "Latent"), .product(name: "LatentNN", package: "Latent"),
                .product(name: "LatentData", package: "Latent"), .product(name: "LatentModels", package: "Latent"),
            ])
    ]
)
