import ArgumentParser
import LatentCore
import LatentModels

extension TorchvisionResNet.Depth: ExpressibleByArgument {}

/// `latent import torchvision --arch resnet18 --weights resnet18.safetensors --out resnet18.h5`.
struct ImportTorchvision: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "torchvision", abstract: "Import torchvision's ResNet-18 or ResNet-50 from a safetensors file.",
        discussion: """
            The file is the network's state_dict, saved in Python with \
            safetensors.torch.save_file(torchvision.models.resnet18(weights="IMAGENET1K_V1").state_dict(), PATH). \
            The checkpoint is a classifier whose layer `pool` holds the features (512 values for ResNet-18, 2048 for \
            ResNet-50), with ImageNet's normalisation inside: give it RGB images imported with `latent data import \
            DIR --size 224`, for `latent index build --layer pool` or `latent transfer --cut pool`.
            """)

    @Option(help: "The architecture: \(TorchvisionResNet.Depth.allCases.map(\.rawValue).joined(separator: " or ")).")
    var arch: TorchvisionResNet.Depth

    @Option(help: "The safetensors file holding the network's state_dict.")
    var weights: String

    @Option(parsing: .unconditional, help: "The side of the square images the model takes.")
    var imageSize = 224

    @Option(help: "The checkpoint to write.")
    var out: String

    @Flag(help: OutputRule.forceHelp)
    var force = false

    func validate() throws {
        try OptionChecks.requireReadableFile(weights, "--weights")
        try OptionChecks.require(imageSize, in: 32...4096, "--image-size")
        try OptionChecks.requireWritableFile(out, "--out")
        try OutputRule(inputs: [("--weights", weights)], force: force).check(out, "--out", writes: .checkpoint)
    }

    func run() throws {
        let checkpoint: Checkpoint
        do {
            checkpoint = try TorchvisionImport.checkpoint(arch, weightsAt: weights, imageSize: imageSize)
        } catch let error as LatentError {
            throw LatentError("--weights \(error)")
        }
        try createParentFolder(of: out)
        try checkpoint.save(to: out)
        let values = checkpoint.tensors.values.reduce(0) { $0 + $1.count }
        print(
            "wrote \(out): torchvision \(arch.title), \(values) stored values, "
                + "features at layer pool (\(checkpoint.metadata["feature_count"] ?? "?") values)")
        print("input: " + TorchvisionImport.preprocessingAdvice(imageSize: imageSize))
    }
}
