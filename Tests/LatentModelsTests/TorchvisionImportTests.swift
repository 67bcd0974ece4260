import Foundation
import LatentCore
import LatentModels
import LatentNN
import LatentStorage
import LatentTestSupport
import Testing

/// torchvision's ResNets at 1/8 width with PyTorch's outputs, written by scripts/make-torchvision-fixture.py.
@Suite struct TorchvisionImportTests {
    static let fixtures = TestData.repositoryRoot + "/Tests/Fixtures/torchvision/"

    /// The fixture imported as `latent import torchvision` does, saved and loaded back as a checkpoint file.
    static func imported(_ depth: TorchvisionResNet.Depth, in scratch: ScratchDirectory) throws -> any Layer {
        let checkpoint = try TorchvisionImport.checkpoint(depth, weightsAt: fixtures + "\(depth.rawValue).safetensors")
        try checkpoint.save(to: scratch.path("model.h5"))
        return try Checkpoint.load(from: scratch.path("model.h5"), requiring: [.classifier]).buildModel()
    }

    static func largestDifference(_ a: Tensor, _ b: Tensor) -> Float {
        zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? .infinity
    }

    @Test(arguments: TorchvisionResNet.Depth.allCases)
    func featuresAndLogitsEqualPyTorchs(depth: TorchvisionResNet.Depth) throws {
        let scratch = try ScratchDirectory()
        let model = try Self.imported(depth, in: scratch)
        model.setTraining(false)
        let outputs = try SafetensorsFile(contentsOf: Self.fixtures + "outputs.safetensors")
        let inputs = try outputs.tensor("inputs")
        let rows = inputs.reshaped([2, 3 * 224 * 224])
        let features = try model.activations(at: "pool", for: rows)
        let expectedFeatures = try outputs.tensor("\(depth.rawValue).features")
        #expect(features.shape == expectedFeatures.shape)
        #expect(features.shape == [2, depth == .resnet18 ? 64 : 256])
        let logits = model(rows)
        let expectedLogits = try outputs.tensor("\(depth.rawValue).logits")
        #expect(logits.shape == [2, 10])
        let (featureError, logitError) = (
            Self.largestDifference(features, expectedFeatures), Self.largestDifference(logits, expectedLogits)
        )
        #expect(featureError <= 1e-4, "max |Latent - PyTorch| of the pooled features: \(featureError)")
        #expect(logitError <= 1e-4, "max |Latent - PyTorch| of the logits: \(logitError)")
    }

    @Test func theCheckpointRecordsItsInputAndFeatures() throws {
        let checkpoint = try TorchvisionImport.checkpoint(.resnet18, weightsAt: Self.fixtures + "resnet18.safetensors")
        #expect(checkpoint.kind == .classifier)
        #expect(checkpoint.metadata["input_shape"] == "3x224x224")
        #expect(checkpoint.metadata["feature_layer"] == "pool" && checkpoint.metadata["feature_count"] == "64")
        #expect(checkpoint.tensors["normalize.mean"]?.scalars == TorchvisionResNet.imageNetMean)
        #expect(checkpoint.tensors["normalize.std"]?.scalars == TorchvisionResNet.imageNetStd)
        // No bias where a batch normalisation follows, as in torchvision.
        #expect(checkpoint.tensors["conv1.bias"] == nil && checkpoint.tensors["conv1.weight"]?.shape == [8, 3, 7, 7])
    }

    @Test func aFileOfTheOtherDepthIsRefusedWithAHint() {
        let path = Self.fixtures + "resnet50.safetensors"
        #expect(
            throws: LatentError(
                "\(path) holds a network of bottleneck blocks, not a ResNet-18; try --arch resnet50")
        ) { try TorchvisionImport.checkpoint(.resnet18, weightsAt: path) }
    }

    @Test func everyMissingExtraAndMisshapedTensorIsNamed() throws {
        let original = try SafetensorsFile(contentsOf: Self.fixtures + "resnet18.safetensors")
        var tensors: [String: Tensor] = [:]
        for (name, entry) in original.entries where entry.dtype == "F32" { tensors[name] = try original.tensor(name) }
        tensors["layer1.0.bn1.running_var"] = nil
        tensors["head.weight"] = Tensor(zeros: [2])
        tensors["fc.bias"] = Tensor(zeros: [11])
        let scratch = try ScratchDirectory()
        let path = scratch.path("damaged.safetensors")
        try Self.safetensors(tensors).write(to: URL(fileURLWithPath: path))
        #expect(
            throws: LatentError(
                "\(path) does not fit torchvision's layout; missing from the file: layer1.0.bn1.running_var; "
                    + "not in the model: head.weight; different shapes: fc.bias: file [11], model [10]")
        ) { try TorchvisionImport.checkpoint(.resnet18, weightsAt: path) }
    }

    /// The imported network cut at `pool` with a new head, `layer4` fine-tuned and the rest frozen, as
    /// `latent transfer --cut pool --fine-tune layer4` builds it.
    @Test func aNewHeadGoesOnThePooledFeatures() throws {
        let scratch = try ScratchDirectory()
        let pretrained = try Self.imported(.resnet18, in: scratch)
        var generator = SeededGenerator(seed: 1)
        let model = try TransferModel.build(
            from: pretrained, cut: "pool", newClasses: 3, inputShape: [3 * 224 * 224], fineTune: ["layer4"],
            using: &generator)
        #expect(try model.spec.outputShape(for: [3 * 224 * 224]) == [3])
        let trainable = Set(model.trainableParameters.map(\.name))
        #expect(trainable.contains("head.weight") && trainable.contains("layer4.1.residual.body.conv2.weight"))
        #expect(!trainable.contains("conv1.weight") && !trainable.contains("layer3.0.residual.body.conv1.weight"))
    }

    /// The bytes of a safetensors file holding `tensors` as F32, in name order.
    static func safetensors(_ tensors: [String: Tensor]) throws -> Data {
        var header: [String: Any] = [:]
        var data: [UInt8] = []
        for (name, tensor) in tensors.sorted(by: { $0.key < $1.key }) {
            header[name] = [
                "dtype": "F32", "shape": tensor.shape, "data_offsets": [data.count, data.count + 4 * tensor.count],
            ]
            data += tensor.scalars.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian) { Array($0) } }
        }
        let json = try JSONSerialization.data(withJSONObject: header)
        return Data(withUnsafeBytes(of: UInt64(json.count).littleEndian) { Array($0) } + json + data)
    }
}
