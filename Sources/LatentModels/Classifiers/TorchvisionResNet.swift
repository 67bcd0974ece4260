import LatentCore
import LatentNN

/// torchvision's ResNet-18 and ResNet-50 (v1.5) as Latent layers, so that a PyTorch `state_dict` maps onto them
/// tensor for tensor (see `TorchvisionImport`).
///
/// `input` (rows of 3 * S * S values) -> `normalize` (ImageNet's mean and std, stored) -> `conv1` (7x7, stride 2,
/// pad 3, no bias) -> `bn1` -> `relu` -> `maxpool` (3x3, stride 2, pad 1) -> `layer1`...`layer4` -> `pool` (global
/// average, the 512 or 2048 features) -> `fc`. Unlike `ResNet`, whose 3x3 stem suits Latent's small images, this is
/// ImageNet's layout, for 224x224 photos.
public struct TorchvisionResNet: Equatable, Sendable {
    /// The two depths torchvision's ImageNet weights come in here.
    public enum Depth: String, CaseIterable, Sendable {
        /// Basic blocks (two 3x3 convolutions), [2, 2, 2, 2].
        case resnet18
        /// Bottleneck blocks (1x1, 3x3, 1x1 to 4x the width), [3, 4, 6, 3], the stride on the 3x3 (v1.5).
        case resnet50

        public var blocks: [Int] { self == .resnet18 ? [2, 2, 2, 2] : [3, 4, 6, 3] }
        /// The block's output channels per unit of its width.
        public var expansion: Int { self == .resnet18 ? 1 : 4 }
        /// "ResNet-18", for messages.
        public var title: String { self == .resnet18 ? "ResNet-18" : "ResNet-50" }
    }

    /// ImageNet's channel means and standard deviations, as torchvision's `Normalize` takes them.
    public static let imageNetMean: [Float] = [0.485, 0.456, 0.406]
    public static let imageNetStd: [Float] = [0.229, 0.224, 0.225]

    public var depth: Depth
    /// Each stage's width (torchvision's `planes`); the stem has the first. torchvision: [64, 128, 256, 512].
    public var widths: [Int]
    /// Outputs of `fc`; ImageNet's 1,000.
    public var classes: Int
    /// The side of the square RGB images the model takes.
    public var imageSize: Int

    /// - Parameters:
    ///   - depth: ResNet-18 or ResNet-50.
    ///   - widths: each stage's width; smaller than torchvision's only for test fixtures.
    ///   - classes: outputs of the final layer.
    ///   - imageSize: the side of the square input images.
    public init(depth: Depth, widths: [Int] = [64, 128, 256, 512], classes: Int = 1000, imageSize: Int = 224) {
        self.depth = depth
        self.widths = widths
        self.classes = classes
        self.imageSize = imageSize
    }

    /// The length of the pooled feature vector (`pool`): 512 for ResNet-18, 2,048 for ResNet-50.
    public var featureCount: Int { (widths.last ?? 0) * depth.expansion }

    /// The whole network as one description, its top-level layers named as in torchvision.
    public func spec() throws -> LayerSpec {
        guard widths.count == 4, widths.allSatisfy({ $0 > 0 }), classes > 0, imageSize >= 32 else {
            throw LatentError(
                "a torchvision \(depth.title) needs 4 positive stage widths (got \(widths)), at least one class "
                    + "(got \(classes)) and images of at least 32 pixels (got \(imageSize))")
        }
        var layers: [NamedLayerSpec] = [
            NamedLayerSpec("input", .reshape(shape: [3, imageSize, imageSize])),
            NamedLayerSpec("normalize", .channelNormalization(channels: 3)),
            NamedLayerSpec(
                "conv1", .conv2d(inChannels: 3, outChannels: widths[0], kernel: 7, stride: 2, padding: 3, bias: false)),
            NamedLayerSpec("bn1", .batchNorm(features: widths[0])),
            NamedLayerSpec("relu", .relu),
            NamedLayerSpec("maxpool", .maxPool2d(kernel: 3, stride: 2, padding: 1)),
        ]
        var channels = widths[0]
        for (stage, (count, width)) in zip(depth.blocks, widths).enumerated() {
            let blocks = (0..<count).map { index in
                let block = self.block(from: channels, width: width, stride: stage > 0 && index == 0 ? 2 : 1)
                channels = width * depth.expansion
                return block
            }
            layers.append(NamedLayerSpec("layer\(stage + 1)", .sequential(layers: blocks)))
        }
        layers.append(NamedLayerSpec("pool", .globalAveragePool2d))
        layers.append(NamedLayerSpec("fc", .linear(inputs: featureCount, outputs: classes)))
        return .named(layers: layers)
    }

    /// The network with fresh weights drawn from `generator` and ImageNet's statistics in `normalize`.
    ///
    /// - Parameter generator: draws the initial weights.
    public func build(using generator: inout some RandomNumberGenerator) throws -> any Layer {
        let model = try spec().build(using: &generator)
        for (name, tensor) in model.stateTensors where name.hasPrefix("normalize.") {
            let values = name == "normalize.mean" ? Self.imageNetMean : Self.imageNetStd
            tensor.copyValues(from: Tensor(shape: [values.count], scalars: values))
        }
        return model
    }

    /// torchvision's name for the tensor at Latent's dotted `path`: a block's body and shortcut are one level
    /// deeper in Latent (`layer1.0.residual.body.conv1.weight` is `layer1.0.conv1.weight`,
    /// `layer2.0.residual.shortcut.0.weight` is `layer2.0.downsample.0.weight`); the rest have the same names.
    ///
    /// - Parameter path: a tensor's dotted path in the Latent model.
    public static func torchvisionName(of path: String) -> String {
        path.replacingOccurrences(of: ".residual.body.", with: ".")
            .replacingOccurrences(of: ".residual.shortcut.", with: ".downsample.")
    }

    /// `relu(body(x) + shortcut(x))`; the shortcut projects (1x1 convolution at the stride, then batch
    /// normalisation) where the block changes the shape, as torchvision's `downsample`.
    private func block(from inChannels: Int, width: Int, stride: Int) -> LayerSpec {
        let outChannels = width * depth.expansion
        let body: [NamedLayerSpec]
        switch depth {
        case .resnet18:
            body = [
                NamedLayerSpec("conv1", conv(inChannels, width, kernel: 3, stride: stride)),
                NamedLayerSpec("bn1", .batchNorm(features: width)), NamedLayerSpec("relu1", .relu),
                NamedLayerSpec("conv2", conv(width, width, kernel: 3, stride: 1)),
                NamedLayerSpec("bn2", .batchNorm(features: width)),
            ]
        case .resnet50:
            body = [
                NamedLayerSpec("conv1", conv(inChannels, width, kernel: 1, stride: 1)),
                NamedLayerSpec("bn1", .batchNorm(features: width)), NamedLayerSpec("relu1", .relu),
                NamedLayerSpec("conv2", conv(width, width, kernel: 3, stride: stride)),
                NamedLayerSpec("bn2", .batchNorm(features: width)), NamedLayerSpec("relu2", .relu),
                NamedLayerSpec("conv3", conv(width, outChannels, kernel: 1, stride: 1)),
                NamedLayerSpec("bn3", .batchNorm(features: outChannels)),
            ]
        }
        let shortcut: LayerSpec =
            stride != 1 || inChannels != outChannels
            ? .sequential(layers: [
                conv(inChannels, outChannels, kernel: 1, stride: stride), .batchNorm(features: outChannels),
            ])
            : .identity
        return .named(layers: [
            NamedLayerSpec("residual", .residual(body: .named(layers: body), shortcut: shortcut)),
            NamedLayerSpec("relu", .relu),
        ])
    }

    /// A convolution without bias (a batch normalisation follows each), padded to keep the size at stride 1.
    private func conv(_ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int) -> LayerSpec {
        .conv2d(
            inChannels: inChannels, outChannels: outChannels, kernel: kernel, stride: stride, padding: kernel / 2,
            bias: false)
    }
}
