import ArgumentParser
import Foundation
import LatentCore
import LatentModels
import LatentNN
import LatentStorage

/// `latent bench resnet`: protocol P8, torchvision's ResNet-18 pooled features on 224x224 RGB images.
///
/// Random weights unless --weights gives a state_dict (bench/peers/torch_resnet.py --write-weights writes the one its
/// own run used); with --reference (its --write-reference, or the test fixture's outputs.safetensors) each line
/// also carries the largest difference from PyTorch's features for the same inputs.
struct ResNetBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resnet", abstract: "P8: torchvision's ResNet-18 features at 224x224, images/s and peak RSS.")

    @OptionGroup var options: ProtocolOptions

    @Option(help: "The architecture: resnet18 (P8) or resnet50.")
    var arch: TorchvisionResNet.Depth = .resnet18

    @Option(help: "A torchvision state_dict as safetensors; without it, random weights at full width.")
    var weights: String?

    @Option(help: "Safetensors with `inputs` (N, 3, 224, 224) and `ARCH.features` from PyTorch, for the same weights.")
    var reference: String?

    @Option(parsing: .unconditional, help: "Single images timed per repetition at batch 1.")
    var singles = 8

    func validate() throws {
        if let weights { try OptionChecks.requireReadableFile(weights, "--weights") }
        if let reference {
            try OptionChecks.requireReadableFile(reference, "--reference")
            guard weights != nil else { throw ValidationError("--reference needs the --weights PyTorch used") }
        }
        try OptionChecks.require(singles, in: 1...OptionChecks.largestCount, "--singles")
    }

    func run() throws {
        let model = try loadModel()
        model.setTraining(false)
        let difference = try reference.map { try largestDifference(of: model, from: $0) }
        var generator = SeededGenerator(seed: options.seed)
        let pixels = 3 * 224 * 224
        for batch in options.quick ? [1, 4] : [1, 32] {
            let images = Tensor.uniform([batch, pixels], in: 0...1, using: &generator)
            let passes = batch == 1 ? singles : 1
            let seconds = try medianSeconds(repetitions: options.repetitions) {
                for _ in 0..<passes { _ = try features(of: model, images) }
            }
            let rate = Double(batch * passes) / seconds
            log("P8 \(arch.title): \(String(format: "%.2f", rate)) images/s at batch \(batch)")
            var fields = options.commonFields("P8").filter { $0.0 != "dataset" }
            fields += [
                ("dataset", "uniform noise 224x224 RGB"), ("arch", arch.rawValue),
                ("weights", weights ?? "random"), ("batch", batch), ("images_per_second", rate),
                ("peak_rss_mb", ProcessMemory.peakResidentMegabytes),
            ]
            if let difference { fields.append(("max_abs_difference", difference)) }
            printJSONLine(fields)
        }
    }

    /// The imported weights, or a full-width network with the seed's random weights and ImageNet's normalisation.
    private func loadModel() throws -> any Layer {
        if let weights {
            do {
                return try TorchvisionImport.checkpoint(arch, weightsAt: weights).buildModel()
            } catch let error as LatentError {
                throw LatentError("--weights \(error)")
            }
        }
        var generator = SeededGenerator(seed: options.seed)
        return try TorchvisionResNet(depth: arch).build(using: &generator)
    }

    /// The 512 (or 2,048) pooled features of rows of 3 * 224 * 224 values, without recording gradients.
    private func features(of model: any Layer, _ images: Tensor) throws -> Tensor {
        try GradientMode.withoutGradients { try model.activations(at: "pool", for: images) }
    }

    /// max |Latent - PyTorch| over the reference's features.
    private func largestDifference(of model: any Layer, from path: String) throws -> Float {
        let file = try SafetensorsFile(contentsOf: path)
        let inputs = try file.tensor("inputs")
        let expected = try file.tensor("\(arch.rawValue).features")
        guard inputs.rank == 4, inputs.shape[1...] == [3, 224, 224], expected.shape.first == inputs.shape[0] else {
            throw LatentError(
                "--reference \(path): inputs \(inputs.shape) and features \(expected.shape) are not "
                    + "(N, 3, 224, 224) and (N, F)")
        }
        let got = try features(of: model, inputs.reshaped([inputs.shape[0], 3 * 224 * 224]))
        guard got.shape == expected.shape else {
            throw LatentError("--reference \(path): features \(expected.shape), but the model gives \(got.shape)")
        }
        let difference = zip(got.scalars, expected.scalars).map { abs($0 - $1) }.max() ?? 0
        log("P8 \(arch.title): max |Latent - PyTorch| = \(difference) over \(expected.count) features")
        return difference
    }
}
